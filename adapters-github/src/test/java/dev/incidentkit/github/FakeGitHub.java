package dev.incidentkit.github;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub on the shared fake vendor server, keeping state the way GitHub does: repository
 * {@code acme/incidents}, which already has the label {@code incident}; labels answer 422
 * {@code already_exists} once created; issues are numbered from 1.
 *
 * <p>Like GitHub, it never de-duplicates: every {@code POST …/issues} opens a new issue, a {@code PATCH}
 * sets the fields it names, and {@code GET} reads an issue or lists them ({@code state}, {@code labels},
 * {@code sort=created}, {@code direction}, {@code per_page}, {@code page}) with their bodies.
 * {@link #answerLate(int)} makes the next writes act and then answer only after the client has given up.
 */
final class FakeGitHub implements AutoCloseable {
    static final String TOKEN = "ghp_fake0token0for0leak0check0000000000";
    /** GitHub's documented webhook test secret (api-notes §7). */
    static final String WEBHOOK_SECRET = "It's a Secret to Everybody";
    static final String REPO = "/repos/acme/incidents";
    /** How long the client may wait in tests that time out: far below {@link #LATE}. */
    static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration LATE = Duration.ofSeconds(5);
    /**
     * The query parameters of "List repository issues" ({@code GET /repos/{owner}/{repo}/issues}), which the
     * trimmed API description lacks; from GitHub's REST reference.
     */
    private static final Set<String> LIST_PARAMETERS = Set.of("milestone", "state", "assignee", "type", "creator",
            "mentioned", "labels", "sort", "direction", "since", "per_page", "page");
    private static final Optional<ApiDescriptionValidator> SPEC = ApiDescriptionValidator.load("github-rest-issues.openapi3.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeVendorServer server = FakeVendorServer.start();
    final Set<String> labels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lateWrites = new AtomicInteger();
    /** Issues by number, oldest first; guarded by this. */
    private final Map<Integer, ObjectNode> issues = new LinkedHashMap<>();

    FakeGitHub() {
        labels.add("incident");
        server.stub("POST", REPO + "/labels", r -> {
            String name = r.json().path("name").asText();
            if (!labels.add(name)) {
                return ScriptedResponse.json(422, "{\"message\":\"Validation Failed\",\"documentation_url\":\"https://docs.github.com\","
                        + "\"errors\":[{\"resource\":\"Label\",\"field\":\"name\",\"code\":\"already_exists\"}]}");
            }
            return ScriptedResponse.json(201, "{\"id\":1,\"name\":\"" + name + "\",\"color\":\"ededed\",\"default\":false}");
        });
        server.stub("POST", REPO + "/issues", r -> late(ScriptedResponse.json(201, open(r.json()).toString())));
        server.stub("GET", REPO + "/issues", r -> ScriptedResponse.ok(list(r.query())));
    }

    private synchronized ObjectNode open(JsonNode in) {
        int n = issues.size() + 1;
        ObjectNode issue = JSON.createObjectNode().put("id", 1000 + n).put("number", n).put("state", "open")
                .put("title", in.path("title").asText()).put("body", in.path("body").asText(""))
                .put("html_url", "https://github.com/acme/incidents/issues/" + n);
        ArrayNode ls = issue.putArray("labels");
        in.path("labels").forEach(l -> ls.addObject().put("name", l.asText()));
        issues.put(n, issue);
        server.stub("GET", REPO + "/issues/" + n, g -> ScriptedResponse.ok(read(n)));
        server.stub("PATCH", REPO + "/issues/" + n, p -> late(ScriptedResponse.ok(patch(n, p.json()))));
        return issue;
    }

    private synchronized String read(int n) {
        return issues.get(n).toString();
    }

    private synchronized String patch(int n, JsonNode in) {
        ObjectNode issue = issues.get(n);
        for (String field : List.of("title", "body", "state")) {
            if (in.has(field)) {
                issue.set(field, in.get(field).deepCopy());
            }
        }
        return issue.toString();
    }

    private synchronized String list(Map<String, String> q) {
        String state = q.getOrDefault("state", "open");
        List<String> wanted = q.containsKey("labels") ? List.of(q.get("labels").split(",")) : List.of();
        int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        List<ObjectNode> all = new ArrayList<>(issues.values());
        if (!q.getOrDefault("direction", "desc").equals("asc")) {
            Collections.reverse(all);
        }
        ArrayNode out = JSON.createArrayNode();
        all.stream().filter(i -> state.equals("all") || i.path("state").asText().equals(state))
                .filter(i -> wanted.stream().allMatch(w -> i.path("labels").findValuesAsText("name").contains(w)))
                .skip((long) (page - 1) * perPage).limit(perPage).forEach(out::add);
        return out.toString();
    }

    private ScriptedResponse late(ScriptedResponse r) {
        return lateWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? r.withDelay(LATE) : r;
    }

    /** The next {@code n} issue writes act, then answer only after the client's timeout. */
    void answerLate(int n) {
        lateWrites.set(n);
    }

    /** The issues in the repository, oldest first. */
    synchronized List<JsonNode> issues() {
        return issues.values().stream().map(i -> (JsonNode) i.deepCopy()).toList();
    }

    /** Adds an issue someone else opened (a person, another tool). */
    synchronized void openedByHand(String title, String body, String... labelNames) {
        ObjectNode in = JSON.createObjectNode().put("title", title).put("body", body);
        ArrayNode ls = in.putArray("labels");
        for (String l : labelNames) {
            ls.add(l);
        }
        open(in);
    }

    /** Closes an issue as a person would on GitHub. */
    synchronized void closeByHand(int number) {
        issues.get(number).put("state", "closed");
    }

    /**
     * The testkit contracts' faults, said as GitHub says them: 503, 401, 404, 422 {@code Validation Failed},
     * and a secondary rate limit (429 with {@code retry-after}).
     */
    FakeVendorFaults faults() {
        return new FakeVendorFaults(server, kind -> switch (kind) {
            case INVALID -> ScriptedResponse.json(422, "{\"message\":\"Validation Failed\",\"documentation_url\":\"https://docs.github.com\"}");
            default -> ScriptedResponse.json(FakeVendorFaults.status(kind), "{\"message\":\"refused by the test\"}");
        }, wait -> ScriptedResponse.json(429, "{\"message\":\"You have exceeded a secondary rate limit\"}")
                .withHeader("retry-after", Long.toString(wait.toSeconds())));
    }

    /** The issue with this number as GitHub keeps it. */
    synchronized JsonNode issue(int number) {
        return issues.get(number).deepCopy();
    }

    GitHubConfig config() {
        return config(Duration.ofSeconds(10));
    }

    GitHubConfig config(Duration requestTimeout) {
        return GitHubConfig.builder().token(Secret.of(TOKEN)).repository("acme/incidents")
                .webhookSecret(Secret.of(WEBHOOK_SECRET)).apiUrl(server.baseUri()).requestTimeout(requestTimeout).build();
    }

    GitHubIssueTracker tracker(Clock clock, RetryPolicy retry) {
        return GitHubIssueTracker.builder(config()).clock(clock).retryPolicy(retry).build();
    }

    /** Writes to issues, in arrival order. */
    List<RecordedRequest> issueWrites() {
        return server.requests().stream().filter(r -> !r.method().equals("GET") && r.path().startsWith(REPO + "/issues")).toList();
    }

    /**
     * Checks each request against the API description and GitHub's required headers (api-notes §5.1). The
     * trimmed description has no "List repository issues", so that call's parameters are checked against
     * GitHub's reference here.
     */
    void checkAll() {
        for (RecordedRequest r : server.requests()) {
            assertThat(r.header("Authorization")).as("auth of %s", r).contains("Bearer " + TOKEN);
            assertThat(r.header("Accept")).as("accept of %s", r).contains("application/vnd.github+json");
            assertThat(r.header("X-GitHub-Api-Version")).as("version of %s", r).contains("2022-11-28");
            assertThat(r.header("User-Agent")).as("user agent of %s", r).hasValueSatisfying(v -> assertThat(v).isNotBlank());
            assertThat(r.rawQuery() + r.bodyText()).as("%s", r).doesNotContain(TOKEN);
            if (r.method().equals("GET") && r.path().equals(REPO + "/issues")) {
                Map<String, String> q = r.query();
                assertThat(LIST_PARAMETERS).as("parameters of %s", r).containsAll(q.keySet());
                assertThat(q.getOrDefault("state", "open")).isIn("open", "closed", "all");
                assertThat(q.getOrDefault("sort", "created")).isIn("created", "updated", "comments");
                assertThat(q.getOrDefault("direction", "desc")).isIn("asc", "desc");
                assertThat(Integer.parseInt(q.getOrDefault("per_page", "30"))).isBetween(1, 100);
                assertThat(Integer.parseInt(q.getOrDefault("page", "1"))).isPositive();
            } else {
                SPEC.ifPresent(v -> v.check(r));
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
