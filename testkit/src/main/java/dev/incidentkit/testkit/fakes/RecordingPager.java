package dev.incidentkit.testkit.fakes;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.Pager;

/**
 * A {@link Pager} that records calls; pages get references {@code P<key>} and a fake URL.
 *
 * @since 0.1
 */
public final class RecordingPager extends FakePort implements Pager {

    /** Creates the fake. */
    public RecordingPager() {
        super("pager");
    }

    @Override
    public Page page(PageRequest request, String idempotencyKey) {
        record("page", request, idempotencyKey);
        return new Page("P" + idempotencyKey, "https://pager.example.com/incidents/" + idempotencyKey.replace(':', '-'));
    }

    @Override
    public void resolve(IncidentId incident, String idempotencyKey) {
        record("resolve", incident, idempotencyKey);
    }
}
