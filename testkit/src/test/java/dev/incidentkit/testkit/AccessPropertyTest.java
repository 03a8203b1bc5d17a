package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
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
 * Whatever people who are not the IMOC type, in the incident's channel or naming it from elsewhere, they
 * publish nothing to the public status page, never move the status on, and take no role.
 */
final class AccessPropertyTest {
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");
    private static final List<PersonRef> OTHERS = List.of(new PersonRef("bob", "Bob"), new PersonRef("mallory", "Mallory"),
            PersonRef.of("carol"));
    private static final IncidentId INC1 = IncidentId.of(1);

    @Property(tries = 200)
    void peopleWhoAreNotTheImocCannotPublishResolveOrTakeRoles(@ForAll("attacks") List<Tuple.Tuple2<PersonRef, Command>> script) {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        RecordingStatusPublisher status = new RecordingStatusPublisher();
        try (IncidentKit kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore())
                .chat(new RecordingChatGateway()).statusPublisher(status)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build()) {
            kit.handle(new ChatRequest(ALICE, "D-alice", "declare sev1 Checkout is failing"));
            kit.handle(new ChatRequest(ALICE, "C1", "update investigating: Looking into it"));
            int published = status.published().size();
            for (Tuple.Tuple2<PersonRef, Command> step : script) {
                clock.advance(Duration.ofMinutes(1));
                boolean fromElsewhere = step.get2().hashCode() % 2 == 0;
                kit.handle(fromElsewhere ? Optional.of(INC1) : Optional.empty(), step.get2(), step.get1(),
                        fromElsewhere ? "D-" + step.get1().id() : "C1");
            }
            Incident incident = kit.incident(INC1).orElseThrow();
            assertThat(status.published()).as("public updates").hasSize(published);
            assertThat(incident.all(StatusUpdatePublished.class)).allMatch(u -> u.by().equals(ALICE));
            assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
            assertThat(incident.all(StatusChanged.class)).isEmpty();
            assertThat(incident.imoc()).contains(ALICE);
            assertThat(incident.all(RoleAssigned.class)).allMatch(r -> r.by().equals(ALICE));
            assertThat(incident.all(HandedOff.class)).isEmpty();
            assertThat(incident.roles()).containsOnlyKeys(Role.IMOC);
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<PersonRef, Command>>> attacks() {
        Arbitrary<Command> aimed = Arbitraries.of(OTHERS).flatMap(self -> Arbitraries.of(
                new Command.OfferHandOff(self), new Command.AcceptHandOff(), new Command.HandOff(Optional.of(self)),
                new Command.AssignRole(Role.COMMUNICATIONS_LEAD, self), new Command.AssignRole(Role.TECHNICAL_LEAD, self),
                new Command.AssignRole(Role.IMOC, self), new Command.Resolve(), new Command.ChangeStatus(IncidentStatus.IDENTIFIED),
                new Command.PublishUpdate(Optional.of(IncidentStatus.RESOLVED), "All good"),
                new Command.PublishUpdate(Optional.empty(), "Nothing to see"), new Command.ConfirmUpdate(),
                new Command.MarkComponents(java.util.Map.of("checkout", "operational")), new Command.Cancel("false alarm"),
                new Command.Close(), new Command.MuteReminders("status-update", Duration.ofDays(7)),
                new Command.ChangeSeverity(dev.incidentkit.incident.Severity.SEV4)));
        Arbitrary<Command> any = Arbitraries.oneOf(List.of(aimed, CommandArbitraries.commands()))
                .filter(c -> !(c instanceof Command.Declare));
        return Arbitraries.of(OTHERS).flatMap(who -> any.map(c -> Tuple.of(who, c))).list().ofMaxSize(25);
    }
}
