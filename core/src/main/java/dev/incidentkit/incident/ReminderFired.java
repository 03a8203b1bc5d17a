package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A reminder fell due and was sent. Recording it means it never fires twice.
 *
 * <p>JSON type name: {@code reminder_fired}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param key the reminder's stable key, starting with the name of the policy that made it
 * @param dueAt when it was due
 * @param message what it said
 * @since 0.1
 */
public record ReminderFired(long seq, Instant at, PersonRef by, String key, Instant dueAt, String message) implements IncidentEvent {

    /** Checks every field. */
    public ReminderFired {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        key = Checks.text(key, "reminder key");
        requireNonNull(dueAt, "dueAt");
        message = Checks.text(message, "reminder message");
    }
}
