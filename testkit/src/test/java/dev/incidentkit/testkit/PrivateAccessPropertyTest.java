package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.AccessRefused;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.arbitraries.CommandArbitraries;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever people outside a private incident type, naming it from anywhere, they change nothing about it
 * but the record of their refusal, never reach its status page, and never read its title or its notes.
 */
final class PrivateAccessPropertyTest {
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");
    private static final PersonRef BOB = new PersonRef("bob", "Bob");
    private static final List<PersonRef> OUTSIDERS = List.of(new PersonRef("mallory", "Mallory"), PersonRef.of("eve"),
            new PersonRef("U0TRUDY", "Trudy"));
    private static final IncidentId INC1 = IncidentId.of(1);
    private static final String TITLE = "Leaked signing key";
    private static final String NOTE = "rotated the key at 14:02";

    @Property(tries = 150)
    void outsidersLearnNothingAndChangeNothing(@ForAll("attempts") List<Tuple.Tuple2<PersonRef, Command>> script) {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        RecordingStatusPublisher status = new RecordingStatusPublisher();
        try (IncidentKit kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore())
                .chat(new RecordingChatGateway()).statusPublisher(status)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build()) {
            kit.handle(new ChatRequest(ALICE, "D-alice", "declare --private sev1 " + TITLE));
            String channel = kit.incident(INC1).orElseThrow().channel().orElseThrow().channelId();
            kit.handle(new ChatRequest(ALICE, channel, "assign comms @bob"));
            kit.handle(new ChatRequest(ALICE, channel, "note " + NOTE));
            Incident before = kit.incident(INC1).orElseThrow();
            for (Tuple.Tuple2<PersonRef, Command> step : script) {
                clock.advance(Duration.ofMinutes(1));
                boolean inItsChannel = Math.floorMod(step.get2().hashCode(), 3) == 0; // e.g. added to the channel by hand
                Reply reply = kit.handle(Optional.of(INC1), step.get2(), step.get1(), inItsChannel ? channel : "C-general");
                assertThat(reply.text()).as("%s: %s", step.get1().id(), step.get2()).doesNotContain(TITLE).doesNotContain(NOTE);
                if (!inItsChannel) {
                    assertThat(reply.visibility()).isEqualTo(Reply.Visibility.SENDER);
                }
            }
            Incident after = kit.incident(INC1).orElseThrow();
            List<IncidentEvent> added = after.timeline().subList(before.timeline().size(), after.timeline().size());
            assertThat(added).as("only refusals were recorded").allMatch(AccessRefused.class::isInstance);
            assertThat(after.status()).isEqualTo(before.status());
            assertThat(after.roles()).isEqualTo(before.roles());
            assertThat(status.calls()).isEmpty();
            assertThat(OUTSIDERS).noneMatch(after::isParticipant);
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<PersonRef, Command>>> attempts() {
        Arbitrary<Command> commands = CommandArbitraries.commands()
                .filter(c -> !(c instanceof Command.Declare || c instanceof Command.DeclareHere || c instanceof Command.Help
                        || c instanceof Command.ShowOnCall));
        return Arbitraries.of(OUTSIDERS).flatMap(p -> commands.map(c -> Tuple.of(p, c))).list().ofMinSize(1).ofMaxSize(12);
    }
}
