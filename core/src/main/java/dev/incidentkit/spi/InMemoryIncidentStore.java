package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

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
    /** Incidents that were closed or cancelled. */
    private final Set<IncidentId> ended = new HashSet<>();
    /** Closed incidents, and how many follow-ups each still has open. */
    private final Map<IncidentId, Integer> openFollowUps = new HashMap<>();
    private final Set<IncidentId> closed = new HashSet<>();
    private long lastNumber;
    private long lastEffectId;
    private final Map<Long, PendingEffect> outbox = new TreeMap<>();
    private final Map<Long, PendingEffect> parked = new TreeMap<>();
    private final Map<Long, Lease> leases = new HashMap<>();
    /** Effects an attempt was started for whose outcome is unknown: the next claim must look first. */
    private final Set<Long> started = new HashSet<>();
    private long lastToken;
    /** Inbound deliveries seen, until when they are remembered. */
    private final Map<String, Instant> seen = new HashMap<>();

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
        timelines.computeIfAbsent(id, k -> new ArrayList<>()).addAll(batch); // appending copies nothing
        for (IncidentEvent e : batch) {
            if (e instanceof Closed || e instanceof Cancelled) {
                ended.add(id);
            }
            if (e instanceof Closed) {
                closed.add(id);
            }
            if (e instanceof dev.incidentkit.incident.FollowUpAdded) {
                openFollowUps.merge(id, 1, Integer::sum);
            } else if (e instanceof dev.incidentkit.incident.FollowUpClosed) {
                openFollowUps.merge(id, -1, Integer::sum);
            }
        }
        Instant due = batch.get(batch.size() - 1).at();
        for (Effect effect : effects) {
            long effectId = ++lastEffectId;
            outbox.put(effectId, new PendingEffect(effectId, id, requireNonNull(effect, "effect"), 0, due));
        }
    }

    @Override
    public synchronized List<IncidentEvent> load(IncidentId id) {
        return List.copyOf(timelines.getOrDefault(requireNonNull(id, "id"), List.of()));
    }

    @Override
    public synchronized List<IncidentEvent> loadAfter(IncidentId id, long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version is 0 or more; got " + version);
        }
        List<IncidentEvent> all = timelines.getOrDefault(requireNonNull(id, "id"), List.of());
        return version >= all.size() ? List.of() : List.copyOf(all.subList((int) version, all.size()));
    }

    @Override
    public synchronized List<IncidentId> closedWithOpenFollowUps() {
        return timelines.keySet().stream().filter(id -> closed.contains(id) && openFollowUps.getOrDefault(id, 0) > 0).toList();
    }

    @Override
    public synchronized List<IncidentId> openIncidents() {
        return timelines.keySet().stream().filter(id -> !ended.contains(id)).toList();
    }

    @Override
    public synchronized List<PendingEffect> pendingEffects() {
        return List.copyOf(outbox.values());
    }

    @Override
    public synchronized List<PendingEffect> parkedEffects() {
        return List.copyOf(parked.values());
    }

    @Override
    public synchronized List<Claim> claimDue(String owner, Instant now, Duration lease, int limit) {
        IncidentStore.checkClaim(owner, now, lease, limit);
        List<Claim> claimed = new ArrayList<>();
        Set<String> lanes = new HashSet<>();
        for (PendingEffect p : outbox.values()) {
            if (claimed.size() == limit) {
                break;
            }
            if (!lanes.add(p.incident().value() + "/" + p.effect().port())) {
                continue; // not the oldest of its lane
            }
            Lease held = leases.get(p.id());
            if (!p.notBefore().isAfter(now) && (held == null || !held.until().isAfter(now))) {
                String token = owner + "/" + (++lastToken);
                leases.put(p.id(), new Lease(owner, token, now.plus(lease)));
                claimed.add(new Claim(p, token, !started.add(p.id())));
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean renew(Claim claim, Instant now, Duration lease) {
        requireNonNull(now, "now");
        requireNonNull(lease, "lease");
        if (!holds(claim, now)) {
            return false;
        }
        Lease held = leases.get(claim.effectId());
        leases.put(claim.effectId(), new Lease(held.owner(), held.token(), now.plus(lease)));
        return true;
    }

    @Override
    public synchronized boolean complete(Claim claim, Instant now, Completion completion) {
        requireNonNull(completion, "completion");
        if (!holds(claim, now)) {
            return false;
        }
        Completion.Outcome outcome = completion.outcome();
        if (!outcome.events().isEmpty()) {
            append(claim.pending().incident(), outcome.expectedVersion(), outcome.events(), outcome.effects());
        }
        long id = claim.effectId();
        PendingEffect p = outbox.get(id);
        leases.remove(id);
        if (completion instanceof Completion.Delivered) {
            outbox.remove(id);
            started.remove(id);
        } else if (completion instanceof Completion.Parked) {
            parked.put(id, outbox.remove(id));
        } else if (completion instanceof Completion.RetryLater r) {
            outbox.put(id, new PendingEffect(id, p.incident(), p.effect(), p.attempts() + (r.attemptSpent() ? 1 : 0),
                    r.notBefore()));
            if (!r.mayHaveRun()) {
                started.remove(id);
            }
        }
        return true;
    }

    /** Whether {@code claim} is the effect's current claim and has not run out at {@code now}. */
    private boolean holds(Claim claim, Instant now) {
        requireNonNull(claim, "claim");
        requireNonNull(now, "now");
        Lease held = leases.get(claim.effectId());
        return held != null && held.token().equals(claim.token()) && held.until().isAfter(now)
                && outbox.containsKey(claim.effectId());
    }

    @Override
    public synchronized int release(String owner) {
        requireNonNull(owner, "owner");
        int before = leases.size();
        leases.values().removeIf(l -> l.owner().equals(owner));
        return before - leases.size();
    }

    @Override
    public synchronized List<Effect> requeueFailedEffects(IncidentId id, Instant now, Predicate<Effect> superseded) {
        requireNonNull(id, "id");
        requireNonNull(now, "now");
        requireNonNull(superseded, "superseded");
        List<Effect> requeued = new ArrayList<>();
        parked.values().removeIf(p -> {
            if (!p.incident().equals(id)) {
                return false;
            }
            if (!superseded.test(p.effect())) {
                outbox.put(p.id(), new PendingEffect(p.id(), p.incident(), p.effect(), 0, now));
                requeued.add(p.effect());
            }
            return true;
        });
        return requeued;
    }

    @Override
    public synchronized boolean firstSeen(String source, String id, Instant now, Duration keepFor) {
        DeliveryLog.check(source, id, now, keepFor);
        seen.values().removeIf(until -> !until.isAfter(now));
        String key = source + "\n" + id;
        Instant until = seen.get(key);
        if (until != null) {
            return false;
        }
        seen.put(key, now.plus(keepFor));
        return true;
    }

    /** Who holds a claim, with which token, until when. */
    private record Lease(String owner, String token, Instant until) {}
}
