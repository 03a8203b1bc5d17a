package dev.incidentkit.rotation;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Person;
import java.time.Instant;

/**
 * A time-bounded override of a {@link Rotation}: {@code person} is on call from {@code from} (inclusive)
 * to {@code until} (exclusive), whoever the rotation says. When overrides overlap, the one added last
 * wins.
 *
 * @param person who is on call instead
 * @param from when the override starts
 * @param until when it ends, after {@code from}
 * @since 0.1
 */
public record RotationOverride(Person person, Instant from, Instant until) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code until} is not after {@code from}
     */
    public RotationOverride {
        requireNonNull(person, "person");
        requireNonNull(from, "from");
        requireNonNull(until, "until");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an override ends after it starts; got " + from + " to " + until);
        }
    }

    /**
     * Returns whether the override covers an instant.
     *
     * @param at the instant
     * @return true if {@code from <= at < until}
     */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
