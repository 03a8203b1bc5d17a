package dev.incidentkit.testkit.fakes;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.Pager;
import java.util.List;

/**
 * A {@link Pager} that records calls. Like PagerDuty, which keeps the key itself ({@code dedup_key},
 * {@code incident_key}), a page whose key was used before reaches nobody again: {@link #pages()} lists the
 * pages people received, {@code calls("page")} every call.
 *
 * @since 0.1
 */
public final class RecordingPager extends FakePort implements Pager {

    /** Creates the fake. */
    public RecordingPager() {
        super("pager");
    }

    @Override
    public Page page(PageRequest request, IdempotencyKey key) {
        return call("page", () -> new Page(request.incident() + "/" + request.target().id(),
                "https://pager.example.com/incidents/" + key.value().replace(':', '-')), request, key.value());
    }

    /**
     * Returns the pages people received, in order: one per key, as the pager de-duplicates by key.
     *
     * @return the page requests
     */
    public List<PageRequest> pages() {
        java.util.Set<Object> keys = new java.util.HashSet<>();
        return calls("page").stream().filter(c -> keys.add(c.arg(1))).map(c -> (PageRequest) c.arg(0)).toList();
    }

    @Override
    public void resolve(IncidentId incident, List<PersonRef> paged, IdempotencyKey key) {
        record("resolve", incident, paged, key.value());
    }
}
