package dev.incidentkit.testkit.internal;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.reminder.SilencePolicy;
import dev.incidentkit.reminder.StillTherePolicy;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.arbitraries.CommandArbitraries;
import dev.incidentkit.testkit.arbitraries.IncidentArbitrary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ArbitraryDecorator;
import org.jspecify.annotations.Nullable;

/** The {@link IncidentArbitrary} behind {@code IncidentArbitraries.incidents()}. */
public final class DefaultIncidentArbitrary extends ArbitraryDecorator<Incident> implements IncidentArbitrary {
    /** The people who act in generated incidents. */
    public static final List<PersonRef> PEOPLE = List.of(
            new PersonRef("alice", "Alice"), new PersonRef("bob", "Bob"), new PersonRef("carol", "Carol"),
            new PersonRef("dave", "Dave"), new PersonRef("erin", "Erin"));
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SPAN = Duration.ofDays(6 * 365).getSeconds();
    /** An actor index meaning "the candidate offered last". */
    private static final int OFFERED = -1;
    /** A step with no command: page the actor. */
    private static final @Nullable Command PAGE = null;
    /** A step at which due reminders fire (a sentinel: Retry appears in no other step). */
    private static final Command TICK = new Command.Retry();
    private static final ReminderEngine TICKING = ReminderEngine.builder()
            .policies(List.of(SilencePolicy.builder().build(), StillTherePolicy.builder().build())).build();

    private enum Ending { ANY, OPEN, ACTIVE, RESOLVED, CLOSED, CANCELLED }

    private record Step(long gapSeconds, int actor, @Nullable Command command) {}

    private final @Nullable Severity severity;
    private final @Nullable Boolean drill;
    private final Ending ending;
    private final Duration longerThan;
    private final int maxCommands;

    public DefaultIncidentArbitrary() {
        this(null, null, Ending.ANY, Duration.ZERO, 40);
    }

    private DefaultIncidentArbitrary(@Nullable Severity severity, @Nullable Boolean drill, Ending ending,
                                     Duration longerThan, int maxCommands) {
        this.severity = severity;
        this.drill = drill;
        this.ending = ending;
        this.longerThan = longerThan;
        this.maxCommands = maxCommands;
    }

    @Override
    public IncidentArbitrary withSeverity(Severity severity) {
        return new DefaultIncidentArbitrary(requireNonNull(severity, "severity"), drill, ending, longerThan, maxCommands);
    }

    @Override
    public IncidentArbitrary drills(boolean drill) {
        return new DefaultIncidentArbitrary(severity, drill, ending, longerThan, maxCommands);
    }

    private IncidentArbitrary ending(Ending e) {
        return new DefaultIncidentArbitrary(severity, drill, e, longerThan, maxCommands);
    }

    @Override
    public IncidentArbitrary open() {
        return ending(Ending.OPEN);
    }

    @Override
    public IncidentArbitrary active() {
        return ending(Ending.ACTIVE);
    }

    @Override
    public IncidentArbitrary resolved() {
        return ending(Ending.RESOLVED);
    }

    @Override
    public IncidentArbitrary closed() {
        return ending(Ending.CLOSED);
    }

    @Override
    public IncidentArbitrary cancelled() {
        return ending(Ending.CANCELLED);
    }

    @Override
    public IncidentArbitrary longerThan(Duration duration) {
        if (requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("longerThan takes a duration of zero or more; got " + duration);
        }
        return new DefaultIncidentArbitrary(severity, drill, ending, duration, maxCommands);
    }

    @Override
    public IncidentArbitrary ofMaxCommands(int commands) {
        if (commands < 0) {
            throw new IllegalArgumentException("ofMaxCommands takes 0 or more; got " + commands);
        }
        return new DefaultIncidentArbitrary(severity, drill, ending, longerThan, commands);
    }

    @Override
    protected Arbitrary<Incident> arbitrary() {
        Arbitrary<Severity> severities = severity != null ? Arbitraries.just(severity) : Arbitraries.of(Severity.class);
        Arbitrary<Boolean> drills = drill != null ? Arbitraries.just(drill) : Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
        Arbitrary<Instant> starts = Arbitraries.longs().between(0, SPAN).map(FROM::plusSeconds);
        Arbitrary<Ending> endings = ending != Ending.ANY ? Arbitraries.just(ending)
                : Arbitraries.frequency(Tuple.of(3, Ending.OPEN), Tuple.of(3, Ending.ACTIVE), Tuple.of(2, Ending.RESOLVED),
                        Tuple.of(1, Ending.CLOSED), Tuple.of(1, Ending.CANCELLED));
        Arbitrary<Boolean> privates = Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
        return Combinators.combine(severities, drills, privates, starts, CommandArbitraries.texts(), steps().list().ofMaxSize(maxCommands),
                        endings)
                .as(this::run);
    }

    private Arbitrary<Long> gaps() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 300)),
                Tuple.of(3, Arbitraries.longs().between(300, 1800)),
                Tuple.of(1, Arbitraries.longs().between(1800, 3 * 3600)));
    }

    private Arbitrary<Step> steps() {
        Arbitrary<Integer> actors = Arbitraries.integers().between(0, PEOPLE.size() - 1);
        Arbitrary<PersonRef> people = Arbitraries.of(PEOPLE);
        Arbitrary<IncidentStatus> actives = Arbitraries.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Command>>> kinds = new ArrayList<>();
        kinds.add(Tuple.of(10, CommandArbitraries.texts().map(Command.AddNote::new)));
        kinds.add(Tuple.of(4, Combinators.combine(actives.optional(), CommandArbitraries.texts(), Arbitraries.of(false, false, true))
                .as(Command.PublishUpdate::new)));
        kinds.add(Tuple.of(1, Arbitraries.just(new Command.ConfirmPresence())));
        kinds.add(Tuple.of(3, actives.map(Command.ChangeStatus::new)));
        kinds.add(Tuple.of(2, Combinators.combine(Arbitraries.of(Role.class), people).as(Command.AssignRole::new)));
        kinds.add(Tuple.of(2, CommandArbitraries.texts().map(Command.AddFollowUp::new)));
        kinds.add(Tuple.of(1, Arbitraries.of(Milestone.class).map(m -> new Command.RecordMilestone(m, Optional.empty()))));
        if (severity == null) {
            kinds.add(Tuple.of(1, Arbitraries.of(Severity.class).map(Command.ChangeSeverity::new)));
        }
        kinds.add(Tuple.of(1, people.optional().map(Command.HandOff::new)));
        kinds.add(Tuple.of(2, people.map(Command.OfferHandOff::new)));
        kinds.add(Tuple.of(1, Arbitraries.just(new Command.Acknowledge())));
        kinds.add(Tuple.of(1, Arbitraries.integers().between(1, 60).map(m -> new Command.Snooze(Duration.ofMinutes(m)))));
        kinds.add(Tuple.of(1, Combinators.combine(Arbitraries.of("status-update", "silence", "page-ack", "handoff"),
                Arbitraries.integers().between(5, 120)).as((p, m) -> new Command.MuteReminders(p, Duration.ofMinutes(m)))));
        kinds.add(Tuple.of(1, Arbitraries.just(new Command.Resolve())));
        kinds.add(Tuple.of(1, Arbitraries.just(new Command.ChangeStatus(IncidentStatus.INVESTIGATING))));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Command> commands = Arbitraries.frequencyOf(kinds.toArray(new Tuple.Tuple2[0]));
        Arbitrary<Step> byPeople = Combinators.combine(gaps(), actors, commands).as(Step::new);
        Arbitrary<Step> pages = Combinators.combine(gaps(), actors).as((g, a) -> new Step(g, a, PAGE));
        Arbitrary<Step> acks = Combinators.combine(gaps(), actors).as((g, a) -> new Step(g, a, new Command.Acknowledge()));
        Arbitrary<Step> accepts = gaps().map(g -> new Step(g, OFFERED, new Command.AcceptHandOff()));
        Arbitrary<Step> ticks = gaps().map(g -> new Step(g, 0, TICK));
        return Arbitraries.frequencyOf(Tuple.of(16, byPeople), Tuple.of(2, pages), Tuple.of(1, acks), Tuple.of(1, accepts),
                Tuple.of(3, ticks));
    }

    private Incident run(Severity sev, boolean isDrill, boolean privately, Instant start, String title, List<Step> steps, Ending end) {
        TestClock clock = TestClock.at(start);
        Decider decider = new Decider(clock);
        Incident[] incident = {Incident.undeclared(IncidentId.of(1))};
        PersonRef declarer = PEOPLE.get((int) (start.getEpochSecond() % PEOPLE.size()));
        apply(decider, incident, new Command.Declare(sev, title, isDrill, privately, Optional.empty()), declarer);
        for (Step step : steps) {
            clock.advance(Duration.ofSeconds(step.gapSeconds()));
            Incident now = incident[0];
            if (step.command() == TICK) {
                // the silence and still-there reminders fire as the kit's tick would fire them
                List<Reminder> due = TICKING.due(now, clock.instant());
                for (IncidentEvent e : TICKING.fire(now, due, clock.instant())) {
                    incident[0] = incident[0].evolve(e);
                }
                continue;
            }
            if (step.command() == null) {
                PersonRef target = PEOPLE.get(step.actor());
                if (now.status().isActive()) {
                    incident[0] = now.evolve(new Paged(now.version() + 1, clock.instant(), PersonRef.BOT, target, "paged"));
                }
                continue;
            }
            PersonRef actor;
            if (step.actor() == OFFERED) {
                List<PersonRef> offered = now.openHandOffOffers(Role.IMOC);
                if (offered.isEmpty()) {
                    continue;
                }
                actor = offered.get(offered.size() - 1);
            } else if (step.command() instanceof Command.Acknowledge && !now.unacknowledgedPages().isEmpty()) {
                actor = now.unacknowledgedPages().get(0);
            } else {
                actor = PEOPLE.get(step.actor());
            }
            apply(decider, incident, step.command(), actor);
        }
        Incident now = incident[0];
        Instant lastAt = now.timeline().get(now.timeline().size() - 1).at();
        if (!longerThan.isZero() && !lastAt.isAfter(now.declaredAt().plus(longerThan))) {
            Instant target = now.declaredAt().plus(longerThan).plusSeconds(60);
            if (target.isAfter(clock.instant())) {
                clock.set(target);
            }
            apply(decider, incident, new Command.AddNote("still going"), now.imoc().orElse(declarer));
        }
        PersonRef imoc = incident[0].imoc().orElse(declarer);
        IncidentStatus status = incident[0].status();
        switch (end) {
            case ACTIVE -> {
                if (status == IncidentStatus.RESOLVED) {
                    apply(decider, incident, new Command.ChangeStatus(IncidentStatus.INVESTIGATING), imoc);
                }
            }
            case RESOLVED -> apply(decider, incident, new Command.Resolve(), imoc);
            case CLOSED -> {
                apply(decider, incident, new Command.Resolve(), imoc);
                clock.advance(Duration.ofHours(20));
                apply(decider, incident, new Command.Close(), imoc);
            }
            case CANCELLED -> {
                if (status == IncidentStatus.RESOLVED) {
                    apply(decider, incident, new Command.ChangeStatus(IncidentStatus.INVESTIGATING), imoc);
                }
                apply(decider, incident, new Command.Cancel("false alarm"), imoc);
            }
            default -> { }
        }
        return incident[0];
    }

    private static void apply(Decider decider, Incident[] incident, Command command, PersonRef actor) {
        Decision d = decider.decide(incident[0], command, actor);
        for (IncidentEvent e : d.events()) {
            incident[0] = incident[0].evolve(e);
        }
    }

    @Override
    public String toString() {
        return "IncidentArbitrary[" + (severity == null ? "any severity" : severity.chatName()) + ", " + ending
                + (longerThan.isZero() ? "" : ", longer than " + longerThan) + "]";
    }
}
