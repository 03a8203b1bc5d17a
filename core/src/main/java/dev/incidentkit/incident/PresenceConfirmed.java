package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * Someone said they are still on it ({@code here}), answering the still-there reminder.
 *
 * <p>JSON type name: {@code presence_confirmed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who is still on it
 * @since 0.1
 */
public record PresenceConfirmed(long seq, Instant at, PersonRef by) implements IncidentEvent {

    /** Checks every field. */
    public PresenceConfirmed {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
    }
}
