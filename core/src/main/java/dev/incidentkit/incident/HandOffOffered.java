package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A role was offered to a candidate during a hand-off; the first candidate offered since the role last
 * changed hands who accepts ({@code accept handoff}) takes it.
 *
 * <p>JSON type name: {@code handoff_offered}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param role the role offered
 * @param candidate who it was offered to
 * @since 0.1
 */
public record HandOffOffered(long seq, Instant at, PersonRef by, Role role, PersonRef candidate) implements IncidentEvent {

    /** Checks every field. */
    public HandOffOffered {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(role, "role");
        candidate = PersonRef.shared(requireNonNull(candidate, "candidate"));
    }
}
