package dev.incidentkit.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How reports write durations and times, shared by the built-in template and available to custom
 * ones so that every report reads the same way.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ReportFormat {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportFormat() {}

    /**
     * Writes a duration for people: {@code 1h 25m}, {@code 2d 3h}, {@code 12m}; under a minute in
     * seconds ({@code 45s}). Seconds are dropped (not rounded) once the duration reaches a minute.
     *
     * @param duration the duration, not negative
     * @return the text, e.g. {@code 1h 25m}
     * @throws IllegalArgumentException if the duration is negative
     */
    public static String duration(Duration duration) {
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a report duration is not negative; got " + duration);
        }
        long s = duration.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(out.length() > 0 ? " " : "").append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(out.length() > 0 ? " " : "").append(minutes).append('m');
        }
        return out.toString();
    }

    /**
     * Writes an instant in UTC to the minute: {@code 2026-11-24 14:02 UTC}.
     *
     * @param instant the instant
     * @return the text
     */
    public static String time(Instant instant) {
        return timeWithoutZone(instant) + " UTC";
    }

    /**
     * Writes an instant in UTC to the minute without naming the zone, for tables whose header says
     * UTC: {@code 2026-11-24 14:02}.
     *
     * @param instant the instant
     * @return the text
     */
    public static String timeWithoutZone(Instant instant) {
        return MINUTE.format(requireNonNull(instant, "instant"));
    }
}
