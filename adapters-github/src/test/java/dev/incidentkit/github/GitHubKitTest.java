package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.incident.FollowUpClosed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real IncidentKit with the GitHub adapter against the fake server: resolve files the report issue,
 * close files the follow-ups and updates the report, and GitHub's webhooks come back to the timeline.
 */
final class GitHubKitTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final IncidentId INC1 = IncidentId.of(1);
    static final WebhookVerifier SIGNER = WebhookVerifier.github(Secret.of(FakeGitHub.WEBHOOK_SECRET));

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final RecordingChatGateway chat = new RecordingChatGateway();
    final FakeGitHub github = new FakeGitHub();
    final Directory directory = new Directory() {
        @Override
        public Optional<Person> find(PersonRef ref) {
            return ref.id().equals("alice")
                    ? Optional.of(new Person("alice", "Alice", ZoneOffset.UTC, Map.of("github", "alice-gh")))
                    : Optional.empty();
        }

        @Override
        public Optional<Person> findByEmail(String email) {
            return Optional.empty();
        }
    };
    final GitHubIssueTracker tracker = GitHubIssueTracker.builder(github.config()).clock(clock)
            .retryPolicy(RetryPolicy.none()).directory(directory).build();
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat)
            .issueTracker(tracker).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
    final GitHubInbound inbound = GitHubInbound.builder(github.config(), kit, kit::incident, store).clock(clock).build();

    @AfterEach
    void close() {
        kit.close();
        tracker.close();
        github.close();
    }

    void say(String text) {
        kit.handle(new ChatRequest(ALICE, kit.incidentOf("C1").isPresent() ? "C1" : "C-general", text));
    }

    Incident incident() {
        return kit.incident(INC1).orElseThrow();
    }

    static InboundResponse deliver(GitHubInbound inbound, String event, String delivery, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return inbound.handle(new InboundRequest("POST", "/webhooks/github", Map.of("X-GitHub-Event", List.of(event),
                "X-GitHub-Delivery", List.of(delivery), "X-Hub-Signature-256", List.of(SIGNER.sign("", body)),
                "Content-Type", List.of("application/json")), body));
    }

    @Test
    void resolveFilesTheReportAndCloseFilesTheFollowUpsThenLinksThem() {
        say("declare sev2 Checkout is failing");
        say("followup Add alert on checkout 5xx");
        say("followup Load-test the payment provider");
        say("resolve");
        List<RecordedRequest> issues = github.issueWrites();
        assertThat(issues).singleElement().satisfies(r -> {
            assertThat(r.json().path("title").asText()).isEqualTo("Service disruption: INC-1 Checkout is failing");
            assertThat(r.json().path("labels").toString()).isEqualTo("[\"incident\",\"sev2\"]");
            assertThat(r.json().path("assignees").toString()).isEqualTo("[\"alice-gh\"]");
            assertThat(r.json().path("body").asText()).contains("```mermaid", "Incident channel: #inc-1-checkout-is-failing");
        });
        assertThat(github.labels).contains("sev2");

        say("close");
        assertThat(github.issueWrites()).extracting(r -> r.method() + " " + r.path() + " " + r.json().path("title").asText(""))
                .containsExactly(
                        "POST /repos/acme/incidents/issues Service disruption: INC-1 Checkout is failing",
                        "POST /repos/acme/incidents/issues Add alert on checkout 5xx",
                        "POST /repos/acme/incidents/issues Load-test the payment provider",
                        "PATCH /repos/acme/incidents/issues/1 ");
        RecordedRequest followUp = github.issueWrites().get(1);
        assertThat(followUp.json().path("body").asText()).contains("Follow-up #1 of INC-1",
                "https://github.com/acme/incidents/issues/1");
        assertThat(followUp.json().path("labels").toString()).isEqualTo("[\"follow-up\",\"incident\"]");
        String finalBody = github.issueWrites().get(3).json().path("body").asText();
        assertThat(finalBody).contains("https://github.com/acme/incidents/issues/2", "https://github.com/acme/incidents/issues/3");
        github.checkAll();
    }

    @Test
    void aFollowUpIssueClosedOnGitHubIsRecordedEvenAfterClose() {
        say("declare sev2 Checkout is failing");
        say("followup Add alert on checkout 5xx");
        say("resolve");
        say("close");
        assertThat(incident().status()).isEqualTo(IncidentStatus.CLOSED);

        String closed = "{\"action\":\"closed\",\"issue\":{\"number\":2,\"title\":\"Add alert on checkout 5xx\","
                + "\"body\":\"Follow-up #1 of INC-1 (Checkout is failing).\",\"state\":\"closed\","
                + "\"html_url\":\"https://github.com/acme/incidents/issues/2\"},\"sender\":{\"login\":\"octocat\"}}";
        InboundResponse r = deliver(inbound, "issues", "d-1", closed);
        assertThat(r.status()).isEqualTo(200);
        assertThat(incident().all(FollowUpClosed.class)).singleElement().satisfies(f -> {
            assertThat(f.number()).isEqualTo(1);
            assertThat(f.by()).isEqualTo(new PersonRef("github:octocat", "octocat"));
            assertThat(f.source()).isEqualTo("https://github.com/acme/incidents/issues/2");
        });
        assertThat(incident().openFollowUps()).isEmpty();

        InboundResponse replay = deliver(inbound, "issues", "d-1", closed);
        assertThat(replay).isEqualTo(InboundResponse.text(200, "already handled"));
        String closedReport = closed.replace("\"number\":2", "\"number\":1").replace("Add alert on checkout 5xx",
                "Service disruption: INC-1 Checkout is failing");
        assertThat(deliver(inbound, "issues", "d-2", closedReport).status()).as("not a follow-up").isEqualTo(202);
        assertThat(incident().all(FollowUpClosed.class)).hasSize(1);
    }

    @Test
    void anIncidentNoteCommentOnTheReportIssueBecomesANote() {
        say("declare sev2 Checkout is failing");
        say("resolve");
        String comment = "{\"action\":\"created\",\"issue\":{\"number\":1,\"title\":\"Service disruption: INC-1 Checkout is failing\"},"
                + "\"comment\":{\"id\":5,\"body\":\"Thanks!\\n/incident note the root cause was a config push\\nmore text\"},"
                + "\"sender\":{\"login\":\"octocat\"}}";
        assertThat(deliver(inbound, "issue_comment", "d-9", comment).status()).isEqualTo(200);
        assertThat(incident().all(NoteAdded.class)).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("the root cause was a config push");
            assertThat(n.by().name()).isEqualTo("octocat");
        });
        assertThat(deliver(inbound, "issue_comment", "d-10", comment.replace("/incident note", "just a"))
                .status()).isEqualTo(202);
        assertThat(deliver(inbound, "issue_comment", "d-11", comment.replace("\"number\":1", "\"number\":99"))
                .status()).as("not the report issue").isEqualTo(202);
        assertThat(incident().all(NoteAdded.class)).hasSize(1);
    }
}
