package dev.incidentkit.statuspage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.JsonHttpClient;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.JsonResponse;
import dev.incidentkit.adapters.http.KeyedRateLimiter;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.spi.PortException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The Statuspage REST API as the adapter uses it (api-notes §4): {@code Authorization: OAuth <key>}, JSON
 * bodies wrapped in {@code incident} or {@code component}, and every call paced through one queue per API
 * token (Statuspage allows one request per second per token). A 420 or 429 is a rate limit, waited out
 * for {@code Retry-After} if sent, else for the configured minimum. Nothing is dropped: calls wait in the
 * queue in the order they were made. Thread-safe.
 */
public final class StatuspageApi implements AutoCloseable {
    private static final String LANE = "token";

    private final JsonHttpClient http;
    private final KeyedRateLimiter pace;

    /** Creates the client. */
    public StatuspageApi(URI apiUrl, Secret token, Duration requestTimeout, Clock clock, RetryPolicy retryPolicy,
                         @Nullable HttpClient httpClient, @Nullable ScheduledExecutorService scheduler,
                         Duration requestInterval, Duration rateLimitWait) {
        JsonHttpClient.Builder b = JsonHttpClient.builder("statuspage", apiUrl)
                .authorization("OAuth", () -> token)
                .errorMapper((port, response) -> rateLimited(port, response, rateLimitWait))
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
        this.pace = KeyedRateLimiter.of(requestInterval, 1, clock, http.scheduler());
    }

    /** Statuspage answers 420 or 429 when the token's rate is exceeded, usually without {@code Retry-After}. */
    private static Optional<PortException> rateLimited(String port, JsonResponse response, Duration wait) {
        if (response.status() != 420 && response.status() != 429) {
            return Optional.empty();
        }
        return Optional.of(new PortException(port, PortException.Kind.RATE_LIMITED, "", response.status(),
                response.retryAfter().orElse(wait), "Statuspage allows one request per second per API token"));
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

    /**
     * Changes something in a way customers see each time (an incident {@code PATCH} adds an incident
     * update): not repeated after an unclear failure.
     */
    public JsonNode patchOnce(String operation, String path, JsonNode body) {
        return send(new JsonRequest(operation, "PATCH", path, Map.of(), body, false));
    }

    /** Changes something to given values (a component's status): safe to repeat. */
    public JsonNode patch(String operation, String path, JsonNode body) {
        return send(new JsonRequest(operation, "PATCH", path, Map.of(), body, true));
    }

    private JsonNode send(JsonRequest request) {
        CompletableFuture<JsonResponse> r = pace.submit(LANE, () -> http.sendAsync(request));
        try {
            return r.get().body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("statuspage " + request.operation(), PortException.Kind.UNAVAILABLE, "", 0, null,
                    "interrupted while waiting for the rate limit");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while (t instanceof CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("unexpected failure calling Statuspage", t);
        }
    }

    /** Returns how many calls wait for the rate limit or run. */
    public int queued() {
        return pace.queued(LANE);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "StatuspageApi[" + http + ", " + pace + "]";
    }
}
