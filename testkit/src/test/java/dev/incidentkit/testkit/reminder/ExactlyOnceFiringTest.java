package dev.incidentkit.testkit.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.reminder.ReminderPolicies;
import dev.incidentkit.reminder.ReminderScheduler;
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.ManualScheduler;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.arbitraries.CommandArbitraries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine and scheduler fire each (incident, key, due instant) exactly once, whatever happens: time
 * passing in small steps or big jumps, commands changing incidents, restarts, and two schedulers on one
 * store.
 */
final class ExactlyOnceFiringTest {
    private static final List<PersonRef> PEOPLE = List.of(new PersonRef("alice", "Alice"), PersonRef.of("bob"), PersonRef.of("carol"));
    private static final ReminderEngine ENGINE = ReminderEngine.builder().policies(ReminderPolicies.defaults()).build();

    /** One thing that happens in the world. */
    sealed interface Step permits Advance, Jump, Restart, Race, Act, Page, Declare {}

    record Advance(Duration by) implements Step {}

    record Jump(Duration by) implements Step {}

    record Restart() implements Step {}

    record Race() implements Step {}

    record Act(int incident, int person, Command command) implements Step {}

    record Page(int incident, int person) implements Step {}

    record Declare(Command.Declare command) implements Step {}

    /** The commands that matter to reminders, in a realistic mix. */
    private static Arbitrary<Command> realistic() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, CommandArbitraries.texts().map(Command.AddNote::new)),
                Tuple.of(3, CommandArbitraries.texts().map(t -> new Command.PublishUpdate(java.util.Optional.empty(), t))),
                Tuple.of(1, Arbitraries.just(new Command.Resolve())),
                Tuple.of(1, Arbitraries.just(new Command.ChangeStatus(dev.incidentkit.incident.IncidentStatus.INVESTIGATING))),
                Tuple.of(1, Arbitraries.just(new Command.Close())),
                Tuple.of(1, CommandArbitraries.texts().map(Command.AddFollowUp::new)),
                Tuple.of(1, Arbitraries.just(new Command.Acknowledge())),
                Tuple.of(1, Arbitraries.just(new Command.HandOff(java.util.Optional.empty()))),
                Tuple.of(1, Arbitraries.of(PEOPLE).map(Command.OfferHandOff::new)),
                Tuple.of(1, Arbitraries.just(new Command.AcceptHandOff())),
                Tuple.of(1, Arbitraries.integers().between(1, 90).map(m -> new Command.Snooze(Duration.ofMinutes(m)))),
                Tuple.of(1, Combinators.combine(Arbitraries.of("status-update", "silence", "page-ack", "handoff", "report-due"),
                        Arbitraries.integers().between(1, 180)).as((n, m) -> new Command.MuteReminders(n, Duration.ofMinutes(m)))));
    }

    @Provide
    Arbitrary<List<Step>> worlds() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(1, 90).map(m -> new Advance(Duration.ofMinutes(m)))),
                Tuple.of(2, Arbitraries.longs().between(1, 4 * 24 * 60).map(m -> new Jump(Duration.ofMinutes(m)))),
                Tuple.of(1, Arbitraries.just(new Restart())),
                Tuple.of(1, Arbitraries.just(new Race())),
                Tuple.of(6, Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                        realistic()).as((i, p, c) -> (Step) new Act(i, p, c))),
                Tuple.of(6, Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                        CommandArbitraries.commands()).as((i, p, c) -> (Step) new Act(i, p, c))),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                        .as((i, p) -> (Step) new Page(i, p))),
                Tuple.of(1, CommandArbitraries.declares().map(Declare::new)));
        return Combinators.combine(CommandArbitraries.declares(), step.list().ofMinSize(8).ofMaxSize(40))
                .as((first, rest) -> {
                    List<Step> world = new ArrayList<>();
                    world.add(new Declare(first));
                    world.addAll(rest);
                    return world;
                });
    }

    /** A second scheduler that always wins the race: it fires first, inside the first one's append. */
    private static ReminderScheduler.Sink racingSink(IncidentStore store, ReminderScheduler[] rival) {
        ReminderScheduler.Sink append = ReminderScheduler.Sink.appendingTo(store);
        return (incident, due, events) -> {
            if (rival[0] != null) {
                ReminderScheduler r = rival[0];
                rival[0] = null;
                r.runDue();
            }
            append.fire(incident, due, events);
        };
    }

    @Property(tries = 150)
    void eachReminderFiresExactlyOnce(@ForAll("worlds") List<Step> world) {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        ManualScheduler manual = new ManualScheduler(clock);
        IncidentStore store = new InMemoryIncidentStore();
        Decider decider = new Decider(clock);
        List<IncidentId> ids = new ArrayList<>();
        ReminderScheduler.Builder builder = ReminderScheduler.builder().store(store).engine(ENGINE).clock(clock).scheduler(manual);
        ReminderScheduler scheduler = builder.build().start();
        List<ReminderScheduler> all = new ArrayList<>(List.of(scheduler));
        for (Step step : world) {
            if (step instanceof Advance a) {
                manual.advance(a.by());
            } else if (step instanceof Jump j) {
                manual.jump(j.by());
            } else if (step instanceof Restart) {
                scheduler.close();
                scheduler = ReminderScheduler.builder().store(store).engine(ENGINE).clock(clock).scheduler(manual).build().start();
                all.add(scheduler);
            } else if (step instanceof Race) {
                ReminderScheduler[] rival = {ReminderScheduler.builder().store(store).engine(ENGINE).clock(clock)
                        .scheduler(new ManualScheduler(clock)).build()};
                ReminderScheduler racing = ReminderScheduler.builder().store(store).engine(ENGINE).clock(clock)
                        .scheduler(new ManualScheduler(clock)).sink(racingSink(store, rival)).build();
                racing.runDue();
                racing.close();
            } else if (step instanceof Declare d) {
                IncidentId id = store.nextId();
                store.append(id, 0, decider.decide(Incident.undeclared(id), d.command(), PEOPLE.get(0)).events());
                ids.add(id);
                scheduler.reschedule();
            } else if (step instanceof Act act && !ids.isEmpty()) {
                IncidentId id = ids.get(act.incident() % ids.size());
                Incident incident = Incident.replay(id, store.load(id));
                Decision decision = decider.decide(incident, act.command(), PEOPLE.get(act.person()));
                if (!decision.events().isEmpty()) {
                    store.append(id, incident.version(), decision.events());
                    scheduler.reschedule();
                }
            } else if (step instanceof Page p && !ids.isEmpty()) {
                IncidentId id = ids.get(p.incident() % ids.size());
                Incident incident = Incident.replay(id, store.load(id));
                if (incident.isOpen()) {
                    store.append(id, incident.version(), List.of(new Paged(incident.version() + 1, clock.instant(),
                            PersonRef.BOT, PEOPLE.get(p.person()), "paged")));
                    scheduler.reschedule();
                }
            }
        }
        scheduler.runDue();
        int firedTotal = 0;
        boolean conflictReloaded = world.stream().anyMatch(st -> st instanceof Race);
        for (IncidentId id : ids) {
            firedTotal += Incident.replay(id, store.load(id)).all(ReminderFired.class).size();
        }
        Statistics.label("reminders fired").collect(firedTotal > 0);
        Statistics.label("raced").collect(conflictReloaded);
        Statistics.label("reminders fired").coverage(c -> c.check(true).percentage(p -> p > 60));
        for (IncidentId id : ids) {
            Incident incident = Incident.replay(id, store.load(id));
            Set<String> pairs = new HashSet<>();
            for (ReminderFired f : incident.all(ReminderFired.class)) {
                assertThat(pairs.add(f.key() + "@" + f.dueAt())).as("%s fired twice in %s", f.key(), id).isTrue();
                assertThat(f.dueAt()).as("fired no earlier than due").isBeforeOrEqualTo(f.at());
            }
            // fired at one instant: never two of one key (no backlog)
            List<IncidentEvent> timeline = incident.timeline();
            for (int i = 1; i < timeline.size(); i++) {
                if (timeline.get(i) instanceof ReminderFired a && timeline.get(i - 1) instanceof ReminderFired b
                        && a.at().equals(b.at())) {
                    assertThat(a.key()).isNotEqualTo(b.key());
                }
            }
            // and nothing due is left behind
            assertThat(ENGINE.due(incident, clock.instant())).as("still due in %s", id).isEmpty();
        }
        all.forEach(ReminderScheduler::close);
        assertThat(manual.pending()).isEmpty();
    }

    @Property(tries = 50)
    void aStaleAppendIsAConflictAndNothingIsWritten(@ForAll("worlds") List<Step> world) {
        IncidentStore store = new InMemoryIncidentStore();
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        IncidentId id = store.nextId();
        Command.Declare declare = ((Declare) world.get(0)).command();
        store.append(id, 0, new Decider(clock).decide(Incident.undeclared(id), declare, PEOPLE.get(0)).events());
        clock.advance(Duration.ofHours(7));
        Incident incident = Incident.replay(id, store.load(id));
        List<IncidentEvent> events = ENGINE.fire(incident, ENGINE.due(incident, clock.instant()), clock.instant());
        store.append(id, incident.version(), events);
        try {
            store.append(id, incident.version(), events);
            throw new AssertionError("a stale append must conflict");
        } catch (ConcurrencyConflictException expected) {
            assertThat(store.load(id)).hasSize((int) incident.version() + events.size());
        }
    }
}
