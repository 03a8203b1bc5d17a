package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Someone typed {@code retry}: the parked deliveries were put back in the queue, except those a newer one
 * superseded (a public update older than one that went out since).
 *
 * <p>JSON type name: {@code deliveries_retried}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who typed {@code retry}
 * @param retried what is tried again, e.g. "publish the status update …"
 * @param superseded what is dropped instead, because something newer went out since
 * @since 0.1
 */
public record DeliveriesRetried(long seq, Instant at, PersonRef by, List<String> retried, List<String> superseded)
        implements IncidentEvent {

    /** Checks every field and copies the lists. */
    public DeliveriesRetried {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        retried = List.copyOf(retried);
        superseded = List.copyOf(superseded);
        if (retried.isEmpty() && superseded.isEmpty()) {
            throw new IllegalArgumentException("a retry that found nothing parked is not recorded");
        }
    }
}
