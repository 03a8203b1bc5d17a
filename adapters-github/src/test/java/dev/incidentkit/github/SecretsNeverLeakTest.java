package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker.Issue;
import dev.incidentkit.spi.IssueTracker.NewIssue;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through its noisy paths (a refused token, a rate limit, a forged and a replayed
 * delivery) with debug logging on, and checks that no secret appears in a log line, an exception message
 * or a {@code toString}.
 */
final class SecretsNeverLeakTest {
    private static final String WRONG_TOKEN = "ghp_wrong0token0for0leak0check000000000";

    @Test
    void noSecretInLogsExceptionsOrToStrings() {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        try (FakeGitHub github = new FakeGitHub();
             GitHubIssueTracker tracker = github.tracker(clock, RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)));
             IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(new RecordingChatGateway())
                     .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build()) {
            github.server.enqueue("POST", FakeGitHub.REPO + "/issues", ScriptedResponse.json(429, "{\"message\":\"slow down\"}").withHeader("retry-after", "0"));
            Issue issue = tracker.open(new NewIssue(IncidentId.of(1), "t", "b", List.of("sev1")), IdempotencyKey.first("k1"));
            seen.add(String.valueOf(catchThrowable(() -> tracker.updateBody(new Issue("99", "x"), "b"))));
            GitHubConfig wrong = GitHubConfig.builder().token(Secret.of(WRONG_TOKEN)).repository("acme/incidents")
                    .webhookSecret(Secret.of(FakeGitHub.WEBHOOK_SECRET)).apiUrl(github.server.baseUri()).build();
            github.server.enqueue("PATCH", FakeGitHub.REPO + "/issues/" + issue.id(),
                    ScriptedResponse.json(401, "{\"message\":\"Bad credentials\"}"));
            try (GitHubIssueTracker bad = GitHubIssueTracker.builder(wrong).retryPolicy(RetryPolicy.none()).build()) {
                seen.add(String.valueOf(catchThrowable(() -> bad.updateBody(issue, "b"))));
                seen.add(bad.toString());
                seen.add(wrong.toString());
            }
            GitHubInbound inbound = GitHubInbound.builder(github.config(), kit, kit::incident, store).clock(clock).build();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            InboundRequest forged = new InboundRequest("POST", "/webhooks/github", Map.of("X-Hub-Signature-256", List.of("sha256=" + "1".repeat(64)),
                    "X-GitHub-Delivery", List.of("x")), body);
            seen.add(inbound.handle(forged).toString());
            seen.add(forged.toString());
            seen.add(inbound.toString());
            seen.add(tracker.toString());
            seen.add(github.config().toString());
            seen.add(String.valueOf(catchThrowable(() -> GitHubConfig.from(Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN)::get))));
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("debug logging was on and captured").contains("github issues.create");
        for (String secret : List.of(FakeGitHub.TOKEN, WRONG_TOKEN, FakeGitHub.WEBHOOK_SECRET)) {
            assertThat(logs).as("captured logs").doesNotContain(secret);
            assertThat(seen).as("exception messages and toStrings").noneMatch(s -> s.contains(secret));
        }
    }
}
