package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A person snoozed their reminders ({@code remind me in 15m}): reminders addressed to them, or to a role
 * they hold, are held back until {@code until} and then fire once. A later snooze by the same person
 * replaces an earlier one.
 *
 * <p>JSON type name: {@code reminder_snoozed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param person whose reminders are snoozed
 * @param until when they may fire again
 * @since 0.1
 */
public record ReminderSnoozed(long seq, Instant at, PersonRef by, PersonRef person, Instant until) implements IncidentEvent {

    /** Checks every field. */
    public ReminderSnoozed {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        person = PersonRef.shared(requireNonNull(person, "person"));
        requireNonNull(until, "until");
    }
}
