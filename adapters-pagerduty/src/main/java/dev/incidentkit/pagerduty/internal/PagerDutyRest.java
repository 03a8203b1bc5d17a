package dev.incidentkit.pagerduty.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.JsonHttpClient;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.spi.PortException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * PagerDuty's REST API v2 as the adapter uses it (api-notes §3.1–3.5): {@code Authorization: Token
 * token=…}, {@code Accept: application/vnd.pagerduty+json;version=2} and {@code Content-Type:
 * application/json} on every call, {@code From} on the writes that need it, error objects mapped by
 * {@link PagerDutyErrors}, classic {@code limit}/{@code offset}/{@code more} pagination. Thread-safe.
 */
public final class PagerDutyRest implements AutoCloseable {
    /** PagerDuty's page size limit. */
    public static final int PAGE_SIZE = 100;
    /** PagerDuty refuses {@code offset + limit} above this. */
    public static final int MAX_RECORDS = 10_000;

    private final JsonHttpClient http;
    private final @Nullable JsonHttpClient writes;
    private final @Nullable String from;

    /**
     * Creates the client.
     *
     * @param apiUrl the REST base URL
     * @param token the API key
     * @param from the {@code From} email for writes, or null if this client only reads
     */
    public PagerDutyRest(URI apiUrl, Secret token, @Nullable String from, Duration requestTimeout, Clock clock,
                         RetryPolicy retryPolicy, @Nullable HttpClient httpClient) {
        this.http = client(apiUrl, token, null, requestTimeout, clock, retryPolicy, httpClient);
        this.writes = from == null ? null : client(apiUrl, token, from, requestTimeout, clock, retryPolicy, httpClient);
        this.from = from;
    }

    private static JsonHttpClient client(URI apiUrl, Secret token, @Nullable String from, Duration requestTimeout,
                                         Clock clock, RetryPolicy retryPolicy, @Nullable HttpClient httpClient) {
        JsonHttpClient.Builder b = JsonHttpClient.builder("pagerduty", apiUrl)
                .authorization("Token", () -> Secret.of("token=" + token.reveal()))
                .header("Accept", "application/vnd.pagerduty+json;version=2")
                .header("Content-Type", "application/json")
                .errorMapper(new PagerDutyErrors())
                .retryPolicy(retryPolicy)
                .requestTimeout(requestTimeout)
                .clock(clock);
        if (from != null) {
            b.header("From", from);
        }
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return b.build();
    }

    /** The Jackson mapper. */
    public ObjectMapper json() {
        return http.json();
    }

    /** A fresh object. */
    public ObjectNode object() {
        return http.json().createObjectNode();
    }

    /** GETs one resource. */
    public JsonNode get(String operation, String path, Map<String, String> query) {
        return http.send(JsonRequest.get(operation, path, query)).body();
    }

    /**
     * GETs every page of a list ({@code limit}/{@code offset}, continuing while {@code more} is true), up to
     * PagerDuty's 10,000-record ceiling or until {@code enough} says stop.
     *
     * @param field the array's name in the answer, e.g. {@code oncalls}
     * @param enough looks at the items so far; true stops paging early
     */
    public List<JsonNode> list(String operation, String path, Map<String, String> query, String field,
                               Predicate<List<JsonNode>> enough) {
        List<JsonNode> items = new ArrayList<>();
        int offset = 0;
        while (true) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("limit", Integer.toString(PAGE_SIZE));
            q.put("offset", Integer.toString(offset));
            JsonNode page = get(operation, path, q);
            JsonNode got = page.path(field);
            got.forEach(items::add);
            offset += Math.max(got.size(), 1);
            if (!page.path("more").asBoolean(false) || got.isEmpty() || enough.test(items)
                    || offset + PAGE_SIZE > MAX_RECORDS) {
                return items;
            }
        }
    }

    /**
     * POSTs a write that names a requester ({@code From}).
     *
     * @param idempotent whether repeating it after an unclear failure is harmless (an incident key makes
     *     creating an incident so)
     */
    public JsonNode post(String operation, String path, ObjectNode body, boolean idempotent) {
        return writer(operation).send(new JsonRequest(operation, "POST", path, Map.of(), body, idempotent)).body();
    }

    /** PUTs a write that names a requester ({@code From}); PUTs set state, so they are idempotent. */
    public JsonNode put(String operation, String path, ObjectNode body) {
        return writer(operation).send(new JsonRequest(operation, "PUT", path, Map.of(), body, true)).body();
    }

    private JsonHttpClient writer(String operation) {
        if (writes == null) {
            throw new PortException("pagerduty " + operation, PortException.Kind.INVALID, "", 0, null,
                    "writes need a From email; set PAGERDUTY_FROM_EMAIL");
        }
        return writes;
    }

    /** The {@code From} value, if writes are configured. */
    public @Nullable String from() {
        return from;
    }

    @Override
    public void close() {
        http.close();
        if (writes != null) {
            writes.close();
        }
    }

    @Override
    public String toString() {
        return "PagerDutyRest[" + http + "]";
    }
}
