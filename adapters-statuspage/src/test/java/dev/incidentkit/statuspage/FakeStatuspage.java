package dev.incidentkit.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.FakeVendorFaults;
import dev.incidentkit.adapters.testing.FakeVendorServer;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Statuspage on the shared fake vendor server, keeping state the way Statuspage does: page {@code page1}
 * (and sandbox {@code sandbox1}) with the components "Checkout API", "Payments" and a group row, whose
 * statuses a {@code PATCH} sets; the incident templates "Checkout degraded" and "Scheduled DB maintenance";
 * and incidents numbered {@code sp1}, {@code sp2}, …
 *
 * <p>Like the vendor, it never de-duplicates: every {@code POST} opens a new incident, every {@code PATCH}
 * with a status or body adds an entry to its {@code incident_updates}, {@code metadata} is kept (merged by
 * top-level key) and returned by every read. {@link #answerLate(int)} makes the next writes act and then
 * answer only after the client has given up, as a vendor that timed out after acting.
 */
final class FakeStatuspage implements AutoCloseable {
    static final String TOKEN = "sp-token-5f1e9c0a7d-leak-check";
    static final String PAGE = "page1";
    static final String SANDBOX = "sandbox1";
    static final String TEMPLATES = "[{\"id\":\"tpl_checkout\",\"name\":\"Checkout degraded\",\"title\":\"Checkout is slow\","
            + "\"body\":\"Some checkouts are slow; we have found the cause and are fixing it.\",\"update_status\":\"identified\","
            + "\"should_tweet\":false,\"should_send_notifications\":true,"
            + "\"components\":[{\"id\":\"cmp_checkout\",\"page_id\":\"page1\",\"name\":\"Checkout API\",\"status\":\"degraded_performance\"}]},"
            + "{\"id\":\"tpl_db\",\"name\":\"Scheduled DB maintenance\",\"title\":\"Database maintenance\","
            + "\"body\":\"We are upgrading the database.\",\"update_status\":\"scheduled\",\"components\":[]}]";
    /** How long the client may wait in tests that time out: far below {@link #LATE}. */
    static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration LATE = Duration.ofSeconds(5);
    private static final Optional<ApiDescriptionValidator> SPEC = ApiDescriptionValidator.load("statuspage-v1.openapi3.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeVendorServer server = FakeVendorServer.start();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger updateIds = new AtomicInteger();
    private final AtomicInteger lateWrites = new AtomicInteger();
    private final Instant epoch = Instant.parse("2026-11-24T14:00:00Z");
    /** page to incident id to incident, in creation order; guarded by this. */
    private final Map<String, Map<String, ObjectNode>> incidents = new LinkedHashMap<>();
    /** page to component id to component; guarded by this. */
    private final Map<String, Map<String, ObjectNode>> components = new LinkedHashMap<>();

    FakeStatuspage() {
        for (String page : List.of(PAGE, SANDBOX)) {
            incidents.put(page, new LinkedHashMap<>());
            Map<String, ObjectNode> cs = new LinkedHashMap<>();
            cs.put("cmp_checkout", component(page, "cmp_checkout", "Checkout API", false));
            cs.put("cmp_payments", component(page, "cmp_payments", "Payments", false));
            cs.put("grp_shop", component(page, "grp_shop", "Shop", true));
            components.put(page, cs);
            String base = "/v1/pages/" + page;
            server.stub("GET", base + "/components", r -> ok(list(cs.values(), c -> true, r.query(), "per_page")));
            for (String id : cs.keySet()) {
                server.stub("PATCH", base + "/components/" + id, r -> write(() -> {
                    synchronized (this) {
                        cs.get(id).put("status", r.json().path("component").path("status").asText());
                        return ScriptedResponse.ok(cs.get(id).toString());
                    }
                }));
            }
            server.stub("GET", base + "/incident_templates", r -> ScriptedResponse.ok(TEMPLATES));
            server.stub("POST", base + "/incidents", r -> write(() -> ScriptedResponse.json(201, open(page, r).toString())));
            server.stub("GET", base + "/incidents", r -> ok(list(incidents(page), i -> true, r.query(), "limit")));
            server.stub("GET", base + "/incidents/unresolved", r -> ok(list(incidents(page),
                    i -> !i.path("status").asText().equals("resolved"), r.query(), "per_page")));
        }
    }

    private static ObjectNode component(String page, String id, String name, boolean group) {
        return JSON.createObjectNode().put("id", id).put("page_id", page).put("name", name).put("status", "operational")
                .put("group", group);
    }

    private synchronized List<ObjectNode> incidents(String page) {
        List<ObjectNode> newestFirst = new ArrayList<>(incidents.get(page).values());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** A list endpoint: a bare array, {@code page} from 1, page size in {@code sizeParameter} (max 100). */
    private synchronized String list(java.util.Collection<ObjectNode> all, Predicate<ObjectNode> filter,
                                     Map<String, String> query, String sizeParameter) {
        int size = Math.min(100, Integer.parseInt(query.getOrDefault(sizeParameter, "100")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        ArrayNode out = JSON.createArrayNode();
        all.stream().filter(filter).skip((long) (page - 1) * size).limit(size).forEach(out::add);
        return out.toString();
    }

    private static ScriptedResponse ok(String body) {
        return ScriptedResponse.ok(body);
    }

    /** Acts at once; answers late if a late answer was asked for. */
    private ScriptedResponse write(java.util.function.Supplier<ScriptedResponse> act) {
        ScriptedResponse r = act.get();
        return lateWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? r.withDelay(LATE) : r;
    }

    private synchronized ObjectNode open(String page, RecordedRequest r) {
        JsonNode in = r.json().path("incident");
        String id = "sp" + ids.incrementAndGet();
        ObjectNode i = JSON.createObjectNode().put("id", id).put("page_id", page).put("name", in.path("name").asText())
                .put("status", in.path("status").asText("investigating")).put("shortlink", "https://stspg.io/" + id)
                .put("created_at", now().toString());
        i.set("metadata", in.has("metadata") ? in.get("metadata").deepCopy() : JSON.createObjectNode());
        i.putArray("incident_updates");
        addUpdate(i, in);
        incidents.get(page).put(id, i);
        String path = "/v1/pages/" + page + "/incidents/" + id;
        server.stub("GET", path, g -> ok(incident(page, id)));
        server.stub("PATCH", path, p -> write(() -> ScriptedResponse.ok(patch(page, id, p.json().path("incident")))));
        return i;
    }

    private synchronized String incident(String page, String id) {
        return incidents.get(page).get(id).toString();
    }

    private synchronized String patch(String page, String id, JsonNode in) {
        ObjectNode i = incidents.get(page).get(id);
        if (in.has("status")) {
            i.put("status", in.path("status").asText());
        }
        if (in.has("name")) {
            i.put("name", in.path("name").asText());
        }
        in.path("metadata").fields().forEachRemaining(e -> ((ObjectNode) i.get("metadata")).set(e.getKey(), e.getValue().deepCopy()));
        if (in.has("status") || in.has("body")) {
            addUpdate(i, in);
        }
        return i.toString();
    }

    private void addUpdate(ObjectNode incident, JsonNode in) {
        int n = updateIds.incrementAndGet();
        ObjectNode u = ((ArrayNode) incident.get("incident_updates")).insertObject(0);
        u.put("id", "upd" + n).put("incident_id", incident.path("id").asText())
                .put("status", in.path("status").asText(incident.path("status").asText()))
                .put("body", in.path("body").asText("")).put("created_at", now().plusSeconds(n).toString());
    }

    private Instant now() {
        return epoch;
    }

    /** The next {@code n} writes act, then answer only after the client's timeout. */
    void answerLate(int n) {
        lateWrites.set(n);
    }

    /** The incidents on a page, oldest first, as Statuspage keeps them. */
    synchronized List<JsonNode> incidentsOn(String page) {
        return incidents.get(page).values().stream().map(i -> (JsonNode) i.deepCopy()).toList();
    }

    /** The bodies of an incident's updates, oldest first (customers see each one). */
    synchronized List<String> updatesOf(String page, String id) {
        List<String> out = new ArrayList<>();
        incidents.get(page).get(id).path("incident_updates").forEach(u -> out.add(0, u.path("status").asText() + ": "
                + u.path("body").asText()));
        return out;
    }

    /** A component's status on a page. */
    synchronized String componentStatus(String page, String id) {
        return components.get(page).get(id).path("status").asText();
    }

    /** The testkit contracts' faults: Statuspage says each failure with its HTTP status. */
    FakeVendorFaults faults() {
        return FakeVendorFaults.byStatus(server);
    }

    StatuspageConfig config() {
        return config(Duration.ofSeconds(10));
    }

    StatuspageConfig config(Duration requestTimeout) {
        return StatuspageConfig.builder().token(Secret.of(TOKEN)).pageId(PAGE).sandboxPageId(SANDBOX)
                .apiUrl(server.uri("/v1")).requestTimeout(requestTimeout).build();
    }

    StatuspageStatusPublisher publisher(Clock clock, RetryPolicy retry) {
        return publisher(config(), clock, retry);
    }

    StatuspageStatusPublisher publisher(StatuspageConfig config, Clock clock, RetryPolicy retry) {
        return StatuspageStatusPublisher.builder(config).clock(clock).retryPolicy(retry)
                .requestInterval(Duration.ZERO).rateLimitWait(Duration.ofMillis(5)).build();
    }

    /** Writes to incidents, in arrival order. */
    List<RecordedRequest> incidentWrites() {
        return server.requests().stream()
                .filter(r -> !r.method().equals("GET") && r.path().contains("/incidents")).toList();
    }

    /**
     * Checks every request against the API description, and what every call must carry: the API key in the
     * {@code OAuth} header, never in the URL or a body, and JSON bodies wrapped in {@code incident} or
     * {@code component}; incident metadata's top-level values are objects, as Statuspage requires.
     */
    void checkAll() {
        for (RecordedRequest r : server.requests()) {
            assertThat(r.header("Authorization")).as("auth of %s", r).contains("OAuth " + TOKEN);
            assertThat(r.rawQuery()).as("query of %s", r).doesNotContain(TOKEN);
            assertThat(r.bodyText()).as("body of %s", r).doesNotContain(TOKEN);
            if (!r.method().equals("GET")) {
                assertThat(r.header("Content-Type")).as("content type of %s", r).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
                String wrapper = r.path().contains("/components/") ? "component" : "incident";
                assertThat(r.json().has(wrapper)).as("wrapped body of %s", r).isTrue();
                r.json().path("incident").path("metadata").forEach(v -> assertThat(v.isObject()).as("metadata of %s", r).isTrue());
            }
            SPEC.ifPresent(v -> v.check(r));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
