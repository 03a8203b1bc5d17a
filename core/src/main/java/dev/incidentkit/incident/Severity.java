package dev.incidentkit.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How bad an incident is, SEV1 the most severe.
 *
 * @since 0.1
 */
public enum Severity {
    /** Critical: a core service is down or data is at risk for many customers. */
    SEV1("critical: a core service is down or data is at risk for many customers"),
    /** Major: a key feature is broken or badly degraded for many customers. */
    SEV2("major: a key feature is broken or badly degraded for many customers"),
    /** Minor: a feature is degraded for some customers, with a workaround. */
    SEV3("minor: a feature is degraded for some customers, with a workaround"),
    /** Low: little or no customer impact; handled during working hours. */
    SEV4("low: little or no customer impact; handled during working hours");

    private static final Pattern FORM = Pattern.compile("(?:sev|s|p)?[\\s-]*([1-4])");

    private final String meaning;

    Severity(String meaning) {
        this.meaning = meaning;
    }

    /**
     * Returns the one-line meaning, e.g. "critical: a core service is down…".
     *
     * @return the meaning
     */
    public String meaning() {
        return meaning;
    }

    /**
     * Returns the level, 1 for SEV1 … 4 for SEV4.
     *
     * @return the level
     */
    public int level() {
        return ordinal() + 1;
    }

    /**
     * Returns whether this is more severe than {@code other}.
     *
     * @param other the other severity
     * @return true if more severe
     */
    public boolean isMoreSevereThan(Severity other) {
        return level() < other.level();
    }

    /**
     * Reads a severity the way a tired person types it: {@code sev1}, {@code SEV 1}, {@code sev-1},
     * {@code s1}, {@code p1} or {@code 1}.
     *
     * @param text the text
     * @return the severity, or empty if the text is not one
     */
    public static Optional<Severity> parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(values()[Integer.parseInt(m.group(1)) - 1]) : Optional.empty();
    }

    /**
     * Returns the chat form, e.g. {@code sev1}.
     *
     * @return the chat form
     */
    public String chatName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
