/**
 * What users test incidentkit wiring and their own plug-ins with: a controllable {@link
 * dev.incidentkit.testkit.TestClock}, jqwik arbitraries ({@link dev.incidentkit.testkit.arbitraries}) and
 * contract tests every SPI implementation runs ({@link dev.incidentkit.testkit.contract}). Add this module
 * at {@code test} scope.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.testkit;

import org.jspecify.annotations.NullMarked;
