package dev.incidentkit.github;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.IssueTracker.Issue;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.contract.IssueTrackerContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.util.Set;

final class GitHubIssueTrackerContractTest extends IssueTrackerContract {
    private final FakeGitHub github = new FakeGitHub();
    private final GitHubIssueTracker tracker = GitHubIssueTracker.builder(github.config(Duration.ofSeconds(3)))
            .clock(TestClock.at("2026-11-24T14:00:00Z"))
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();

    @Override
    protected IssueTracker tracker() {
        return tracker;
    }

    @Override
    protected VendorFaults faults() {
        return github.faults();
    }

    @Override
    protected int issuesAtVendor() {
        return github.issues().size();
    }

    @Override
    protected String bodyAtVendor(Issue issue) {
        return github.issue(Integer.parseInt(issue.id())).path("body").asText();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakeGitHub.TOKEN, FakeGitHub.WEBHOOK_SECRET);
    }

    @Override
    protected void close() {
        try {
            github.checkAll();
        } finally {
            tracker.close();
            github.close();
        }
    }
}
