package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.FakeVendorFaults;
import dev.incidentkit.adapters.testing.FakeVendorServer;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A fake PagerDuty (REST and Events API on one loopback server) that keeps state the way PagerDuty does
 * (api-notes §3.2, §3.6), and forgives nothing PagerDuty would not:
 *
 * <ul>
 *   <li>REST: every {@code POST /incidents} creates an incident, except that a second <em>open</em> incident
 *       with the same {@code incident_key} is refused with 400; {@code GET /incidents?incident_key=} lists
 *       them, {@code PUT /incidents/{id}} resolves one ("already resolved" is 1001).
 *   <li>Events: a {@code trigger} opens an alert, unless an open alert with the same {@code dedup_key} (and
 *       routing key) exists, which it then joins; a trigger without a key always opens a new alert;
 *       {@code acknowledge}/{@code resolve} apply to the open alert with the key and are dropped otherwise.
 *   <li>{@link #faults()} makes it misbehave as the testkit contracts ask.
 * </ul>
 *
 * {@link #checkAll()} validates every request against the API descriptions.
 */
final class FakePagerDuty implements AutoCloseable {
    static final String TOKEN = "pd-token-u+Wr9Zk3-leakcheck";
    static final String WEBHOOK_SECRET = "pd-webhook-secret-7e1c0d-leakcheck";
    static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
    static final String FROM = "incidentkit-bot@example.com";
    static final String SERVICE = "PWIXJZS";
    static final String POLICY = "PT20YPA";
    static final String SCHEDULE = "PI7DH85";

    /** The REST description; the Events one. The REST schema types {@code body.details} as an object,
     * while its own example and PagerDuty's docs send a string (api-notes §3.2), so that one finding is
     * accepted. */
    private static final Optional<ApiDescriptionValidator> REST = ApiDescriptionValidator.load("pagerduty-rest-v2.openapi3.json");
    private static final Optional<ApiDescriptionValidator> EVENTS = ApiDescriptionValidator.load("pagerduty-events-v2.openapi3.json");
    private static final String KNOWN_SPEC_DEFECT = "incident.body.details: expected object, got string";

    final FakeVendorServer server = FakeVendorServer.start();
    final ObjectMapper json = new ObjectMapper();
    private final List<ObjectNode> incidents = new ArrayList<>();
    private final List<ObjectNode> alerts = new ArrayList<>();
    private int nextId = 1;

    FakePagerDuty() {
        server.stub("POST", "/incidents", this::create);
        server.stub("GET", "/incidents", this::listIncidents);
        server.stub("POST", "/v2/enqueue", this::enqueue);
    }

    /**
     * The testkit contracts' faults, said as PagerDuty says them: an error object with PagerDuty's code
     * (2006 unauthorised, 2100 not found, 2001 invalid input) or a bare 503, and a 429 with code 2020 and
     * {@code ratelimit-reset} in seconds.
     */
    FakeVendorFaults faults() {
        return new FakeVendorFaults(server, kind -> switch (kind) {
            case UNAVAILABLE -> ScriptedResponse.json(503, "{}");
            case UNAUTHORIZED -> error(401, 2006, "Authentication Failed");
            case NOT_FOUND -> error(404, 2100, "Not Found");
            case INVALID -> error(400, 2001, "Invalid Input Provided");
            case RATE_LIMITED, TIMEOUT -> throw new IllegalArgumentException("not a refusal: " + kind);
        }, wait -> error(429, 2020, "Rate Limit Exceeded").withHeader("ratelimit-reset", Long.toString(wait.toSeconds())));
    }

    private static ScriptedResponse error(int status, int code, String message) {
        return ScriptedResponse.json(status, "{\"error\":{\"message\":\"" + message + "\",\"code\":" + code + "}}");
    }

    PagerDutyConfig.Builder configBuilder() {
        return PagerDutyConfig.builder().apiToken(Secret.of(TOKEN)).fromEmail(FROM).serviceId(SERVICE)
                .webhookSecret(Secret.of(WEBHOOK_SECRET)).routingKey(Secret.of(ROUTING_KEY))
                .apiUrl(server.baseUri()).eventsUrl(server.baseUri());
    }

    PagerDutyConfig config() {
        return configBuilder().build();
    }

    /** What an Events API v2 user sets: the routing key alone (no REST API key, no From). */
    PagerDutyConfig.Builder eventsOnlyConfigBuilder() {
        return PagerDutyConfig.builder().routingKey(Secret.of(ROUTING_KEY)).apiUrl(server.baseUri()).eventsUrl(server.baseUri());
    }

    /** Adds a user that {@code GET /users/{id}} and {@code GET /users?query=} find. */
    void addUser(String id, String name, String email) {
        ObjectNode user = user(id, name, email);
        server.stub("GET", "/users/" + id, r -> ScriptedResponse.ok("{\"user\":" + user + "}"));
    }

    ObjectNode user(String id, String name, String email) {
        return json.createObjectNode().put("id", id).put("type", "user").put("name", name).put("email", email)
                .put("time_zone", "Europe/Berlin").put("html_url", "https://acme.pagerduty.com/users/" + id);
    }

    private synchronized ScriptedResponse create(RecordedRequest r) {
        JsonNode in = r.json().path("incident");
        String key = in.path("incident_key").asText("");
        if (!key.isEmpty() && incidents.stream().anyMatch(i -> i.path("incident_key").asText().equals(key)
                && !i.path("status").asText().equals("resolved"))) {
            return ScriptedResponse.json(400, "{\"error\":{\"message\":\"Invalid Input Provided\",\"code\":2001,"
                    + "\"errors\":[\"Open incident with key '" + key + "' already exists\"]}}");
        }
        String id = "PINC00" + nextId++;
        ObjectNode inc = json.createObjectNode().put("id", id).put("type", "incident")
                .put("title", in.path("title").asText()).put("status", "triggered").put("incident_key", key)
                .put("html_url", "https://acme.pagerduty.com/incidents/" + id).put("incident_number", nextId);
        incidents.add(inc);
        server.stub("PUT", "/incidents/" + id, this::update);
        server.stub("POST", "/incidents/" + id + "/notes", n -> ScriptedResponse.ok("{\"note\":{\"id\":\"PN1\",\"content\":"
                + n.json().path("note").path("content") + "}}"));
        return ScriptedResponse.json(201, "{\"incident\":" + inc + "}");
    }

    private synchronized ScriptedResponse update(RecordedRequest r) {
        String id = r.path().substring("/incidents/".length());
        ObjectNode inc = incidents.stream().filter(i -> i.path("id").asText().equals(id)).findFirst().orElseThrow();
        String status = r.json().path("incident").path("status").asText();
        if (status.equals("resolved") && inc.path("status").asText().equals("resolved")) {
            return ScriptedResponse.json(400, "{\"error\":{\"message\":\"Incident Already Resolved\",\"code\":1001}}");
        }
        inc.put("status", status);
        return ScriptedResponse.ok("{\"incident\":" + inc + "}");
    }

    private synchronized ScriptedResponse listIncidents(RecordedRequest r) {
        String key = r.query().getOrDefault("incident_key", "");
        ArrayNode found = json.createArrayNode();
        incidents.stream().filter(i -> key.isEmpty() || i.path("incident_key").asText().equals(key)).forEach(found::add);
        ObjectNode page = json.createObjectNode().put("limit", 100).put("offset", 0).put("more", false);
        page.set("incidents", found);
        return ScriptedResponse.ok(page.toString());
    }

    private synchronized ScriptedResponse enqueue(RecordedRequest r) {
        JsonNode event = r.json();
        String action = event.path("event_action").asText();
        String routingKey = event.path("routing_key").asText();
        String key = event.path("dedup_key").asText("");
        Optional<ObjectNode> open = alerts.stream().filter(a -> a.path("routing_key").asText().equals(routingKey)
                && a.path("dedup_key").asText().equals(key) && !a.path("status").asText().equals("resolved")).findFirst();
        if (action.equals("trigger")) {
            if (open.isPresent()) {
                open.get().put("events", open.get().path("events").asInt() + 1);
            } else {
                String dedupKey = key.isEmpty() ? UUID.randomUUID().toString() : key;
                ObjectNode alert = json.createObjectNode().put("routing_key", routingKey).put("dedup_key", dedupKey)
                        .put("status", "triggered").put("events", 1)
                        .put("summary", event.path("payload").path("summary").asText())
                        .put("page", event.path("payload").path("custom_details").path("page").asText());
                alerts.add(alert);
                open = Optional.of(alert);
            }
        } else if (open.isPresent()) {
            open.get().put("status", action.equals("resolve") ? "resolved" : "acknowledged");
        }
        String answered = open.map(a -> a.path("dedup_key").asText()).orElse(key);
        return ScriptedResponse.json(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
                + answered + "\"}");
    }

    /** An on-call entry of {@code GET /oncalls} for the schedule and policy. */
    ObjectNode oncall(String userId, String name, int level, @Nullable String start, @Nullable String end) {
        ObjectNode o = json.createObjectNode();
        o.set("user", user(userId, name, name.toLowerCase() + "@example.com"));
        o.putObject("schedule").put("id", FakePagerDuty.SCHEDULE).put("type", "schedule_reference");
        o.putObject("escalation_policy").put("id", FakePagerDuty.POLICY).put("type", "escalation_policy_reference");
        o.put("escalation_level", level);
        if (start == null) {
            o.putNull("start");
        } else {
            o.put("start", start);
        }
        if (end == null) {
            o.putNull("end");
        } else {
            o.put("end", end);
        }
        return o;
    }

    /** Answers /oncalls in pages of {@code pageSize} regardless of the limit asked, to exercise paging. */
    void serveOncalls(List<ObjectNode> all, int pageSize) {
        server.stub("GET", "/oncalls", r -> {
            int offset = Integer.parseInt(r.query().getOrDefault("offset", "0"));
            Instant since = Instant.parse(r.query().get("since"));
            Instant until = Instant.parse(r.query().get("until"));
            List<ObjectNode> inRange = all.stream().filter(o -> overlaps(o, since, until)).toList();
            ArrayNode page = json.createArrayNode();
            inRange.stream().skip(offset).limit(pageSize).forEach(page::add);
            ObjectNode body = json.createObjectNode().put("limit", pageSize).put("offset", offset)
                    .put("more", offset + pageSize < inRange.size());
            body.putNull("total");
            body.set("oncalls", page);
            return ScriptedResponse.ok(body.toString());
        });
    }

    private static boolean overlaps(ObjectNode o, Instant since, Instant until) {
        Instant start = o.path("start").isNull() ? Instant.MIN : java.time.OffsetDateTime.parse(o.path("start").asText()).toInstant();
        Instant end = o.path("end").isNull() ? Instant.MAX : java.time.OffsetDateTime.parse(o.path("end").asText()).toInstant();
        return start.isBefore(until) && end.isAfter(since);
    }

    /** A week of on-calls: Bob at level 2 all Tuesday, Alice, Carol, Dave, Alice at level 1 in turn. */
    List<ObjectNode> week() {
        return List.of(
                oncall("PBOB001", "Bob", 2, "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z"),
                oncall("PALICE1", "Alice", 1, "2026-11-24T09:00:00+01:00", "2026-11-24T20:00:00+01:00"),
                oncall("PCAROL1", "Carol", 1, "2026-11-24T20:00:00+01:00", "2026-11-25T08:00:00+01:00"),
                oncall("PDAVE01", "Dave", 1, "2026-11-25T08:00:00+01:00", "2026-11-25T20:00:00+01:00"),
                oncall("PALICE1", "Alice", 1, "2026-11-25T20:00:00+01:00", "2026-11-26T08:00:00+01:00"));
    }

    /** Every alert the Events API opened, in order; {@code events} counts the triggers each one took. */
    synchronized List<ObjectNode> alerts() {
        return alerts.stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized String status(String pagerDutyId) {
        return incidents.stream().filter(i -> i.path("id").asText().equals(pagerDutyId)).findFirst()
                .map(i -> i.path("status").asText()).orElse("none");
    }

    synchronized List<ObjectNode> incidents() {
        return incidents.stream().map(ObjectNode::deepCopy).toList();
    }

    /** A webhooks v3 body. */
    String webhook(String eventId, String type, String occurredAt, JsonNode agent, JsonNode data) {
        ObjectNode event = json.createObjectNode().put("id", eventId).put("event_type", type)
                .put("resource_type", "incident").put("occurred_at", occurredAt);
        event.set("agent", agent);
        event.putNull("client");
        event.set("data", data);
        ObjectNode body = json.createObjectNode();
        body.set("event", event);
        return body.toString();
    }

    ObjectNode userRef(String id, String name) {
        return json.createObjectNode().put("id", id).put("type", "user_reference").put("summary", name)
                .put("self", "https://api.pagerduty.com/users/" + id);
    }

    static String sign(String body) {
        return WebhookVerifier.pagerDuty(Secret.of(WEBHOOK_SECRET)).sign("", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks what every PagerDuty request must carry (api-notes §3.1, §3.6, §9), and each request against
     * the API description when the file is present.
     */
    void checkAll() {
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).isNotEmpty();
        for (RecordedRequest r : requests) {
            assertThat(r.rawQuery()).as("query of %s", r).doesNotContain(TOKEN).doesNotContain(ROUTING_KEY);
            if (r.path().startsWith("/v2/")) {
                assertThat(r.header("Authorization")).as("events calls carry no credentials: %s", r).isEmpty();
                assertThat(r.header("Content-Type")).as("content type of %s", r).contains("application/json");
                EVENTS.ifPresent(v -> v.check(r));
                continue;
            }
            assertThat(r.header("Authorization")).as("auth of %s", r).contains("Token token=" + TOKEN);
            assertThat(r.headers().get("accept")).as("accept of %s", r).containsExactly("application/vnd.pagerduty+json;version=2");
            assertThat(r.headers().get("content-type")).as("content type of %s", r).containsExactly("application/json");
            boolean write = !r.method().equals("GET");
            assertThat(r.header("From")).as("From of %s", r).isEqualTo(write ? Optional.of(FROM) : Optional.empty());
            assertThat(r.bodyText()).as("body of %s", r).doesNotContain(TOKEN);
            REST.ifPresent(v -> {
                List<String> violations = v.validate(r).violations().stream()
                        .filter(s -> !s.endsWith(KNOWN_SPEC_DEFECT)).toList();
                assertThat(violations).as("%s against the REST description", r).isEmpty();
            });
        }
    }

    static boolean specsPresent() {
        return REST.isPresent() && EVENTS.isPresent();
    }

    @Override
    public void close() {
        server.close();
    }
}
