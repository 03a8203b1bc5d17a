/**
 * The chat command language: {@link dev.incidentkit.command.CommandParser} reads text such as
 * {@code declare sev1 Checkout is failing} into a typed {@link dev.incidentkit.incident.Command}, and
 * bad text into a usage message, never an exception. Parsing, rendering and the help text come from one
 * table, so they cannot drift apart.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.command;

import org.jspecify.annotations.NullMarked;
