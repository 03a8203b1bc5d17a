package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import java.util.Optional;

/**
 * Who a {@link Reminder} is for: whoever holds a role when it fires, or one person.
 *
 * @since 0.1
 */
public sealed interface Audience {

    /**
     * Returns the person this audience means in an incident now.
     *
     * @param incident the incident
     * @return the person, or empty if nobody holds the role
     */
    Optional<PersonRef> resolve(Incident incident);

    /**
     * Whoever holds a role.
     *
     * @param role the role, e.g. {@link Role#IMOC}
     */
    record ToRole(Role role) implements Audience {
        /** Checks the field. */
        public ToRole {
            requireNonNull(role, "role");
        }

        @Override
        public Optional<PersonRef> resolve(Incident incident) {
            return incident.holder(role);
        }
    }

    /**
     * One person.
     *
     * @param person the person
     */
    record ToPerson(PersonRef person) implements Audience {
        /** Checks the field. */
        public ToPerson {
            requireNonNull(person, "person");
        }

        @Override
        public Optional<PersonRef> resolve(Incident incident) {
            return Optional.of(person);
        }
    }

    /**
     * Whoever holds a role.
     *
     * @param role the role
     * @return the audience
     */
    static Audience role(Role role) {
        return new ToRole(role);
    }

    /**
     * One person.
     *
     * @param person the person
     * @return the audience
     */
    static Audience person(PersonRef person) {
        return new ToPerson(person);
    }
}
