package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * The incident was a false alarm. Final.
 *
 * <p>JSON type name: {@code cancelled}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param reason why; may be empty
 * @since 0.1
 */
public record Cancelled(long seq, Instant at, PersonRef by, String reason) implements IncidentEvent {

    /** Checks every field. */
    public Cancelled {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        reason = requireNonNull(reason, "reason").strip();
    }
}
