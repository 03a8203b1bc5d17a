package dev.incidentkit.adapters.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a {@code Retry-After} header: delay-seconds (RFC 9110) or an HTTP-date. */
public final class RetryAfter {
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

    private RetryAfter() {}

    /**
     * Returns the wait, never negative, or empty if the value is neither form.
     *
     * @param value the header value
     * @param now when the response arrived, for the HTTP-date form
     */
    public static Optional<Duration> parse(String value, Instant now) {
        String v = value.strip();
        if (SECONDS.matcher(v).matches()) {
            return Optional.of(Duration.ofNanos((long) (Double.parseDouble(v) * 1_000_000_000L)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
