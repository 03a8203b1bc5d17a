package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentId;
import java.time.Instant;

/**
 * An effect in the outbox, waiting to be delivered.
 *
 * @param id the store's id for it, increasing in the order effects were appended
 * @param incident the incident it belongs to
 * @param effect the effect
 * @param attempts how many deliveries have failed so far
 * @param notBefore when the next attempt may start
 * @since 0.1
 */
public record PendingEffect(long id, IncidentId incident, Effect effect, int attempts, Instant notBefore) {
    /** Checks nulls. */
    public PendingEffect {
        requireNonNull(incident, "incident");
        requireNonNull(effect, "effect");
        requireNonNull(notBefore, "notBefore");
    }
}
