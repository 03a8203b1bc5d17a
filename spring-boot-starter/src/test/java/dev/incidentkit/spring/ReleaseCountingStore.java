package dev.incidentkit.spring;

import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.Claim;
import dev.incidentkit.spi.Completion;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.PendingEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A store that counts {@link #release} calls (the kit releases its claims when it closes) and delegates the rest;
 * a test may override a method to make the store fail.
 */
class ReleaseCountingStore implements IncidentStore {
    private final IncidentStore delegate;
    private final AtomicInteger released;

    ReleaseCountingStore(IncidentStore delegate, AtomicInteger released) {
        this.delegate = delegate;
        this.released = released;
    }

    @Override
    public int release(String owner) {
        released.incrementAndGet();
        return delegate.release(owner);
    }

    @Override
    public IncidentId nextId() {
        return delegate.nextId();
    }

    @Override
    public void append(IncidentId id, long expectedVersion, List<IncidentEvent> events, List<Effect> effects) {
        delegate.append(id, expectedVersion, events, effects);
    }

    @Override
    public List<IncidentEvent> load(IncidentId id) {
        return delegate.load(id);
    }

    @Override
    public List<IncidentEvent> loadAfter(IncidentId id, long version) {
        return delegate.loadAfter(id, version);
    }

    @Override
    public List<IncidentId> openIncidents() {
        return delegate.openIncidents();
    }

    @Override
    public Optional<IncidentId> incidentOfChannel(String channelId) {
        return delegate.incidentOfChannel(channelId);
    }

    @Override
    public List<IncidentId> closedWithOpenFollowUps() {
        return delegate.closedWithOpenFollowUps();
    }

    @Override
    public List<PendingEffect> pendingEffects() {
        return delegate.pendingEffects();
    }

    @Override
    public List<Claim> claimDue(String owner, Instant now, Duration lease, int limit) {
        return delegate.claimDue(owner, now, lease, limit);
    }

    @Override
    public boolean renew(Claim claim, Instant now, Duration lease) {
        return delegate.renew(claim, now, lease);
    }

    @Override
    public boolean complete(Claim claim, Instant now, Completion completion) {
        return delegate.complete(claim, now, completion);
    }

    @Override
    public List<Effect> requeueFailedEffects(IncidentId id, Instant now, Predicate<Effect> superseded) {
        return delegate.requeueFailedEffects(id, now, superseded);
    }

    @Override
    public boolean firstSeen(String source, String id, Instant now, Duration keepFor) {
        return delegate.firstSeen(source, id, now, keepFor);
    }
}
