package dev.incidentkit.testkit.fakes;

import dev.incidentkit.spi.StatusPublisher;
import java.util.List;

/**
 * A {@link StatusPublisher} that records calls. The first update of an incident opens status page
 * incident {@code SP-<incident>}; later ones go to it.
 *
 * @since 0.1
 */
public final class RecordingStatusPublisher extends FakePort implements StatusPublisher {

    /** Creates the fake. */
    public RecordingStatusPublisher() {
        super("status page");
    }

    @Override
    public Published publish(StatusUpdate update, String idempotencyKey) {
        record("publish", update, idempotencyKey);
        String id = update.statusPageIncident().orElse("SP-" + update.incident());
        return new Published(id, "https://status.example.com/incidents/" + id);
    }

    /**
     * Returns the updates published, in order.
     *
     * @return the updates
     */
    public List<StatusUpdate> published() {
        return calls("publish").stream().map(c -> (StatusUpdate) c.arg(0)).toList();
    }
}
