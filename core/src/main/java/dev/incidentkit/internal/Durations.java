package dev.incidentkit.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people type them: {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2 hours}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile(
            "(\\d{1,6})\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)");
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + "\\s*)+");

    private Durations() {}

    /** Returns the duration, or empty if {@code text} is not one or is zero. */
    public static Optional<Duration> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2).charAt(0)) {
                case 's':
                    total = total.plusSeconds(n);
                    break;
                case 'm':
                    total = total.plusMinutes(n);
                    break;
                case 'h':
                    total = total.plusHours(n);
                    break;
                default:
                    total = total.plusDays(n);
                    break;
            }
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
    }

    /** Formats a duration compactly: {@code 1h30m}, {@code 45s}, {@code 0s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder(s < 0 ? "-" : "");
        s = Math.abs(s);
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }
}
