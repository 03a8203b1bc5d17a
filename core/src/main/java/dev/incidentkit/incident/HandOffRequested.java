package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * Someone asked for a role to pass to a fresh person; candidates are to be approached.
 *
 * <p>JSON type name: {@code handoff_requested}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param role the role to hand off
 * @param reason why, for the candidates; may be empty
 * @since 0.1
 */
public record HandOffRequested(long seq, Instant at, PersonRef by, Role role, String reason) implements IncidentEvent {

    /** Checks every field. */
    public HandOffRequested {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(role, "role");
        reason = requireNonNull(reason, "reason").strip();
    }
}
