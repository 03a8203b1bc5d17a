package dev.incidentkit.testkit.fakes;

import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IssueTracker} that records calls and behaves like an issue tracker: every {@code open} opens a
 * new issue (numbered from 1), whatever the key. Like a careful adapter it looks for the marker an earlier
 * attempt left only when the key says one {@link IdempotencyKey#mayExist() may exist}.
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
    public Issue open(NewIssue issue, IdempotencyKey key) {
        return create("open", key, Issue.class, () -> {
            int n = numbers.incrementAndGet();
            return new Issue(String.valueOf(n), "https://issues.example.com/" + n);
        }, issue, key.value());
    }

    @Override
    public void updateBody(Issue issue, String body) {
        record("updateBody", issue, body);
    }
}
