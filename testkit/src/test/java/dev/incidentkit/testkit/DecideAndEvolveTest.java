package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentJson;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.arbitraries.CommandArbitraries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@code decide} and {@code evolve} over any sequence of commands, as the store sees them.
 */
final class DecideAndEvolveTest {
    private static final List<PersonRef> PEOPLE = List.of(
            new PersonRef("alice", "Alice"), new PersonRef("bob", "Bob"), PersonRef.of("carol"));

    /** What running a script produced. */
    private record Run(IncidentId id, Incident live, IncidentStore store, int acceptedEvents,
                       List<Decision> afterFinal) {}

    private static Run run(List<Command> script, List<Integer> gapsInSeconds) {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        Decider decider = new Decider(clock);
        IncidentStore store = new InMemoryIncidentStore();
        IncidentId id = store.nextId();
        Incident live = Incident.undeclared(id);
        int accepted = 0;
        List<Decision> afterFinal = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            clock.advance(Duration.ofSeconds(gapsInSeconds.get(i % gapsInSeconds.size())));
            Command command = script.get(i);
            boolean wasFinal = live.isDeclared() && live.status().isFinal();
            Decision decision = decider.decide(live, command, PEOPLE.get(i % PEOPLE.size()));
            if (wasFinal && command.changesState() && !command.allowedOnceEnded()) {
                afterFinal.add(decision);
            }
            if (!decision.events().isEmpty()) {
                store.append(id, live.version(), decision.events());
                for (IncidentEvent e : decision.events()) {
                    live = live.evolve(e);
                }
                accepted += decision.events().size();
            }
        }
        return new Run(id, live, store, accepted, afterFinal);
    }

    @Property
    void replayingTheStoredTimelineGivesTheLiveIncident(@ForAll("scripts") List<Command> script,
                                                        @ForAll("gaps") List<Integer> gaps) {
        Run run = run(script, gaps);
        Incident replayed = Incident.replay(run.id(), run.store().load(run.id()));
        assertThat(replayed).isEqualTo(run.live());
        assertThat(IncidentJson.readExport(IncidentJson.export(run.live())).replay()).isEqualTo(run.live());
    }

    @Property
    void noIllegalStatusTransitionIsEverProduced(@ForAll("scripts") List<Command> script,
                                                 @ForAll("gaps") List<Integer> gaps) {
        Run run = run(script, gaps);
        IncidentStatus status = IncidentStatus.INVESTIGATING;
        for (IncidentEvent e : run.store().load(run.id())) {
            IncidentStatus next = status;
            if (e instanceof StatusChanged s) {
                assertThat(s.from()).as("from of %s", s).isEqualTo(status);
                next = s.to();
            } else if (e instanceof Closed) {
                next = IncidentStatus.CLOSED;
            } else if (e instanceof Cancelled) {
                next = IncidentStatus.CANCELLED;
            }
            if (next != status) {
                assertThat(status.canMoveTo(next)).as("%s -> %s", status, next).isTrue();
            }
            status = next;
        }
        assertThat(status).isEqualTo(run.live().status());
    }

    @Property
    void theTimelineIsOrderedAndLosesNothing(@ForAll("scripts") List<Command> script,
                                             @ForAll("gaps") List<Integer> gaps) {
        Run run = run(script, gaps);
        List<IncidentEvent> timeline = run.store().load(run.id());
        assertThat(timeline).hasSize(run.acceptedEvents());
        for (int i = 0; i < timeline.size(); i++) {
            assertThat(timeline.get(i).seq()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(timeline.get(i).at()).isAfterOrEqualTo(timeline.get(i - 1).at());
            }
        }
    }

    @Property
    void closedAndCancelledIncidentsAcceptNoChangingCommand(@ForAll("scripts") List<Command> script,
                                                            @ForAll("gaps") List<Integer> gaps) {
        Run run = run(script, gaps);
        assertThat(run.afterFinal()).allSatisfy(d -> assertThat(d).isInstanceOf(Decision.Rejected.class));
        if (run.live().status().isFinal()) {
            Incident ended = run.live();
            Decider decider = new Decider(TestClock.at("2030-01-01T00:00:00Z"));
            for (Command c : CommandArbitraries.commands().sampleStream().limit(50).toList()) {
                if (c.changesState() && !c.allowedOnceEnded()) {
                    assertThat(decider.decide(ended, c, PEOPLE.get(0))).as(c.toString()).isInstanceOf(Decision.Rejected.class);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Command>> scripts() {
        return CommandArbitraries.incidentScripts(60);
    }

    @Provide
    Arbitrary<List<Integer>> gaps() {
        return Arbitraries.integers().between(0, 3600).list().ofMinSize(1).ofMaxSize(10);
    }
}
