package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.FakeVendorServer;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub on the shared fake vendor server: repository {@code acme/incidents}, which already has the label
 * {@code incident}; issues are numbered from 1; labels answer 422 {@code already_exists} once created.
 */
final class FakeGitHub implements AutoCloseable {
    static final String TOKEN = "ghp_fake0token0for0leak0check0000000000";
    /** GitHub's documented webhook test secret (api-notes §7). */
    static final String WEBHOOK_SECRET = "It's a Secret to Everybody";
    static final String REPO = "/repos/acme/incidents";
    private static final Optional<ApiDescriptionValidator> SPEC = ApiDescriptionValidator.load("github-rest-issues.openapi3.json");

    final FakeVendorServer server = FakeVendorServer.start();
    final Set<String> labels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger numbers = new AtomicInteger();

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
        server.stub("POST", REPO + "/issues", r -> {
            int n = numbers.incrementAndGet();
            server.stub("PATCH", REPO + "/issues/" + n, p -> ScriptedResponse.ok(issue(n)));
            return ScriptedResponse.json(201, issue(n)).withHeader("Location", "https://api.github.com" + REPO + "/issues/" + n);
        });
    }

    static String issue(int n) {
        return "{\"id\":" + (1000 + n) + ",\"number\":" + n + ",\"state\":\"open\",\"html_url\":\"https://github.com/acme/incidents/issues/"
                + n + "\"}";
    }

    GitHubConfig config() {
        return GitHubConfig.builder().token(Secret.of(TOKEN)).repository("acme/incidents")
                .webhookSecret(Secret.of(WEBHOOK_SECRET)).apiUrl(server.baseUri()).build();
    }

    GitHubIssueTracker tracker(Clock clock, RetryPolicy retry) {
        return GitHubIssueTracker.builder(config()).clock(clock).retryPolicy(retry).build();
    }

    List<RecordedRequest> issueWrites() {
        return server.requests().stream().filter(r -> r.path().startsWith(REPO + "/issues")).toList();
    }

    /** Checks each request against the API description and GitHub's required headers (api-notes §5.1). */
    void checkAll() {
        for (RecordedRequest r : server.requests()) {
            assertThat(r.header("Authorization")).as("auth of %s", r).contains("Bearer " + TOKEN);
            assertThat(r.header("Accept")).as("accept of %s", r).contains("application/vnd.github+json");
            assertThat(r.header("X-GitHub-Api-Version")).as("version of %s", r).contains("2022-11-28");
            assertThat(r.header("User-Agent")).as("user agent of %s", r).hasValueSatisfying(v -> assertThat(v).isNotBlank());
            assertThat(r.rawQuery() + r.bodyText()).as("%s", r).doesNotContain(TOKEN);
            SPEC.ifPresent(v -> v.check(r));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
