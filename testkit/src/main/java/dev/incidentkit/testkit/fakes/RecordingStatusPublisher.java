package dev.incidentkit.testkit.fakes;

import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.StatusPublisher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StatusPublisher} that records calls and behaves like a status page: a publish without a status
 * page incident opens a new one ({@code SP-1}, {@code SP-2}, …) every time, and each publish to one adds an
 * update customers see, whatever the key. Like a careful adapter it looks for the marker an earlier attempt
 * left only when the key says one {@link IdempotencyKey#mayExist() may exist}. It marks components on
 * their own.
 *
 * @since 0.1
 */
public final class RecordingStatusPublisher extends FakePort implements StatusPublisher {
    private final AtomicInteger incidents = new AtomicInteger();

    /** Creates the fake. */
    public RecordingStatusPublisher() {
        super("status page");
    }

    @Override
    public Published publish(StatusUpdate update, IdempotencyKey key) {
        return create("publish", key, Published.class, () -> {
            String id = update.statusPageIncident().orElseGet(() -> "SP-" + incidents.incrementAndGet());
            return new Published(id, "https://status.example.com/incidents/" + id);
        }, update, key.value());
    }

    @Override
    public boolean marksComponents() {
        return true;
    }

    @Override
    public void markComponents(Map<String, String> components, boolean drill) {
        record("markComponents", Map.copyOf(components), drill);
    }

    /**
     * Returns the updates customers saw, in order: each publish that reached the page, so a duplicate
     * shows twice.
     *
     * @return the updates
     */
    public List<StatusUpdate> published() {
        return calls("publish").stream().map(c -> (StatusUpdate) c.arg(0)).toList();
    }

    /**
     * Returns the status page incidents opened, in order.
     *
     * @return their ids
     */
    public List<String> opened() {
        return calls("publish").stream().map(c -> (StatusUpdate) c.arg(0))
                .filter(u -> u.statusPageIncident().isEmpty()).map(u -> u.incident().value()).toList();
    }
}
