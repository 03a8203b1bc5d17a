package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * The incident moved from one status to another (not to closed or cancelled: see {@link Closed} and {@link Cancelled}).
 *
 * <p>JSON type name: {@code status_changed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param from the status before
 * @param to the status after
 * @since 0.1
 */
public record StatusChanged(long seq, Instant at, PersonRef by, IncidentStatus from, IncidentStatus to) implements IncidentEvent {

    /** Checks every field. */
    public StatusChanged {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (to == IncidentStatus.CLOSED || to == IncidentStatus.CANCELLED) {
            throw new IllegalArgumentException("use Closed or Cancelled to end an incident, not StatusChanged to " + to);
        }
    }
}
