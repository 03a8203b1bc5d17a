/**
 * Runnable examples, through public API only: {@link dev.incidentkit.examples.Main} runs an incident room
 * in the terminal ({@code room}), a scripted drill ({@code drill}) and the incident bot ({@code bot}).
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.examples;

import org.jspecify.annotations.NullMarked;
