package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A reminder a {@link ReminderPolicy} schedules for an incident.
 *
 * <p>The pair ({@code key}, {@code dueAt}) identifies it: the {@link ReminderEngine} fires each pair at
 * most once per incident, and records it as a {@link dev.incidentkit.incident.ReminderFired} event. A
 * reminder that repeats (a status update still not published) keeps its key and gets a later
 * {@code dueAt}.
 *
 * @param key a stable key that starts with the policy's name, e.g. {@code status-update:7}; no whitespace
 * @param dueAt when it is due (in the past or the future)
 * @param audience who it is for
 * @param message what to tell them, e.g. "A public status update for INC-42 is due"
 * @param escalation what to do beyond telling them
 * @since 0.1
 */
public record Reminder(String key, Instant dueAt, Audience audience, String message, Escalation escalation) {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if the key is blank or holds whitespace, or the message is blank
     */
    public Reminder {
        requireNonNull(key, "key");
        if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a reminder key is non-blank and has no spaces; got '" + key + "'");
        }
        requireNonNull(dueAt, "dueAt");
        requireNonNull(audience, "audience");
        message = Checks.text(message, "reminder message");
        requireNonNull(escalation, "escalation");
    }

    /**
     * Returns the name of the policy the key starts with: the key up to its first {@code :}.
     *
     * @return e.g. {@code status-update}
     */
    public String policyName() {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }
}
