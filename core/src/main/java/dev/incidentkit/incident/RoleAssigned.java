package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A person took a role nobody held.
 *
 * <p>JSON type name: {@code role_assigned}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param role the role
 * @param person who holds it now
 * @since 0.1
 */
public record RoleAssigned(long seq, Instant at, PersonRef by, Role role, PersonRef person) implements IncidentEvent {

    /** Checks every field. */
    public RoleAssigned {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(role, "role");
        person = PersonRef.shared(requireNonNull(person, "person"));
    }
}
