package dev.incidentkit.testkit;

import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.IssueTracker.Issue;
import dev.incidentkit.spi.IssueTracker.NewIssue;
import dev.incidentkit.testkit.contract.IssueTrackerContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import dev.incidentkit.testkit.fakes.FakePort.Call;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import java.util.List;
import java.util.Set;

/** The fake users test against keeps the contract real trackers keep. */
final class RecordingIssueTrackerContractTest extends IssueTrackerContract {
    private final RecordingIssueTracker fake = new RecordingIssueTracker();

    @Override
    protected IssueTracker tracker() {
        return fake;
    }

    @Override
    protected VendorFaults faults() {
        return fake.faults();
    }

    @Override
    protected int issuesAtVendor() {
        return fake.calls("open").size();
    }

    /** The body the issue was opened with (the fake numbers issues from 1), or the last one written. */
    @Override
    protected String bodyAtVendor(Issue issue) {
        List<Call> updates = fake.calls("updateBody").stream().filter(c -> c.arg(0).equals(issue)).toList();
        if (!updates.isEmpty()) {
            return (String) updates.get(updates.size() - 1).arg(1);
        }
        return ((NewIssue) fake.calls("open").get(Integer.parseInt(issue.id()) - 1).arg(0)).body();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of();
    }
}
