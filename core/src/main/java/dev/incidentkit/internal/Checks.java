package dev.incidentkit.internal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Argument checks shared by the domain records. */
public final class Checks {
    private Checks() {}

    /**
     * Checks the three fields every event has.
     *
     * @throws IllegalArgumentException if {@code seq} is not positive
     */
    public static void event(long seq, Instant at, Object by) {
        requireNonNull(at, "at");
        requireNonNull(by, "by");
        if (seq < 1) {
            throw new IllegalArgumentException("an event's seq starts at 1; got " + seq);
        }
    }

    /**
     * Returns {@code text} stripped of surrounding whitespace, which must leave something.
     *
     * @throws IllegalArgumentException naming {@code what} if the text is blank
     */
    public static String text(String text, String what) {
        requireNonNull(text, what);
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return stripped;
    }

    /**
     * Checks that a duration is positive and a whole number of seconds.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static java.time.Duration positiveSeconds(java.time.Duration d, String what) {
        requireNonNull(d, what);
        if (d.isNegative() || d.isZero() || d.getNano() != 0) {
            throw new IllegalArgumentException(what + " is a positive whole number of seconds; got " + d);
        }
        return d;
    }
}
