package dev.incidentkit.rotation;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Person;
import java.time.Instant;

/**
 * A stretch of time during which one person is on call, overrides included.
 *
 * @param person who is on call
 * @param from when the stretch starts (inclusive)
 * @param until when it ends (exclusive), after {@code from}
 * @since 0.1
 */
public record OnCallShift(Person person, Instant from, Instant until) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code until} is not after {@code from}
     */
    public OnCallShift {
        requireNonNull(person, "person");
        requireNonNull(from, "from");
        requireNonNull(until, "until");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("a shift ends after it starts; got " + from + " to " + until);
        }
    }
}
