package dev.incidentkit.slack.internal;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The Slack Web API as the adapter uses it: JSON POSTs for writes, GETs with query parameters for reads
 * (api-notes §2.1), {@code ok:false} mapped by {@link SlackErrors}, and {@code chat.postMessage} paced per
 * channel. Thread-safe.
 */
public final class SlackApi implements AutoCloseable {
    private final JsonHttpClient http;
    private final KeyedRateLimiter posting;

    /** Creates the client. */
    public SlackApi(URI apiUrl, Secret botToken, Duration requestTimeout, Clock clock, RetryPolicy retryPolicy,
                    @Nullable HttpClient httpClient, @Nullable ScheduledExecutorService scheduler,
                    Duration postInterval, int postBurst) {
        JsonHttpClient.Builder b = JsonHttpClient.builder("slack", apiUrl)
                .bearer(() -> botToken)
                .errorMapper(new SlackErrors())
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
        this.posting = KeyedRateLimiter.of(postInterval, postBurst, clock, http.scheduler());
    }

    /** The Jackson mapper. */
    public ObjectMapper json() {
        return http.json();
    }

    /** A fresh argument object. */
    public ObjectNode args() {
        return http.json().createObjectNode();
    }

    /** Calls a write method that is safe to repeat (setTopic, invite, pins.add, chat.update, …). */
    public JsonNode call(String method, ObjectNode args) {
        return http.send(JsonRequest.post(method, method, args)).body();
    }

    /** Calls a write method that creates something, so it is not repeated after an unclear failure. */
    public JsonNode create(String method, ObjectNode args) {
        return http.send(JsonRequest.post(method, method, args).notIdempotent()).body();
    }

    /** Calls a read method with query parameters. */
    public JsonNode read(String method, Map<String, String> query) {
        return http.send(JsonRequest.get(method, method, query)).body();
    }

    /** Posts a message, paced per channel, in order, after every earlier post to that channel. */
    public JsonNode postMessage(String channel, ObjectNode args) {
        CompletableFuture<JsonResponse> r = posting.submit(channel,
                () -> http.sendAsync(JsonRequest.post("chat.postMessage", "chat.postMessage", args).notIdempotent()));
        try {
            return r.get().body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("slack chat.postMessage", PortException.Kind.UNAVAILABLE, "", 0, null,
                    "interrupted while waiting to post");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while (t instanceof CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("unexpected failure posting", t);
        }
    }

    /** Posts a message to a {@code response_url} (no credentials are sent there). */
    public CompletableFuture<JsonResponse> respond(String responseUrl, ObjectNode message) {
        return http.sendAsync(JsonRequest.post("response_url", responseUrl, message).notIdempotent());
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "SlackApi[" + http + "]";
    }
}
