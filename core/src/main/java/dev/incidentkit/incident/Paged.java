package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A person was paged for the incident (for a drill, only participants are paged).
 *
 * <p>JSON type name: {@code paged}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param target who was paged
 * @param reason why, e.g. "declared SEV1" or "page not acknowledged"
 * @since 0.1
 */
public record Paged(long seq, Instant at, PersonRef by, PersonRef target, String reason) implements IncidentEvent {

    /** Checks every field. */
    public Paged {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        target = PersonRef.shared(requireNonNull(target, "target"));
        reason = Checks.text(reason, "page reason");
    }
}
