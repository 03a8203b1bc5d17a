package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A role passed from one person to another.
 *
 * <p>JSON type name: {@code handed_off}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param role the role
 * @param from who held it
 * @param to who holds it now
 * @since 0.1
 */
public record HandedOff(long seq, Instant at, PersonRef by, Role role, PersonRef from, PersonRef to) implements IncidentEvent {

    /** Checks every field. */
    public HandedOff {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(role, "role");
        from = PersonRef.shared(requireNonNull(from, "from"));
        to = PersonRef.shared(requireNonNull(to, "to"));
    }
}
