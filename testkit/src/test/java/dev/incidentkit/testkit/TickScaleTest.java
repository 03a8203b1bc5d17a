package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.spi.Claim;
import dev.incidentkit.spi.Completion;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.PendingEffect;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * With many open incidents, a tick touches only the incidents with something due or just changed, and a
 * command costs a few store loads, not one per open incident (issue 15's structure; the timing is measured in
 * the benchmarks module).
 */
final class TickScaleTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final int OPEN = 1_000;

    @Test
    void aTickBetweenScansAndACommandReadOnlyWhatTheyNeed() {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        CountingStore store = new CountingStore(new InMemoryIncidentStore());
        try (IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(new RecordingChatGateway())
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build()) {
            for (int i = 0; i < OPEN; i++) {
                kit.handle(new ChatRequest(ALICE, "D-alice", "declare sev4 Thing " + i + " is slow"));
            }
            kit.tick(); // the first run reads every open incident once
            clock.advance(Duration.ofSeconds(1));
            kit.tick();

            store.loads.set(0);
            clock.advance(Duration.ofSeconds(1));
            kit.tick();
            assertThat(store.loads.get()).as("loads by a tick with nothing due").isZero();

            kit.handle(new ChatRequest(ALICE, "C1", "note still slow"));
            clock.advance(Duration.ofSeconds(1));
            kit.tick();
            assertThat(store.loads.get()).as("loads caused by one note and the tick after it").isLessThanOrEqualTo(3);

            store.loads.set(0);
            kit.handle(new ChatRequest(ALICE, "C1", "timeline")); // answered from the incident as found: nothing delivered
            assertThat(store.loads.get()).as("a command in its incident's channel reads the incident once").isEqualTo(1);

            clock.advance(Duration.ofHours(2)); // now reminders fall due everywhere, and a full scan comes round
            kit.tick();
            assertThat(kit.incident(IncidentId.of(OPEN)).orElseThrow().all(ReminderFired.class)).isNotEmpty();
        }
    }

    /** Counts the timelines read from a store. */
    static final class CountingStore implements IncidentStore {
        final IncidentStore delegate;
        final AtomicInteger loads = new AtomicInteger();

        CountingStore(IncidentStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<IncidentEvent> load(IncidentId id) {
            loads.incrementAndGet();
            return delegate.load(id);
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
        public List<IncidentId> openIncidents() {
            return delegate.openIncidents();
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
        public int release(String owner) {
            return delegate.release(owner);
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
}
