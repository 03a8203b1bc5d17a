/**
 * Reminders: the {@link dev.incidentkit.reminder.ReminderPolicy} SPI (a pure function from an incident
 * and an instant to the reminders it schedules), the built-in policies
 * ({@link dev.incidentkit.reminder.ReminderPolicies#defaults()}), the
 * {@link dev.incidentkit.reminder.ReminderEngine} that decides what is due and fires each reminder once,
 * and the {@link dev.incidentkit.reminder.ReminderScheduler} that drives it for every open incident.
 *
 * <p>A fired reminder is a {@link dev.incidentkit.incident.ReminderFired} event on the timeline, so a
 * restart or a second scheduler never fires it twice. People snooze ({@code remind me in 15m}) and mute
 * ({@code mute status reminders for 1h}) from chat; both are events too.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.reminder;

import org.jspecify.annotations.NullMarked;
