package dev.incidentkit.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.JsonHttpClient;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.JsonResponse;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.spi.PortException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The GitHub REST API as the adapter uses it (api-notes §5): bearer token from a supplier on every attempt,
 * {@code Accept: application/vnd.github+json}, {@code X-GitHub-Api-Version: 2022-11-28}, and GitHub's rate
 * limits (§5.4) read from the headers by the injected clock:
 *
 * <ul>
 *   <li>403 or 429 with {@code x-ratelimit-remaining: 0}: wait until {@code x-ratelimit-reset};
 *   <li>403 or 429 with {@code retry-after}: wait that long; a secondary limit without it: a minute;
 *   <li>any response with {@code x-ratelimit-remaining: 0} closes a gate until the reset, so no further
 *       call is spent on a certain refusal: calls fail at once as rate limited, and the outbox comes back.
 * </ul>
 *
 * A 403 without those signs is a permission problem. A 422 carries GitHub's validation code
 * ({@code already_exists}, {@code invalid}, …) as the vendor code. Thread-safe.
 */
public final class GitHubApi implements AutoCloseable {
    /** The REST API version we were written against. */
    public static final String API_VERSION = "2022-11-28";

    private final JsonHttpClient http;
    private final Clock clock;
    private final Object gateLock = new Object();
    private @Nullable Instant closedUntil;

    /** Creates the client. */
    public GitHubApi(URI apiUrl, Supplier<Secret> token, Duration requestTimeout, Clock clock, RetryPolicy retryPolicy,
                     @Nullable HttpClient httpClient, @Nullable ScheduledExecutorService scheduler) {
        this.clock = clock;
        JsonHttpClient.Builder b = JsonHttpClient.builder("github", apiUrl)
                .bearer(token)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .errorMapper(this::failure)
                .retryPolicy(retryPolicy)
                .requestTimeout(requestTimeout)
                .clock(clock);
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        if (scheduler != null) {
            b.scheduler(scheduler);
        }
        this.http = b.build();
    }

    private Optional<PortException> failure(String port, JsonResponse response) {
        Optional<Instant> reset = exhaustedUntil(response);
        reset.ifPresent(this::closeGate);
        int s = response.status();
        if (s == 403 || s == 429) {
            String message = response.body().path("message").asText("").toLowerCase(Locale.ROOT);
            Duration wait = null;
            if (reset.isPresent()) {
                wait = atLeastOneSecond(Duration.between(response.receivedAt(), reset.get()));
            } else if (response.retryAfter().isPresent()) {
                wait = response.retryAfter().get();
            } else if (s == 429 || message.contains("rate limit")) {
                wait = Duration.ofMinutes(1);
            }
            if (wait != null) {
                return Optional.of(new PortException(port, PortException.Kind.RATE_LIMITED,
                        message.contains("secondary") ? "secondary_rate_limit" : "rate_limit", s, wait,
                        "GitHub's rate limit was reached; waiting as GitHub asks"));
            }
        }
        if (s == 422) {
            JsonNode first = response.body().path("errors").path(0);
            String code = first.path("code").asText("invalid");
            String field = first.path("resource").asText("") + (first.has("field") ? "." + first.path("field").asText() : "");
            return Optional.of(new PortException(port, PortException.Kind.INVALID, code, s, null,
                    "GitHub refused the request" + (field.isEmpty() ? "" : " (" + field + ")")));
        }
        return Optional.empty();
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private static Optional<Instant> exhaustedUntil(JsonResponse response) {
        if (!response.header("x-ratelimit-remaining").map(String::strip).orElse("").equals("0")) {
            return Optional.empty();
        }
        try {
            return response.header("x-ratelimit-reset").map(v -> Instant.ofEpochSecond(Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            return Optional.of(response.receivedAt().plus(Duration.ofMinutes(1)));
        }
    }

    private void closeGate(Instant until) {
        synchronized (gateLock) {
            if (closedUntil == null || until.isAfter(closedUntil)) {
                closedUntil = until;
            }
        }
    }

    private void passGate(String operation) {
        Instant now = clock.instant();
        synchronized (gateLock) {
            if (closedUntil != null && now.isBefore(closedUntil)) {
                throw new PortException("github " + operation, PortException.Kind.RATE_LIMITED, "rate_limit", 0,
                        Duration.between(now, closedUntil), "GitHub's rate limit is used up until " + closedUntil);
            }
        }
    }

    /** The Jackson mapper. */
    public ObjectMapper json() {
        return http.json();
    }

    /** A fresh JSON object. */
    public ObjectNode object() {
        return http.json().createObjectNode();
    }

    /** Reads, with query parameters. */
    public JsonNode get(String operation, String path, Map<String, String> query) {
        return send(JsonRequest.get(operation, path, query));
    }

    /** Creates something: not repeated after an unclear failure. */
    public JsonNode post(String operation, String path, JsonNode body) {
        return send(JsonRequest.post(operation, path, body).notIdempotent());
    }

    /** Sets fields to given values: safe to repeat. */
    public JsonNode patch(String operation, String path, JsonNode body) {
        return send(new JsonRequest(operation, "PATCH", path, Map.of(), body, true));
    }

    private JsonNode send(JsonRequest request) {
        passGate(request.operation());
        JsonResponse response = http.send(request);
        exhaustedUntil(response).ifPresent(this::closeGate);
        return response.body();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "GitHubApi[" + http + "]";
    }
}
