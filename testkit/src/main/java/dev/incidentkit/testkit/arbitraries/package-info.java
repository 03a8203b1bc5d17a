/**
 * jqwik arbitraries for incidentkit's values, as static factories in the style of jqwik's own
 * {@code Dates}: {@link dev.incidentkit.testkit.arbitraries.CommandArbitraries} generates commands (every one
 * a canonical value that {@code CommandParser} reads back from its rendering).
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.testkit.arbitraries;

import org.jspecify.annotations.NullMarked;
