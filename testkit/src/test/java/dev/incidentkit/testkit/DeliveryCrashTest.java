package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Claim;
import dev.incidentkit.spi.Completion;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.PendingEffect;
import dev.incidentkit.testkit.fakes.FakePort;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replica dies between two writes of a delivery, at every write point of a whole incident (every effect
 * type: channel, invite, topic, posts and pin, page, status page incident and updates, components, report,
 * follow-up, resolving the page), once just before the write and once just after it. Another replica then
 * takes over on the same store. Whatever the crash point, each vendor sees each effect once and each
 * outcome is on the timeline once.
 */
final class DeliveryCrashTest {
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");
    private static final IncidentId INC1 = IncidentId.of(1);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final List<String> SCRIPT = List.of(
            "declare sev1 Checkout is failing",
            "update investigating: Checkouts fail for some customers",
            "components checkout=major_outage",
            "note rolled back the deploy",
            "followup Alert on checkout 5xx",
            "update monitoring: A fix is deployed",
            "resolve",
            "close");

    /** Where the dying replica stops: before or after the n-th write of a delivery. */
    enum When { BEFORE, AFTER }

    static Stream<Arguments> crashPoints() {
        int writes = new Run(Integer.MAX_VALUE, When.BEFORE).play().deliveryWrites;
        assertThat(writes).as("a whole incident has many delivery writes").isGreaterThan(20);
        return Stream.of(When.values()).flatMap(when -> java.util.stream.IntStream.rangeClosed(1, writes)
                .mapToObj(n -> Arguments.of(n, when)));
    }

    @ParameterizedTest(name = "dies {1} delivery write {0}")
    @MethodSource("crashPoints")
    void everyEffectReachesItsVendorOnceAndItsOutcomeIsRecordedOnce(int crashAt, When when) {
        Run run = new Run(crashAt, when).play();

        assertThat(run.chat.created()).as("channels created").hasSize(1);
        assertThat(keysOf(run.chat, "post")).as("messages posted").doesNotHaveDuplicates().isNotEmpty();
        assertThat(run.status.opened()).as("public incidents opened").hasSize(1);
        assertThat(keysOf(run.status, "publish")).as("public updates").doesNotHaveDuplicates().hasSize(3);
        assertThat(keysOf(run.issues, "open")).as("issues opened: the report and the follow-up").doesNotHaveDuplicates().hasSize(2);
        assertThat(run.pager.pages()).as("pages").hasSize(1);
        assertThat(run.status.calls("markComponents")).isNotEmpty();
        assertThat(run.pager.calls("resolve")).isNotEmpty();

        Incident incident = Incident.replay(INC1, run.store.load(INC1));
        assertThat(incident.all(DeliveryFailed.class)).as("nothing parked").isEmpty();
        assertThat(run.store.pendingEffects()).as("nothing left to deliver").isEmpty();
        assertThat(incident.all(ChannelBound.class)).hasSize(1);
        assertThat(links(incident, LinkKind.STATUS_PAGE)).hasSize(1);
        assertThat(links(incident, LinkKind.ISSUE)).hasSize(2);
    }

    private static List<Object> keysOf(FakePort port, String method) {
        return port.calls(method).stream().map(c -> c.args().get(c.args().size() - 1)).toList();
    }

    private static List<LinkAdded> links(Incident incident, LinkKind kind) {
        return incident.all(LinkAdded.class).stream().filter(l -> l.kind() == kind).toList();
    }

    /** One play of the script: a replica that dies at a write point, and the one that takes over. */
    private static final class Run {
        final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        final InMemoryIncidentStore store = new InMemoryIncidentStore();
        final RecordingChatGateway chat = new RecordingChatGateway();
        final RecordingPager pager = new RecordingPager();
        final RecordingStatusPublisher status = new RecordingStatusPublisher();
        final RecordingIssueTracker issues = new RecordingIssueTracker();
        final CrashingStore crashing;
        int deliveryWrites;

        Run(int crashAt, When when) {
            this.crashing = new CrashingStore(store, crashAt, when);
        }

        Run play() {
            kit = kit(crashing, "replica-a");
            for (String line : SCRIPT) {
                String channel = kit.incidentOf("C1").isPresent() ? "C1" : "D-alice";
                kit.handle(new ChatRequest(ALICE, channel, line));
                clock.advance(Duration.ofMinutes(1));
                tick();
            }
            for (int i = 0; i < 30; i++) {
                clock.advance(Duration.ofMinutes(1));
                tick();
            }
            kit.close();
            deliveryWrites = crashing.writes;
            return this;
        }

        private IncidentKit kit;
        private boolean tookOver;

        /** Ticks the live replica; once the first one died, the second takes over. */
        private void tick() {
            if (crashing.dead && !tookOver) {
                takeOver();
            }
            try {
                kit.tick();
            } catch (IllegalStateException e) {
                assertThat(crashing.dead).as("only a dead replica fails: " + e).isTrue();
            }
            if (crashing.dead && !tookOver) {
                takeOver();
                kit.tick();
            }
        }

        /** The dead replica does nothing more; a new one starts on the same store once the lease ran out. */
        private void takeOver() {
            tookOver = true;
            clock.advance(LEASE.plusSeconds(1));
            kit = kit(store, "replica-b");
        }

        private IncidentKit kit(IncidentStore on, String name) {
            return IncidentKit.builder().clock(clock).store(on).chat(chat).pager(pager).statusPublisher(status)
                    .issueTracker(issues).replicaName(name).deliveryLease(LEASE).deliveryExecutor(Runnable::run)
                    .tickEvery(Duration.ZERO).retries(8, Duration.ofSeconds(2), Duration.ofMinutes(1)).build();
        }
    }

    /**
     * A store whose process dies at the n-th write of a delivery (a claim, a renewal, a completion): the
     * write happens or not, then it throws, and every later call throws too, as a dead process does nothing.
     */
    private static final class CrashingStore implements IncidentStore {
        private final IncidentStore delegate;
        private final int crashAt;
        private final When when;
        int writes;
        volatile boolean dead;

        CrashingStore(IncidentStore delegate, int crashAt, When when) {
            this.delegate = delegate;
            this.crashAt = crashAt;
            this.when = when;
        }

        private void alive() {
            if (dead) {
                throw new IllegalStateException("this replica died");
            }
        }

        private <T> T write(java.util.function.Supplier<T> write) {
            alive();
            if (++writes == crashAt) {
                dead = true;
                if (when == When.AFTER) {
                    write.get();
                }
                throw new IllegalStateException("killed at delivery write " + crashAt + " (" + when + ")");
            }
            return write.get();
        }

        @Override
        public IncidentId nextId() {
            alive();
            return delegate.nextId();
        }

        @Override
        public void append(IncidentId id, long expectedVersion, List<IncidentEvent> events, List<Effect> effects) {
            alive();
            delegate.append(id, expectedVersion, events, effects);
        }

        @Override
        public List<IncidentEvent> load(IncidentId id) {
            alive();
            return delegate.load(id);
        }

        @Override
        public List<IncidentId> openIncidents() {
            alive();
            return delegate.openIncidents();
        }

        @Override
        public List<IncidentId> closedWithOpenFollowUps() {
            alive();
            return delegate.closedWithOpenFollowUps();
        }

        @Override
        public List<PendingEffect> pendingEffects() {
            alive();
            return delegate.pendingEffects();
        }

        @Override
        public List<Claim> claimDue(String owner, Instant now, Duration lease, int limit) {
            alive();
            List<Claim> peek = delegate.pendingEffects().isEmpty() ? List.of() : null;
            if (peek != null) {
                return peek; // nothing waiting: no write happens
            }
            return write(() -> delegate.claimDue(owner, now, lease, limit));
        }

        @Override
        public boolean renew(Claim claim, Instant now, Duration lease) {
            return write(() -> delegate.renew(claim, now, lease));
        }

        @Override
        public boolean complete(Claim claim, Instant now, Completion completion) {
            return write(() -> delegate.complete(claim, now, completion));
        }

        @Override
        public int release(String owner) {
            alive();
            return delegate.release(owner);
        }

        @Override
        public List<Effect> requeueFailedEffects(IncidentId id, Instant now, Predicate<Effect> superseded) {
            alive();
            return delegate.requeueFailedEffects(id, now, superseded);
        }
    }
}
