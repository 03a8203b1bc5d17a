package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short, human-friendly incident id such as {@code INC-42}: a prefix of two to ten letters, a dash and
 * a positive number. People type it in chat, so parsing is case-insensitive ({@code inc-42} works).
 *
 * @param value the canonical form, upper-case prefix, e.g. {@code INC-42}
 * @since 0.1
 */
public record IncidentId(String value) implements Comparable<IncidentId> {

    /** The prefix {@link #of(long)} uses. */
    public static final String DEFAULT_PREFIX = "INC";

    private static final Pattern FORM = Pattern.compile("([A-Za-z]{2,10})-([1-9][0-9]{0,17})");

    /**
     * Checks the canonical form.
     *
     * @throws IllegalArgumentException if {@code value} is not like {@code INC-42}
     */
    public IncidentId {
        requireNonNull(value, "value");
        if (!FORM.matcher(value).matches() || !value.equals(value.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "an incident id is letters, a dash and a number, like INC-42; got '" + value + "'");
        }
    }

    /**
     * The id with the default prefix, e.g. {@code of(42)} is {@code INC-42}.
     *
     * @param number a positive number
     * @return the id
     * @throws IllegalArgumentException if {@code number} is not positive
     */
    public static IncidentId of(long number) {
        return of(DEFAULT_PREFIX, number);
    }

    /**
     * The id with the given prefix, e.g. {@code of("OPS", 7)} is {@code OPS-7}.
     *
     * @param prefix two to ten letters
     * @param number a positive number
     * @return the id
     * @throws IllegalArgumentException if the prefix or number is out of range
     */
    public static IncidentId of(String prefix, long number) {
        if (number < 1) {
            throw new IllegalArgumentException("an incident number is positive; got " + number);
        }
        return new IncidentId(prefix.toUpperCase(Locale.ROOT) + "-" + number);
    }

    /**
     * Reads an id as a person types it; case-insensitive, surrounding spaces and a leading {@code #}
     * ignored.
     *
     * @param text the text, e.g. {@code "inc-42"}
     * @return the id, or empty if the text is not an id
     */
    public static Optional<IncidentId> parse(String text) {
        String t = text.strip();
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        Matcher m = FORM.matcher(t);
        return m.matches() ? Optional.of(new IncidentId(t.toUpperCase(Locale.ROOT))) : Optional.empty();
    }

    /**
     * Returns the prefix, e.g. {@code INC}.
     *
     * @return the prefix
     */
    public String prefix() {
        return value.substring(0, value.indexOf('-'));
    }

    /**
     * Returns the number, e.g. 42.
     *
     * @return the number
     */
    public long number() {
        return Long.parseLong(value.substring(value.indexOf('-') + 1));
    }

    /** Orders by prefix, then numerically by number, so INC-9 comes before INC-10. */
    @Override
    public int compareTo(IncidentId other) {
        int byPrefix = prefix().compareTo(other.prefix());
        return byPrefix != 0 ? byPrefix : Long.compare(number(), other.number());
    }

    /** Returns the canonical form, e.g. {@code INC-42}. */
    @Override
    public String toString() {
        return value;
    }
}
