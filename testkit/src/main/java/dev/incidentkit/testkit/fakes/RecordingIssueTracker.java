package dev.incidentkit.testkit.fakes;

import dev.incidentkit.spi.IssueTracker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IssueTracker} that records calls; issues are numbered from 1.
 *
 * @since 0.1
 */
public final class RecordingIssueTracker extends FakePort implements IssueTracker {
    private final AtomicInteger numbers = new AtomicInteger();

    /** Creates the fake. */
    public RecordingIssueTracker() {
        super("issue tracker");
    }

    @Override
    public Issue open(NewIssue issue, String idempotencyKey) {
        record("open", issue, idempotencyKey);
        int n = numbers.incrementAndGet();
        return new Issue(String.valueOf(n), "https://issues.example.com/" + n);
    }

    @Override
    public void updateBody(Issue issue, String body) {
        record("updateBody", issue, body);
    }
}
