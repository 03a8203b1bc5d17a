package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.IncidentKitListener;
import dev.incidentkit.IncidentKitListener.BreakerState;
import dev.incidentkit.IncidentKitListener.CommandOutcome;
import dev.incidentkit.IncidentKitListener.DeliveryOutcome;
import dev.incidentkit.KitHealth;
import dev.incidentkit.OpenIncident;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a kit tells its listeners, what it reports as its health, and that a broken listener breaks nothing. */
final class IncidentKitListenerTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final AtomicBoolean storeDown = new AtomicBoolean();
    final IncidentStore store = failingWhenDown(new InMemoryIncidentStore());
    final RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final RecordingStatusPublisher status = new RecordingStatusPublisher();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    final Recording heard = new Recording();
    IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat).pager(pager).statusPublisher(status)
            .issueTracker(issues).deliveryExecutor(Runnable::run).listenerExecutor(Runnable::run).tickEvery(Duration.ZERO)
            .retries(5, Duration.ofSeconds(2), Duration.ofMinutes(1))
            .listener(new Throwing()) // first, so the recording listener after it shows the others still hear
            .listener(heard).build();

    /** Records every callback. */
    static final class Recording implements IncidentKitListener {
        final List<List<Object>> commands = new CopyOnWriteArrayList<>();
        final List<Map.Entry<Incident, List<IncidentEvent>>> appended = new CopyOnWriteArrayList<>();
        final List<List<Object>> deliveries = new CopyOnWriteArrayList<>();
        final List<String> reminders = new CopyOnWriteArrayList<>();
        final List<List<Object>> breakers = new CopyOnWriteArrayList<>();

        @Override
        public void commandHandled(String command, CommandOutcome outcome) {
            commands.add(List.of(command, outcome));
        }

        @Override
        public void eventsAppended(Incident incident, List<IncidentEvent> events) {
            appended.add(Map.entry(incident, events));
        }

        @Override
        public void deliveryAttempted(Effect.Port port, DeliveryOutcome outcome, Duration took) {
            deliveries.add(List.of(port, outcome, took));
        }

        @Override
        public void reminderFired(String policy) {
            reminders.add(policy);
        }

        @Override
        public void circuitBreakerChanged(Effect.Port port, BreakerState state) {
            breakers.add(List.of(port, state));
        }
    }

    /** Throws from every callback. */
    static final class Throwing implements IncidentKitListener {
        int calls;

        private void fail() {
            calls++;
            throw new IllegalStateException("a broken listener");
        }

        @Override
        public void commandHandled(String command, CommandOutcome outcome) {
            fail();
        }

        @Override
        public void eventsAppended(Incident incident, List<IncidentEvent> events) {
            fail();
        }

        @Override
        public void deliveryAttempted(Effect.Port port, DeliveryOutcome outcome, Duration took) {
            fail();
        }

        @Override
        public void reminderFired(String policy) {
            fail();
        }

        @Override
        public void circuitBreakerChanged(Effect.Port port, BreakerState state) {
            fail();
        }
    }

    /** The store, except that every call fails while {@link #storeDown} is set, as a database that went away. */
    IncidentStore failingWhenDown(IncidentStore delegate) {
        return (IncidentStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IncidentStore.class},
                (proxy, method, args) -> {
                    if (storeDown.get()) {
                        throw new IllegalStateException("connection to jdbc:postgresql://db/incidents?password=hunter2 refused");
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void close() {
        kit.close();
    }

    Reply say(String channel, String text) {
        return kit.handle(new ChatRequest(ALICE, channel, text));
    }

    @Test
    void everyCommandIsReportedOnceWithItsOutcome() {
        say("C-general", "declare sev1 Checkout is failing");
        say("C-general", "declare sev3 Emails are late");
        say("C1", "INC-2 note wrong room");          // the channel belongs to INC-1: refused
        say("C1", "frobnicate the database");        // no command at all
        say("C1", "resolve");
        say("C1", "resolve");                        // already resolved: the lifecycle rejects it
        say("C-general", "INC-9 note nope");         // no such incident
        say("C1", "help");
        say("C1", "timeline");

        assertThat(heard.commands).containsExactly(
                List.of("declare", CommandOutcome.ACCEPTED),
                List.of("declare", CommandOutcome.ACCEPTED),
                List.of("add-note", CommandOutcome.REFUSED),
                List.of("unparsed", CommandOutcome.REJECTED),
                List.of("resolve", CommandOutcome.ACCEPTED),
                List.of("resolve", CommandOutcome.REJECTED),
                List.of("add-note", CommandOutcome.REJECTED),
                List.of("help", CommandOutcome.ACCEPTED),
                List.of("show-timeline", CommandOutcome.ACCEPTED));
    }

    @Test
    void aCommandTheKitFailsOnIsReportedAsFailedAndStillThrows() {
        say("C-general", "declare sev1 Checkout is failing");
        storeDown.set(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> say("C1", "note the store is gone"))
                .isInstanceOf(IllegalStateException.class);
        storeDown.set(false);
        assertThat(heard.commands).last().isEqualTo(List.of("add-note", CommandOutcome.FAILED));
    }

    @Test
    void aListenerThatHangsNeverHoldsAReplyAndHearsEverythingInOrderOnceItGoesOn() throws Exception {
        java.util.concurrent.CountDownLatch hung = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> commands = new CopyOnWriteArrayList<>();
        IncidentKitListener stuck = new IncidentKitListener() {
            @Override
            public void commandHandled(String command, CommandOutcome outcome) {
                commands.add(command);
                hung.countDown();
                try {
                    release.await(); // a listener stuck on a slow metrics backend
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        kit.close();
        kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat).pager(pager)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).listener(stuck).build(); // the kit's own listener thread

        Reply declared = say("C-general", "declare sev1 Checkout is failing");
        assertThat(hung.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the listener is stuck in its first callback").isTrue();
        Reply noted = say("C1", "note looking at it"); // answered while the listener is still stuck

        assertThat(declared.text()).contains("declared by Alice");
        assertThat(noted.text()).contains("Note: looking at it");
        assertThat(commands).containsExactly("declare");
        release.countDown();
        kit.close(); // waits for the listener thread to finish what it was given
        assertThat(commands).containsExactly("declare", "add-note");
    }

    @Test
    void aListenerThatThrowsFailsNoCommandNoDeliveryAndNoOtherListener() {
        Throwing throwing = new Throwing();
        Recording after = new Recording();
        kit.close();
        kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat).pager(pager)
                .deliveryExecutor(Runnable::run).listenerExecutor(Runnable::run).tickEvery(Duration.ZERO).listener(throwing).listener(after).build();

        Reply declared = say("C-general", "declare sev1 Checkout is failing");
        Reply noted = say("C1", "note looking at it");

        assertThat(declared.text()).contains("declared by Alice");
        assertThat(noted.text()).contains("Note: looking at it");
        assertThat(chat.calls("createChannel")).hasSize(1);
        assertThat(pager.pages()).hasSize(1);
        assertThat(throwing.calls).as("it was called, and threw, every time").isGreaterThan(5);
        assertThat(after.commands).hasSize(2);
        assertThat(after.deliveries).isNotEmpty();
    }

    @Test
    void aListenerMayHandleACommandOfItsOwnWithoutConfusingTheOuterOne() {
        kit.close();
        IncidentKit[] self = new IncidentKit[1];
        Recording after = new Recording();
        AtomicBoolean once = new AtomicBoolean();
        IncidentKitListener noting = new IncidentKitListener() {
            @Override
            public void deliveryAttempted(Effect.Port port, DeliveryOutcome outcome, Duration took) {
                // with a direct executor this runs inside the declaration's handle, after it was accepted
                if (once.compareAndSet(false, true)) {
                    self[0].handle(new ChatRequest(ALICE, "C-general", "INC-7 note nope")); // no such incident: rejected
                }
            }
        };
        kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat)
                .deliveryExecutor(Runnable::run).listenerExecutor(Runnable::run).tickEvery(Duration.ZERO).listener(noting).listener(after).build();
        self[0] = kit;

        say("C-general", "declare sev1 Checkout is failing");

        assertThat(after.commands).containsExactly(List.of("add-note", CommandOutcome.REJECTED), List.of("declare", CommandOutcome.ACCEPTED));
    }

    @Test
    void appendsComeWithTheIncidentAfterThem() {
        say("C-general", "declare sev2 Search is slow");

        Map.Entry<Incident, List<IncidentEvent>> first = heard.appended.get(0);
        assertThat(first.getValue()).first().isInstanceOf(Declared.class);
        assertThat(first.getKey().isDeclared()).isTrue();
        assertThat(first.getKey().version()).isEqualTo(first.getValue().get(first.getValue().size() - 1).seq());
        // the delivery of the channel comes back as an event too, with the incident as it is after it
        assertThat(heard.appended).anySatisfy(a -> {
            assertThat(a.getValue()).singleElement().isInstanceOf(ChannelBound.class);
            assertThat(a.getKey().channel()).isPresent();
        });
        for (Map.Entry<Incident, List<IncidentEvent>> a : heard.appended) {
            assertThat(a.getKey().timeline()).endsWith(a.getValue().toArray(IncidentEvent[]::new));
        }
    }

    @Test
    void deliveriesAreReportedPerAttemptWithTheirOutcome() {
        say("C-general", "declare sev1 Checkout is failing");
        heard.deliveries.clear();
        status.failNext(1, PortException.Kind.UNAVAILABLE, null);
        say("C1", "update investigating: Looking into it");
        clock.advance(Duration.ofMinutes(2));
        kit.tick();
        status.failNext(1, PortException.Kind.UNAUTHORIZED, null);
        say("C1", "update identified: Found it");

        assertThat(heard.deliveries).filteredOn(d -> d.get(0) == Effect.Port.STATUS_PAGE)
                .extracting(d -> d.get(1))
                .containsExactly(DeliveryOutcome.RETRIED, DeliveryOutcome.DELIVERED, DeliveryOutcome.PARKED);
        assertThat(heard.deliveries).extracting(d -> d.get(2)).containsOnly(Duration.ZERO); // the test clock stood still
    }

    @Test
    void remindersAreReportedByPolicy() {
        say("C-general", "declare sev1 Checkout is failing");
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(10));
            kit.tick();
        }
        List<String> recorded = kit.incident(IncidentId.of(1)).orElseThrow().all(ReminderFired.class).stream()
                .map(r -> r.key().substring(0, r.key().indexOf(':') < 0 ? r.key().length() : r.key().indexOf(':'))).toList();
        assertThat(recorded).isNotEmpty();
        assertThat(heard.reminders).containsExactlyElementsOf(recorded);
    }

    @Test
    void healthCountsWaitingAndParkedDeliveriesPerPort() {
        assertThat(kit.health()).isEqualTo(new KitHealth(true, "", Map.of(), Map.of(), Set.of()));
        assertThat(kit.health().isHealthy()).isTrue();

        say("C-general", "declare sev1 Checkout is failing");
        status.failNext(1, PortException.Kind.UNAUTHORIZED, null);
        say("C1", "update investigating: Looking into it");      // parked at once: cannot be retried
        status.failNext(1, PortException.Kind.UNAVAILABLE, null);
        say("C1", "update investigating: Still looking");        // waits for its retry

        KitHealth health = kit.health();
        assertThat(health.parkedEffects()).isEqualTo(Map.of(Effect.Port.STATUS_PAGE, 1));
        assertThat(health.pendingEffects()).isEqualTo(Map.of(Effect.Port.STATUS_PAGE, 1));
        assertThat(health.pending(Effect.Port.CHAT)).isZero();
        assertThat(health.isHealthy()).as("waiting and parked deliveries alone do not make a kit unhealthy").isTrue();
    }

    @Test
    void anUnreachableStoreIsReportedWithoutItsSecrets() {
        storeDown.set(true);
        KitHealth health = kit.health();
        storeDown.set(false);

        assertThat(health.storeReachable()).isFalse();
        assertThat(health.isHealthy()).isFalse();
        assertThat(health.storeProblem()).isEqualTo("the store failed with IllegalStateException (see the store's own logs)")
                .doesNotContain("hunter2", "jdbc:");
        assertThat(health.pendingEffects()).isEmpty();
    }

    @Test
    void anOpenCircuitBreakerIsReportedAndMakesTheKitUnhealthy() {
        say("C-general", "declare sev1 Checkout is failing");
        status.failNext(5, PortException.Kind.UNAVAILABLE, null);
        say("C1", "update investigating: Looking into it");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(2));
            kit.tick();
        }
        assertThat(heard.breakers).containsExactly(List.of(Effect.Port.STATUS_PAGE, BreakerState.OPEN));
        assertThat(kit.health().openCircuitBreakers()).containsExactly(Effect.Port.STATUS_PAGE);
        assertThat(kit.health().isHealthy()).isFalse();

        clock.advance(Duration.ofMinutes(1)); // past the breaker's wait: the next call is a trial
        say("C1", "retry");
        assertThat(heard.breakers).containsExactly(List.of(Effect.Port.STATUS_PAGE, BreakerState.OPEN),
                List.of(Effect.Port.STATUS_PAGE, BreakerState.HALF_OPEN));
        assertThat(status.published()).hasSize(1);
        assertThat(kit.health().openCircuitBreakers()).as("half-open lets calls through").isEmpty();
    }

    @Test
    void openIncidentsListSeverityStatusAndDrill() {
        say("C-general", "declare sev1 Checkout is failing");
        say("C-general", "declare --drill sev3 Practice");
        say("C-general", "declare sev2 Search is slow");
        say("C-general", "INC-1 status identified");
        say("C-general", "INC-3 cancel false alarm");

        assertThat(kit.openIncidents()).extracting(OpenIncident::id, OpenIncident::severity, OpenIncident::status, OpenIncident::drill)
                .containsExactly(
                        tuple(IncidentId.of(1), Severity.SEV1, IncidentStatus.IDENTIFIED, false),
                        tuple(IncidentId.of(2), Severity.SEV3, IncidentStatus.INVESTIGATING, true));
        assertThat(kit.openIncidents().get(0).declaredAt()).isEqualTo(clock.instant());
    }
}
