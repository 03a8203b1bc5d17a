package dev.incidentkit.testkit.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.reminder.ReminderPolicies;
import dev.incidentkit.reminder.ReminderScheduler;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.ManualScheduler;
import dev.incidentkit.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class ReminderSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");

    private final TestClock clock = TestClock.at(T0);
    private final ManualScheduler manual = new ManualScheduler(clock);
    private final IncidentStore store = new InMemoryIncidentStore();
    private final ReminderEngine engine = ReminderEngine.builder().policies(ReminderPolicies.defaults()).build();

    private IncidentId declare(Severity severity) {
        IncidentId id = store.nextId();
        store.append(id, 0, new Decider(clock).decide(Incident.undeclared(id), new Command.Declare(severity, "Checkout", false), ALICE).events());
        return id;
    }

    private ReminderScheduler.Builder reminders() {
        return ReminderScheduler.builder().store(store).engine(engine).clock(clock).scheduler(manual);
    }

    private List<ReminderFired> fired(IncidentId id) {
        return Incident.replay(id, store.load(id)).all(ReminderFired.class);
    }

    @Test
    void firesWhatFallsDueAndSchedulesTheNextWakeUp() {
        IncidentId id = declare(Severity.SEV1);
        ReminderScheduler scheduler = reminders().build().start();
        assertThat(scheduler.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(20)));
        manual.advance(Duration.ofMinutes(30));
        assertThat(fired(id)).extracting(ReminderFired::key, ReminderFired::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("silence:2", T0.plus(Duration.ofMinutes(20))),
                org.assertj.core.groups.Tuple.tuple("status-update:1", T0.plus(Duration.ofMinutes(30))));
        assertThat(scheduler.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(40)));
        scheduler.close();
    }

    @Test
    void aRestartNeverFiresAReminderTwice() {
        IncidentId id = declare(Severity.SEV1);
        ReminderScheduler first = reminders().build().start();
        manual.advance(Duration.ofMinutes(30));
        first.close();
        assertThat(manual.pending()).isEmpty();
        ReminderScheduler second = reminders().build().start();
        assertThat(fired(id)).hasSize(2);
        assertThat(second.runDue()).isEmpty();
        second.close();
    }

    @Test
    void twoSchedulersRacingOnOneStoreFireEachReminderOnce() {
        IncidentId id = declare(Severity.SEV2);
        ReminderScheduler other = reminders().build();
        AtomicInteger calls = new AtomicInteger();
        ReminderScheduler.Sink appending = ReminderScheduler.Sink.appendingTo(store);
        ReminderScheduler racing = reminders().sink((incident, due, events) -> {
            if (calls.getAndIncrement() == 0) {
                other.runDue(); // the other process gets there first
            }
            appending.fire(incident, due, events);
        }).build();
        clock.advance(Duration.ofMinutes(61));
        assertThat(racing.runDue()).isEmpty();
        assertThat(calls).hasValue(1);
        assertThat(fired(id)).extracting(ReminderFired::key).containsExactly("silence:2", "status-update:1");
        racing.close();
        other.close();
    }

    @Test
    void aClockJumpFiresEachKeyOnceForItsLatestDueInstant() {
        IncidentId id = declare(Severity.SEV1);
        reminders().build().start();
        manual.jump(Duration.ofMinutes(100));
        assertThat(fired(id)).extracting(ReminderFired::key, ReminderFired::dueAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("status-update:1", T0.plus(Duration.ofMinutes(90))),
                org.assertj.core.groups.Tuple.tuple("silence:2", T0.plus(Duration.ofMinutes(100))));
    }

    @Test
    void aFailedDeliveryIsRetriedAfterTheRetryDelay() {
        IncidentId id = declare(Severity.SEV1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>(new IllegalStateException("chat is down"));
        ReminderScheduler.Sink appending = ReminderScheduler.Sink.appendingTo(store);
        ReminderScheduler scheduler = reminders().retryDelay(Duration.ofMinutes(2)).sink((incident, due, events) -> {
            RuntimeException e = failure.getAndSet(null);
            if (e != null) {
                throw e;
            }
            appending.fire(incident, due, events);
        }).build().start();
        manual.advance(Duration.ofMinutes(20));
        assertThat(fired(id)).isEmpty();
        assertThat(scheduler.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(22)));
        manual.advance(Duration.ofMinutes(2));
        assertThat(fired(id)).extracting(ReminderFired::key, ReminderFired::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("silence:2", T0.plus(Duration.ofMinutes(20))));
    }

    @Test
    void rescheduleWakesUpEarlierForANewPage() {
        IncidentId id = declare(Severity.SEV1);
        ReminderScheduler scheduler = reminders().build().start();
        clock.advance(Duration.ofMinutes(1));
        store.append(id, 2, List.of(new Paged(3, clock.instant(), PersonRef.BOT, PersonRef.of("bob"), "declared sev1")));
        assertThat(scheduler.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(20)));
        scheduler.reschedule();
        assertThat(scheduler.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(6)));
        assertThat(manual.pending()).containsExactly(T0.plus(Duration.ofMinutes(6)));
    }

    @Test
    void closedSchedulersStopAndClosedIncidentsAreLeftAlone() {
        IncidentId id = declare(Severity.SEV1);
        Incident incident = Incident.replay(id, store.load(id));
        Decider decider = new Decider(clock);
        List<dev.incidentkit.incident.IncidentEvent> end = new ArrayList<>(decider.decide(incident, new Command.Cancel("false alarm"), ALICE).events());
        store.append(id, incident.version(), end);
        ReminderScheduler scheduler = reminders().build().start();
        assertThat(scheduler.wakeUpAt()).isEmpty();
        scheduler.close();
        assertThatThrownBy(scheduler::runDue).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theBuilderNamesEverythingMissingAndRefusesSettingsTwice() {
        assertThatThrownBy(() -> ReminderScheduler.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store(IncidentStore)").hasMessageContaining("engine(ReminderEngine)").hasMessageContaining("clock(Clock)");
        assertThatThrownBy(() -> ReminderScheduler.builder().clock(clock).clock(clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock was already set");
    }
}
