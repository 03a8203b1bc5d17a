package dev.incidentkit.pagerduty.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.JsonHttpClient;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * PagerDuty's Events API v2 (api-notes §3.6): {@code POST /v2/enqueue}, no credentials in headers (the
 * routing key travels in the body, as the API requires), answers 202 with the {@code dedup_key}.
 * Events with a {@code dedup_key} are idempotent, so every call may be retried. Thread-safe.
 */
public final class PagerDutyEvents implements AutoCloseable {
    private final JsonHttpClient http;

    /** Creates the client for a base URL such as {@code https://events.pagerduty.com}. */
    public PagerDutyEvents(URI eventsUrl, Duration requestTimeout, Clock clock, RetryPolicy retryPolicy,
                           @Nullable HttpClient httpClient) {
        JsonHttpClient.Builder b = JsonHttpClient.builder("pagerduty-events", eventsUrl)
                .header("Content-Type", "application/json")
                .errorMapper(new PagerDutyErrors())
                .retryPolicy(retryPolicy)
                .requestTimeout(requestTimeout)
                .clock(clock);
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        this.http = b.build();
    }

    /** A fresh object. */
    public ObjectNode object() {
        return http.json().createObjectNode();
    }

    /** Sends one event; {@code event_action} names the operation in failures. */
    public JsonNode enqueue(ObjectNode event) {
        String action = event.path("event_action").asText("event");
        return http.send(JsonRequest.post("enqueue " + action, "v2/enqueue", event)).body();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "PagerDutyEvents[" + http + "]";
    }
}
