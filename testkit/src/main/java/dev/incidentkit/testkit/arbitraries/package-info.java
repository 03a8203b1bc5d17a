/**
 * jqwik arbitraries for incidentkit's values, as static factories in the style of jqwik's own
 * {@code Dates}: {@link dev.incidentkit.testkit.arbitraries.CommandArbitraries} generates commands (every one
 * a canonical value that {@code CommandParser} reads back from its rendering),
 * {@link dev.incidentkit.testkit.arbitraries.IncidentArbitraries} realistic incidents (valid timelines
 * made by running command scripts through {@code Decider}),
 * {@link dev.incidentkit.testkit.arbitraries.PersonArbitraries} people and zones, and
 * {@link dev.incidentkit.testkit.arbitraries.RotationArbitraries} rotations. With the testkit on the test
 * class path, {@code @ForAll Incident}, {@code Person}, {@code Rotation} and {@code Command} work without
 * a {@code @Provide} method.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.testkit.arbitraries;

import org.jspecify.annotations.NullMarked;
