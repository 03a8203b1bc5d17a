package dev.incidentkit.adapters.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the fake vendor server answers.
 *
 * @param status the HTTP status
 * @param headers extra headers
 * @param body the body, usually JSON; empty for none
 * @param delay how long to wait before answering (scheduled, no thread sleeps)
 */
public record ScriptedResponse(int status, Map<String, String> headers, String body, Duration delay) {

    /** Checks and copies. */
    public ScriptedResponse {
        requireNonNull(body, "body");
        requireNonNull(delay, "delay");
        headers = Map.copyOf(headers);
    }

    /** A JSON answer with the given status. */
    public static ScriptedResponse json(int status, String body) {
        return new ScriptedResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"), body, Duration.ZERO);
    }

    /** A 200 JSON answer. */
    public static ScriptedResponse ok(String body) {
        return json(200, body);
    }

    /** An answer with a status and no body. */
    public static ScriptedResponse status(int status) {
        return new ScriptedResponse(status, Map.of(), "", Duration.ZERO);
    }

    /** HTTP 429 with {@code Retry-After} in whole seconds (rounded up) and a Slack-style body. */
    public static ScriptedResponse tooManyRequests(Duration retryAfter) {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return json(429, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", Long.toString(seconds));
    }

    /** A copy with one more header. */
    public ScriptedResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ScriptedResponse(status, h, body, delay);
    }

    /** A copy answered only after {@code delay}. */
    public ScriptedResponse withDelay(Duration delay) {
        return new ScriptedResponse(status, headers, body, delay);
    }
}
