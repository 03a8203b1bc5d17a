package dev.incidentkit.reminder;

import dev.incidentkit.incident.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When each watched incident's next reminder falls due, ordered by that time, so that a run touches only the
 * incidents with something due and the next wake-up is the first entry. Not thread-safe: the scheduler
 * guards it.
 */
final class DueIndex {
    private record Entry(Instant at, IncidentId id) {}

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at).thenComparing(e -> e.id().value());

    private final TreeSet<Entry> byTime = new TreeSet<>(ORDER);
    private final Map<IncidentId, Instant> byId = new HashMap<>();

    /** Sets (or, with nothing due, removes) an incident's next due time. */
    void put(IncidentId id, Optional<Instant> at) {
        Instant old = at.isPresent() ? byId.put(id, at.get()) : byId.remove(id);
        if (old != null) {
            byTime.remove(new Entry(old, id));
        }
        at.ifPresent(a -> byTime.add(new Entry(a, id)));
    }

    /** The incidents with something due at or before {@code now}, earliest first. */
    List<IncidentId> dueBy(Instant now) {
        List<IncidentId> due = new ArrayList<>();
        for (Entry e : byTime) {
            if (e.at().isAfter(now)) {
                break;
            }
            due.add(e.id());
        }
        return due;
    }

    /** The earliest due time of all, if any. */
    Optional<Instant> first() {
        return byTime.isEmpty() ? Optional.empty() : Optional.of(byTime.first().at());
    }

    /** The incidents with a due time, in no particular order. */
    List<IncidentId> ids() {
        return new ArrayList<>(byId.keySet());
    }

    void clear() {
        byTime.clear();
        byId.clear();
    }
}
