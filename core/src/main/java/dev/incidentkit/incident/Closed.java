package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * The service-disruption report is done and the incident is closed. Final.
 *
 * <p>JSON type name: {@code closed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @since 0.1
 */
public record Closed(long seq, Instant at, PersonRef by) implements IncidentEvent {

    /** Checks every field. */
    public Closed {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
    }
}
