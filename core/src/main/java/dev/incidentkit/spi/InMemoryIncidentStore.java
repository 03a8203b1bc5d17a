package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link IncidentStore} in memory: for tests, drills and a single bot that can afford to forget
 * everything on restart. Thread-safe; every operation holds one lock, which is plenty for the rate at
 * which people type.
 *
 * @since 0.1
 */
public final class InMemoryIncidentStore implements IncidentStore {
    private final String prefix;
    private final Map<IncidentId, List<IncidentEvent>> timelines = new TreeMap<>();
    private long lastNumber;
    private long lastEffectId;
    private final Map<Long, PendingEffect> outbox = new TreeMap<>();
    private final Map<Long, PendingEffect> parked = new TreeMap<>();
    private final Map<Long, Instant> leases = new HashMap<>();

    /** Creates an empty store that allocates {@code INC-1}, {@code INC-2}, … */
    public InMemoryIncidentStore() {
        this(IncidentId.DEFAULT_PREFIX);
    }

    /**
     * Creates an empty store that allocates ids with the given prefix.
     *
     * @param prefix two to ten letters, e.g. {@code OPS}
     */
    public InMemoryIncidentStore(String prefix) {
        this.prefix = IncidentId.of(requireNonNull(prefix, "prefix"), 1).prefix();
    }

    @Override
    public synchronized IncidentId nextId() {
        return IncidentId.of(prefix, ++lastNumber);
    }

    @Override
    public synchronized void append(IncidentId id, long expectedVersion, List<IncidentEvent> events,
                                    List<Effect> effects) {
        requireNonNull(id, "id");
        List<IncidentEvent> batch = List.copyOf(events);
        IncidentStore.checkAppend(id, expectedVersion, batch);
        List<IncidentEvent> timeline = timelines.getOrDefault(id, List.of());
        if (timeline.size() != expectedVersion) {
            throw new ConcurrencyConflictException(id, expectedVersion, timeline.size());
        }
        List<IncidentEvent> next = new ArrayList<>(timeline.size() + batch.size());
        next.addAll(timeline);
        next.addAll(batch);
        timelines.put(id, List.copyOf(next));
        Instant due = batch.get(batch.size() - 1).at();
        for (Effect effect : effects) {
            long effectId = ++lastEffectId;
            outbox.put(effectId, new PendingEffect(effectId, id, requireNonNull(effect, "effect"), 0, due));
        }
    }

    @Override
    public synchronized List<IncidentEvent> load(IncidentId id) {
        return timelines.getOrDefault(requireNonNull(id, "id"), List.of());
    }

    @Override
    public synchronized List<IncidentId> closedWithOpenFollowUps() {
        List<IncidentId> found = new ArrayList<>();
        timelines.forEach((id, timeline) -> {
            Incident incident = Incident.replay(id, timeline);
            if (incident.status() == IncidentStatus.CLOSED && !incident.openFollowUps().isEmpty()) {
                found.add(id);
            }
        });
        return found;
    }

    @Override
    public synchronized List<IncidentId> openIncidents() {
        List<IncidentId> open = new ArrayList<>();
        timelines.forEach((id, timeline) -> {
            if (timeline.stream().noneMatch(e -> e instanceof Closed || e instanceof Cancelled)) {
                open.add(id);
            }
        });
        return open;
    }

    @Override
    public synchronized List<PendingEffect> pendingEffects() {
        return List.copyOf(outbox.values());
    }

    @Override
    public synchronized List<PendingEffect> claimDue(String owner, Instant now, Duration lease, int limit) {
        IncidentStore.checkClaim(owner, now, lease, limit);
        List<PendingEffect> claimed = new ArrayList<>();
        Set<String> lanes = new HashSet<>();
        for (PendingEffect p : outbox.values()) {
            if (claimed.size() == limit) {
                break;
            }
            if (!lanes.add(p.incident().value() + "/" + p.effect().port())) {
                continue; // not the oldest of its lane
            }
            Instant leasedUntil = leases.get(p.id());
            if (!p.notBefore().isAfter(now) && (leasedUntil == null || !leasedUntil.isAfter(now))) {
                leases.put(p.id(), now.plus(lease));
                claimed.add(p);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void effectDelivered(long effectId) {
        outbox.remove(effectId);
        leases.remove(effectId);
    }

    @Override
    public synchronized void effectRetryLater(long effectId, Instant notBefore) {
        PendingEffect p = outbox.get(effectId);
        if (p != null) {
            outbox.put(effectId, new PendingEffect(effectId, p.incident(), p.effect(), p.attempts() + 1,
                    requireNonNull(notBefore, "notBefore")));
        }
        leases.remove(effectId);
    }

    @Override
    public synchronized void effectFailed(long effectId) {
        PendingEffect p = outbox.remove(effectId);
        if (p != null) {
            parked.put(effectId, p);
        }
        leases.remove(effectId);
    }

    @Override
    public synchronized List<Effect> requeueFailedEffects(IncidentId id, Instant now) {
        List<Effect> requeued = new ArrayList<>();
        parked.values().removeIf(p -> {
            if (!p.incident().equals(id)) {
                return false;
            }
            outbox.put(p.id(), new PendingEffect(p.id(), p.incident(), p.effect(), 0, now));
            requeued.add(p.effect());
            return true;
        });
        return requeued;
    }
}
