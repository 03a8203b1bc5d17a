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
        String stripped = clean(text).strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return stripped;
    }

    /**
     * Returns {@code text} as {@link #text(String, String)} does, and checks its length.
     *
     * @throws IllegalArgumentException naming {@code what}, the limit and the length if it is longer
     */
    public static String text(String text, String what, int max) {
        String checked = text(text, what);
        if (checked.length() > max) {
            throw new IllegalArgumentException(what + " is " + checked.length() + " characters; the limit is " + max
                    + " (what one chat message section and the status page show): shorten it");
        }
        return checked;
    }

    /**
     * Removes control characters (NUL and the rest of C0 and C1, but not line breaks and tabs), which no chat,
     * status page or store should receive: PostgreSQL's {@code jsonb} rejects NUL, and the others render
     * nothing sensible for them.
     */
    public static String clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                StringBuilder out = new StringBuilder(text.length());
                text.chars().filter(c -> !isControl((char) c)).forEach(c -> out.append((char) c));
                return out.toString();
            }
        }
        return text;
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t' && c != '\r';
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
