package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.internal.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A vendor's answer.
 *
 * @param status the HTTP status
 * @param headers the headers, names compared case-insensitively
 * @param body the parsed JSON body; a {@code MissingNode} when the body was empty or not JSON
 * @param receivedAt when it arrived, by the client's clock (to read an HTTP-date {@code Retry-After})
 * @since 0.1
 */
public record JsonResponse(int status, Map<String, List<String>> headers, JsonNode body, Instant receivedAt) {

    /** Checks and copies the headers into a case-insensitive map. */
    public JsonResponse {
        requireNonNull(body, "body");
        requireNonNull(receivedAt, "receivedAt");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the name, any case
     * @return the value, if present
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns how long the vendor asked us to wait, from {@code Retry-After} in seconds or as an HTTP-date.
     *
     * @return the wait, if the header is present and readable
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(v -> RetryAfter.parse(v, receivedAt));
    }

    /**
     * Returns whether the status is 2xx.
     *
     * @return true for 200–299
     */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** Shows the status only; bodies can hold personal data. */
    @Override
    public String toString() {
        return "JsonResponse[HTTP " + status + "]";
    }
}
