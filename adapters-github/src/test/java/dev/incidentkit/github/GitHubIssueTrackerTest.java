package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker.Issue;
import dev.incidentkit.spi.IssueTracker.NewIssue;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class GitHubIssueTrackerTest {
    static final IncidentId INC = IncidentId.of(7);
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("bob", "Bob");

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final FakeGitHub github = new FakeGitHub();
    final GitHubIssueTracker tracker = GitHubIssueTracker.builder(github.config()).clock(clock)
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
            .logins(p -> p.id().equals("alice") ? Optional.of("alice-gh") : Optional.empty()).build();

    @AfterEach
    void close() {
        tracker.close();
        github.close();
    }

    @Test
    void opensTheIssueWithLabelsCreatingTheMissingOnesAndAssignsWhoItCanMap() {
        Issue issue = tracker.open(new NewIssue(INC, "Service disruption: INC-7 Checkout", "## Summary\n…",
                List.of("incident", "sev1"), List.of(ALICE, BOB)), IdempotencyKey.first("INC-7:9:0"));
        assertThat(issue).isEqualTo(new Issue("1", "https://github.com/acme/incidents/issues/1"));
        assertThat(github.server.requests("POST", FakeGitHub.REPO + "/labels")).extracting(r -> r.json().path("name").asText())
                .containsExactly("incident", "sev1");
        assertThat(github.server.exchanges()).extracting(x -> x.response().status()).containsExactly(422, 201, 201);
        RecordedRequest create = github.issueWrites().get(0);
        assertThat(create.json().path("title").asText()).isEqualTo("Service disruption: INC-7 Checkout");
        assertThat(create.json().path("labels").toString()).isEqualTo("[\"incident\",\"sev1\"]");
        assertThat(create.json().path("assignees").toString()).isEqualTo("[\"alice-gh\"]");
        assertThat(create.json().has("assignee")).as("the singular field goes away in 2026-03-10").isFalse();

        assertThat(create.json().path("body").asText()).isEqualTo("<!-- incidentkit:INC-7:9:0 -->\n## Summary\n…");
        tracker.open(new NewIssue(INC, "Add alert on checkout 5xx", "Follow-up #1", List.of("sev1", "follow-up")), IdempotencyKey.first("INC-7:12:0"));
        assertThat(github.server.requests("POST", FakeGitHub.REPO + "/labels")).as("known labels are not created again")
                .extracting(r -> r.json().path("name").asText()).containsExactly("incident", "sev1", "follow-up");
        github.checkAll();
    }

    @Test
    void updatesTheBody() {
        Issue issue = tracker.open(new NewIssue(INC, "Service disruption", "v1", List.of()), IdempotencyKey.first("k"));
        tracker.updateBody(issue, "v2 with the follow-ups");
        RecordedRequest patch = github.issueWrites().get(1);
        assertThat(patch.method() + " " + patch.path()).isEqualTo("PATCH /repos/acme/incidents/issues/1");
        assertThat(patch.json().path("body").asText()).as("the marker survives")
                .isEqualTo("<!-- incidentkit:k -->\nv2 with the follow-ups");
        tracker.updateBody(issue, "v3");
        assertThat(github.issues().get(0).path("body").asText()).isEqualTo("<!-- incidentkit:k -->\nv3");
        github.checkAll();
    }

    GitHubIssueTracker impatient() {
        return GitHubIssueTracker.builder(github.config(FakeGitHub.CLIENT_TIMEOUT)).clock(clock).retryPolicy(RetryPolicy.none()).build();
    }

    @Test
    void aCreateThatActedThenTimedOutIsFoundByItsMarkerSoOneIssueExists() {
        NewIssue report = new NewIssue(INC, "Service disruption: INC-7", "## Summary", List.of("incident", "sev1"));
        github.openedByHand("Unrelated", "mentions incidentkit but has no marker", "incident", "sev1");
        try (GitHubIssueTracker replicaA = impatient(); GitHubIssueTracker replicaB = impatient()) {
            github.answerLate(1);
            PortException e = catchThrowableOfType(PortException.class, () -> replicaA.open(report, IdempotencyKey.first("INC-7:9:0")));
            assertThat(e.kind()).isEqualTo(PortException.Kind.TIMEOUT);
            assertThat(github.issues()).as("GitHub acted").hasSize(2);
            github.openedByHand("Opened later by a person", "x", "incident", "sev1");

            Issue found = replicaB.open(report, IdempotencyKey.again("INC-7:9:0"));
            assertThat(found).isEqualTo(new Issue("2", "https://github.com/acme/incidents/issues/2"));
        }
        assertThat(github.issues()).as("one report issue, no duplicate").hasSize(3)
                .filteredOn(i -> i.path("title").asText().equals("Service disruption: INC-7")).hasSize(1);
        assertThat(github.server.requests("GET", FakeGitHub.REPO + "/issues")).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("labels", "incident,sev1").containsEntry("state", "all")
                        .containsEntry("sort", "created").containsEntry("direction", "desc").containsEntry("per_page", "100"));
        github.checkAll();
    }

    @Test
    void aRetriedCreateFindsItsIssueEvenIfGitHubDroppedTheLabelsOrItWasClosed() {
        github.answerLate(1);
        try (GitHubIssueTracker once = impatient()) {
            catchThrowableOfType(PortException.class, () -> once.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("INC-7:9:0")));
        }
        github.closeByHand(1);
        assertThat(tracker.open(new NewIssue(INC, "t", "b", List.of("sev1")), IdempotencyKey.again("INC-7:9:0")).id())
                .as("labelled listing misses it, the unfiltered one finds it").isEqualTo("1");
        assertThat(github.issues()).hasSize(1);
        assertThat(github.server.requests("GET", FakeGitHub.REPO + "/issues")).extracting(r -> r.query().containsKey("labels"))
                .containsExactly(true, false);
    }

    @Test
    void aRetriedCreateThatNeverReachedGitHubOpensTheIssueOnceAndAFirstKeyDoesNotLook() {
        github.server.enqueue("POST", FakeGitHub.REPO + "/issues", ScriptedResponse.status(502));
        try (GitHubIssueTracker once = impatient()) {
            catchThrowableOfType(PortException.class, () -> once.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("INC-7:9:0")));
            assertThat(github.server.requests("GET", FakeGitHub.REPO + "/issues")).as("no lookup for a first key").isEmpty();
            assertThat(once.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.again("INC-7:9:0")).id()).isEqualTo("1");
            assertThat(once.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.again("INC-7:9:01")).id())
                    .as("a key that only starts the same is another key").isEqualTo("2");
        }
        assertThat(github.issues()).hasSize(2);
    }

    @Test
    void theMarkerCannotBeEndedByTheKey() {
        assertThat(GitHubIssueTracker.marker("INC-7:9:0")).isEqualTo("<!-- incidentkit:INC-7:9:0 -->");
        assertThat(GitHubIssueTracker.marker("a-->b c")).isEqualTo("<!-- incidentkit:a-%002D%003Eb%0020c -->");
    }

    @Test
    void refusedAssigneesDoNotStopTheIssue() {
        github.server.enqueue("POST", FakeGitHub.REPO + "/issues", ScriptedResponse.json(422,
                "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\",\"field\":\"assignees\",\"code\":\"invalid\"}]}"));
        Issue issue = tracker.open(new NewIssue(INC, "t", "b", List.of(), List.of(ALICE)), IdempotencyKey.first("k"));
        assertThat(issue.id()).isEqualTo("1");
        assertThat(github.issueWrites()).extracting(r -> r.json().has("assignees")).containsExactly(true, false);
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutAsRetryAfterSays() {
        github.server.enqueue("POST", FakeGitHub.REPO + "/issues", ScriptedResponse.json(403,
                "{\"message\":\"You have exceeded a secondary rate limit.\"}").withHeader("retry-after", "0"));
        assertThat(tracker.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("k")).id()).isEqualTo("1");
        assertThat(github.server.exchanges()).extracting(x -> x.response().status()).containsExactly(403, 201);
    }

    @Test
    void aUsedUpPrimaryLimitWaitsForTheResetByTheInjectedClock() {
        long reset = clock.instant().plusSeconds(600).getEpochSecond();
        github.server.enqueue("POST", FakeGitHub.REPO + "/issues", ScriptedResponse.json(403,
                        "{\"message\":\"API rate limit exceeded\"}")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset)));
        PortException first = catchThrowableOfType(PortException.class, () -> tracker.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("k")));
        assertThat(first.kind()).isEqualTo(PortException.Kind.RATE_LIMITED);
        assertThat(first.retryAfter()).contains(Duration.ofSeconds(600));

        clock.advance(Duration.ofSeconds(300));
        PortException gated = catchThrowableOfType(PortException.class, () -> tracker.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("k")));
        assertThat(gated.retryAfter()).contains(Duration.ofSeconds(300));
        assertThat(github.server.requests("POST", FakeGitHub.REPO + "/issues")).as("no call spent while used up").hasSize(1);

        clock.advance(Duration.ofSeconds(301));
        assertThat(tracker.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("k")).id()).isEqualTo("1");
    }

    @Test
    void aForbiddenAnswerWithoutRateLimitSignsIsAPermissionProblem() {
        github.server.enqueue("POST", FakeGitHub.REPO + "/issues", ScriptedResponse.json(403,
                "{\"message\":\"Resource not accessible by integration\"}").withHeader("x-ratelimit-remaining", "4999"));
        PortException e = catchThrowableOfType(PortException.class, () -> tracker.open(new NewIssue(INC, "t", "b", List.of()), IdempotencyKey.first("k")));
        assertThat(e.kind()).isEqualTo(PortException.Kind.UNAUTHORIZED);
    }
}
