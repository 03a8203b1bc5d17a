package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.IssueTracker.Issue;
import dev.incidentkit.spi.IssueTracker.NewIssue;
import dev.incidentkit.spi.PortException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link IssueTracker} keeps: an issue opened again under its {@link IdempotencyKey}
 * after the tracker acted is not opened twice; assignees it cannot map are ignored, not refused; a body
 * beyond the tracker's limits is still written; every failure is a typed {@link PortException}; and no
 * secret shows in an exception or {@code toString}.
 *
 * <pre>{@code
 * final class GitHubIssueTrackerContractTest extends IssueTrackerContract {
 *     private final FakeGitHub github = new FakeGitHub();
 *     private final GitHubIssueTracker tracker = github.tracker(...);
 *
 *     protected IssueTracker tracker() { return tracker; }
 *     protected VendorFaults faults() { return github.faults(); }
 *     protected int issuesAtVendor() { return github.issues().size(); }
 *     protected String bodyAtVendor(Issue issue) { return github.issue(issue.id()).path("body").asText(); }
 *     protected Set<String> secrets() { return Set.of(FakeGitHub.TOKEN); }
 *     protected void close() { tracker.close(); github.close(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class IssueTrackerContract {
    private static final IncidentId INC = IncidentId.of(42);

    /** The tracker under test, from {@link #tracker()}, set before each test. */
    protected IssueTracker tracker;

    /**
     * Returns the tracker under test: fresh, over a fresh fake tracker with no issues. Called once before
     * each test.
     *
     * @return the tracker
     */
    protected abstract IssueTracker tracker();

    /**
     * Returns how to make the tracker behind {@link #tracker()} misbehave.
     *
     * @return the faults
     */
    protected abstract VendorFaults faults();

    /**
     * Returns how many issues the tracker holds, open or closed: a duplicate counts twice.
     *
     * @return the number of issues
     */
    protected abstract int issuesAtVendor();

    /**
     * Returns an issue's body as the tracker holds it (with whatever marker the implementation adds).
     *
     * @param issue the issue
     * @return the body
     */
    protected abstract String bodyAtVendor(Issue issue);

    /**
     * Returns every secret the tracker was given, which must never show in an exception or
     * {@code toString}. Empty only for an implementation that has none.
     *
     * @return the secrets
     */
    protected abstract Set<String> secrets();

    /** Releases the tracker and the fake; runs after each test, does nothing unless overridden. */
    protected void close() {}

    @BeforeEach
    final void createTracker() {
        tracker = tracker();
    }

    @AfterEach
    final void releaseTracker() {
        close();
    }

    private static NewIssue report(String title) {
        return new NewIssue(INC, title, "## What happened\nCheckout failed for 20 minutes.", List.of());
    }

    @Nested
    @DisplayName("issues")
    class Issues {

        @Test
        @DisplayName("an opened issue is at the tracker, with an id and a url, and its body")
        void opened() {
            Issue issue = tracker.open(new NewIssue(INC, "INC-42 report", "## What happened\nCheckout failed.",
                    List.of("incident", "sev1")), IdempotencyKey.first("INC-42:20:0"));
            assertThat(issue.id()).isNotBlank();
            assertThat(issue.url()).isNotBlank();
            assertThat(issuesAtVendor()).isEqualTo(1);
            assertThat(bodyAtVendor(issue)).contains("Checkout failed.");
        }

        @Test
        @DisplayName("two issues with the same title are two issues: nothing is de-duplicated by content")
        void sameTitleDifferentKeys() {
            Issue a = tracker.open(report("Add a checkout alert"), IdempotencyKey.first("INC-42:21:0"));
            Issue b = tracker.open(report("Add a checkout alert"), IdempotencyKey.first("INC-42:22:0"));
            assertThat(b.id()).isNotEqualTo(a.id());
            assertThat(issuesAtVendor()).isEqualTo(2);
        }

        @Test
        @DisplayName("assignees the tracker cannot map are ignored, not refused")
        void unknownAssigneesIgnored() {
            Issue issue = tracker.open(new NewIssue(INC, "Follow-up", "text", List.of("follow-up"),
                    List.of(new PersonRef("nobody-known-here", "Nobody"))), IdempotencyKey.first("INC-42:23:0"));
            assertThat(issue.id()).isNotBlank();
            assertThat(issuesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("updating the body replaces it, even beyond the tracker's limits, and opens nothing")
        void updateBody() {
            Issue issue = tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0"));
            tracker.updateBody(issue, "## What happened\nThe new text.");
            assertThat(bodyAtVendor(issue)).contains("The new text.").doesNotContain("Checkout failed for 20 minutes.");
            tracker.updateBody(issue, "## Timeline\n" + "- a line of the timeline\n".repeat(10_000));
            assertThat(bodyAtVendor(issue)).contains("## Timeline");
            assertThat(issuesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("a title and a body beyond the tracker's limits still open an issue")
        void limits() {
            Issue issue = tracker.open(new NewIssue(INC, "INC-42 " + "t".repeat(2000), "b".repeat(300_000), List.of()),
                    IdempotencyKey.first("INC-42:20:0"));
            assertThat(issue.id()).isNotBlank();
            assertThat(issuesAtVendor()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("repeats under an idempotency key")
    class Repeats {

        @Test
        @DisplayName("an open that timed out after the tracker acted, retried with mayExist, leaves one issue")
        void timedOutOpenRetried() {
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(), () -> tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0")));
            assertThat(issuesAtVendor()).as("the tracker acted although the call timed out").isEqualTo(1);

            Issue again = tracker.open(report("INC-42 report"), IdempotencyKey.again("INC-42:20:0"));

            assertThat(again.id()).isNotBlank();
            assertThat(issuesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("an open retried with mayExist after it succeeded returns the same issue")
        void succeededOpenRetried() {
            Issue first = tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0"));
            tracker.open(report("A follow-up"), IdempotencyKey.first("INC-42:21:0"));

            Issue again = tracker.open(report("INC-42 report"), IdempotencyKey.again("INC-42:20:0"));

            assertThat(again).isEqualTo(first);
            assertThat(issuesAtVendor()).isEqualTo(2);
        }

        @Test
        @DisplayName("an open retried with mayExist after a clean failure opens one issue")
        void cleanlyFailedOpenRetried() {
            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(), () -> tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0")));
            faults().heal();
            assertThat(issuesAtVendor()).isZero();

            tracker.open(report("INC-42 report"), IdempotencyKey.again("INC-42:20:0"));

            assertThat(issuesAtVendor()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("failures")
    class FailuresAreTyped {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "NOT_FOUND", "INVALID"})
        @DisplayName("a refused open or body update is a PortException of the refusal's kind, and changes nothing")
        void refused(PortException.Kind kind) {
            Issue issue = tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0"));
            faults().refuse(kind);
            Failures.expect(kind, secrets(), () -> tracker.open(report("A follow-up"), IdempotencyKey.first("INC-42:21:0")));
            Failures.expect(kind, secrets(), () -> tracker.updateBody(issue, "new text"));
            faults().heal();
            assertThat(issuesAtVendor()).isEqualTo(1);
            assertThat(bodyAtVendor(issue)).contains("Checkout failed for 20 minutes.");
        }

        @Test
        @DisplayName("a rate limit is RATE_LIMITED, retryable, with the tracker's wait")
        void rateLimited() {
            faults().rateLimit(Failures.RETRY_AFTER);
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(), () -> tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0")));
            assertThat(issuesAtVendor()).isZero();
        }

        @Test
        @DisplayName("a tracker that acts but answers too late is a TIMEOUT, retryable, and opens once")
        void timeout() {
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(), () -> tracker.open(report("INC-42 report"), IdempotencyKey.first("INC-42:20:0")));
            assertThat(issuesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("the tracker's toString shows no secret")
        void toStringShowsNoSecret() {
            Failures.assertToStringShowsNoSecret(tracker, secrets());
        }
    }
}
