package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A side effect could not be delivered after all its retries; it is kept, and {@code retry} tries again.
 *
 * <p>JSON type name: {@code delivery_failed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param effect the effect's idempotency key
 * @param what what was being done, e.g. "publish the status update"
 * @param reason why it failed, without secrets
 * @since 0.1
 */
public record DeliveryFailed(long seq, Instant at, PersonRef by, String effect, String what, String reason) implements IncidentEvent {

    /** Checks every field. */
    public DeliveryFailed {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        effect = Checks.text(effect, "effect");
        what = Checks.text(what, "what");
        reason = Checks.text(reason, "reason");
    }
}
