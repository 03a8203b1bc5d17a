package dev.incidentkit.incident;

import static dev.incidentkit.incident.EventTypesTest.ALICE;
import static dev.incidentkit.incident.EventTypesTest.BOB;
import static dev.incidentkit.incident.EventTypesTest.ID;
import static dev.incidentkit.incident.EventTypesTest.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.internal.EffectPlanner;
import dev.incidentkit.internal.TypedReminderPolicies;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.reminder.SilencePolicy;
import dev.incidentkit.spi.AccessPolicy;
import dev.incidentkit.spi.Effect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Private and typed incidents in the domain: decide, evolve, access, effects and JSON (issue 17). */
final class PrivateIncidentTest {
    static final PersonRef CAROL = new PersonRef("carol", "Carol");
    static final PersonRef MALLORY = new PersonRef("mallory", "Mallory");
    private final Decider decider = new Decider(Clock.fixed(T, ZoneOffset.UTC));
    private final AccessPolicy access = AccessPolicy.defaults();
    private final EffectPlanner planner = new EffectPlanner(new EffectPlanner.Ports(true, true, true, false, true));

    private Incident apply(Incident incident, Command command, PersonRef actor, Context context) {
        Decision d = decider.decide(incident, command, actor, context);
        assertThat(d).as("%s", command).isInstanceOf(Decision.Accepted.class);
        for (IncidentEvent e : d.events()) {
            incident = incident.evolve(e);
        }
        return incident;
    }

    private Incident apply(Incident incident, Command command, PersonRef actor) {
        return apply(incident, command, actor, Context.NONE);
    }

    private Incident privateOne() {
        return apply(Incident.undeclared(ID), new Command.Declare(Severity.SEV2, "Leaked key", false, true, Optional.of("security")),
                ALICE, new Context(Optional.empty(), List.of(), List.of(CAROL, ALICE)));
    }

    @Test
    void aPrivateDeclarationIsClassifiedAndBringsInTheTypesPeople() {
        Incident i = privateOne();
        assertThat(i.timeline()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Declared", "Classified", "RoleAssigned", "ParticipantJoined");
        assertThat(i.isPrivate()).isTrue();
        assertThat(i.type()).contains("security");
        assertThat(i.isParticipant(CAROL)).isTrue();
        assertThat(i.isVisibleTo(MALLORY)).isFalse();
        assertThat(i.isVisibleTo(PersonRef.BOT)).isTrue();
        Incident publicOne = apply(Incident.undeclared(ID), new Command.Declare(Severity.SEV2, "Slow", false), ALICE);
        assertThat(publicOne.all(Classified.class)).as("an ordinary declaration records nothing more").isEmpty();
        assertThat(publicOne.isVisibleTo(MALLORY)).isTrue();
    }

    @Test
    void onlyParticipantsMayDoAnythingAndOnlyTheImocPublishesPublicly() {
        Incident i = apply(privateOne(), new Command.AssignRole(Role.COMMUNICATIONS_LEAD, BOB), ALICE);
        for (Command c : List.of(new Command.ShowTimeline(), new Command.AddNote("x"), new Command.ConfirmPresence(),
                new Command.Acknowledge(), new Command.AddFollowUp("y"))) {
            assertThat(access.check(i, c, MALLORY)).as("%s", c).hasValueSatisfying(r -> {
                assertThat(r.reason()).isEqualTo("INC-42 is private: only the people working on it may see it or act on it");
                assertThat(r.message()).doesNotContain("Leaked").doesNotContain("Alice");
            });
            assertThat(access.check(i, c, CAROL)).as("%s by a participant", c).isEmpty();
        }
        Command publicly = new Command.PublishUpdate(Optional.empty(), "Logins fail", true);
        assertThat(access.check(i, new Command.PublishUpdate(Optional.empty(), "Logins fail"), BOB)).isEmpty();
        assertThat(access.check(i, publicly, BOB)).hasValueSatisfying(r -> assertThat(r.reason())
                .isEqualTo("INC-42 is private: only the IMOC (Alice) may publish it on the public status page"));
        assertThat(access.check(i, publicly, ALICE)).isEmpty();
        // a drafted --public update is the IMOC's to confirm too
        Incident drafted = apply(i, publicly, ALICE);
        Incident previewed = new Decider(Clock.fixed(T, ZoneOffset.UTC), true).decide(i, publicly, ALICE).events().stream()
                .reduce(i, (a, e) -> a.evolve(e), (a, b) -> b);
        assertThat(previewed.pendingDraft()).hasValueSatisfying(d -> assertThat(d.publicly()).isTrue());
        assertThat(access.check(previewed, new Command.ConfirmUpdate(), BOB)).isPresent();
        assertThat(drafted.wentPublic()).isTrue();
        // a refusal does not make Mallory a participant
        Incident refused = i.evolve(new AccessRefused(i.version() + 1, T, MALLORY, "timeline", "private"));
        assertThat(refused.isParticipant(MALLORY)).isFalse();
        assertThat(access.check(refused, new Command.ShowTimeline(), MALLORY)).isPresent();
    }

    @Test
    void aPrivateIncidentsEffectsKeepItOffTheStatusPageAndTheSharedTracker() {
        Incident undeclared = Incident.undeclared(ID);
        Decision declared = decider.decide(undeclared, new Command.Declare(Severity.SEV1, "Leaked key", false, true, Optional.empty()),
                ALICE, new Context(Optional.empty(), List.of(), List.of(CAROL)));
        List<Effect> effects = planner.plan(undeclared, declared.events());
        assertThat(effects).filteredOn(Effect.CreateChannel.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Effect.CreateChannel) e).privateChannel()).isTrue());
        assertThat(effects).filteredOn(Effect.Page.class::isInstance).extracting(e -> ((Effect.Page) e).target())
                .containsExactly(ALICE, CAROL);
        assertThat(effects).filteredOn(Effect.Invite.class::isInstance).extracting(e -> ((Effect.Invite) e).people())
                .containsExactly(List.of(ALICE), List.of(CAROL));
        Incident i = declared.events().stream().reduce(undeclared, (a, e) -> a.evolve(e), (a, b) -> b);

        Decision marked = decider.decide(i, new Command.MarkComponents(Map.of("login", "major_outage")), ALICE);
        assertThat(planner.plan(i, marked.events())).noneMatch(Effect.MarkComponents.class::isInstance);
        Decision quiet = decider.decide(i, new Command.PublishUpdate(Optional.empty(), "Rotating keys"), ALICE);
        assertThat(planner.plan(i, quiet.events())).noneMatch(e -> e.port() == Effect.Port.STATUS_PAGE);
        Decision loud = decider.decide(i, new Command.PublishUpdate(Optional.empty(), "Logins fail", true), ALICE);
        assertThat(planner.plan(i, loud.events())).anyMatch(Effect.PublishStatus.class::isInstance);
        Decision resolved = decider.decide(i, new Command.Resolve(), ALICE);
        assertThat(planner.plan(i, resolved.events())).as("nothing went public, so nothing to resolve there, and no report")
                .noneMatch(e -> e.port() == Effect.Port.STATUS_PAGE || e.port() == Effect.Port.ISSUES);
        EffectPlanner withOwnTracker = new EffectPlanner(new EffectPlanner.Ports(true, true, false, false, true),
                incident -> incident.isPrivate());
        assertThat(withOwnTracker.plan(i, resolved.events())).anyMatch(Effect.FileReport.class::isInstance);
    }

    @Test
    void theJsonOfTheNewFieldsAndOldExportsWithoutThem() {
        assertThat(IncidentJson.write(new Classified(2, T, ALICE, "security", true)))
                .isEqualTo("{\"type\":\"classified\",\"seq\":2,\"at\":\"2026-11-24T14:00:00Z\",\"by\":{\"id\":\"alice\",\"name\":\"Alice\"},"
                        + "\"incidentType\":\"security\",\"privateIncident\":true}");
        StatusUpdatePublished loud = new StatusUpdatePublished(5, T, ALICE, IncidentStatus.IDENTIFIED, "Logins fail", true);
        assertThat(IncidentJson.read(IncidentJson.write(loud))).isEqualTo(loud);
        assertThat(IncidentJson.read("{\"type\":\"status_update_published\",\"seq\":5,\"at\":\"2026-11-24T14:00:00Z\","
                + "\"by\":{\"id\":\"alice\",\"name\":\"Alice\"},\"status\":\"identified\",\"message\":\"old\"}"))
                .isEqualTo(new StatusUpdatePublished(5, T, ALICE, IncidentStatus.IDENTIFIED, "old", false));
        assertThat(IncidentJson.readEffect("{\"type\":\"create_channel\",\"key\":\"INC-1:1:0\",\"name\":\"inc-1\"}"))
                .isEqualTo(new Effect.CreateChannel("INC-1:1:0", "inc-1", false));
        Effect.CreateChannel privately = new Effect.CreateChannel("INC-1:1:0", "inc-1", true);
        assertThat(IncidentJson.readEffect(IncidentJson.writeEffect(privately))).isEqualTo(privately);
    }

    @Test
    void aTypesOwnRemindersReplaceTheKitsForItsIncidentsOnly() {
        ReminderPolicy kitSilence = SilencePolicy.builder().build();
        ReminderPolicy fastSilence = SilencePolicy.builder().after(Severity.SEV2, Duration.ofMinutes(5)).build();
        List<ReminderPolicy> policies = TypedReminderPolicies.of(List.of(kitSilence),
                Map.of("security", List.of(fastSilence), "quiet", List.of()));
        assertThat(policies).extracting(ReminderPolicy::name).containsExactly("silence");
        Instant later = T.plus(Duration.ofHours(1));
        Incident security = privateOne();
        Incident plain = apply(Incident.undeclared(ID), new Command.Declare(Severity.SEV2, "Slow", false), ALICE);
        Incident quiet = apply(Incident.undeclared(ID), new Command.Declare(Severity.SEV2, "Slow", false, false, Optional.of("quiet")), ALICE);
        assertThat(policies.get(0).evaluate(security, later)).as("every 5m").extracting(Reminder::dueAt)
                .containsExactly(T.plus(Duration.ofMinutes(60)), T.plus(Duration.ofMinutes(65)));
        assertThat(policies.get(0).evaluate(plain, later)).as("every 20m").extracting(Reminder::dueAt)
                .containsExactly(T.plus(Duration.ofMinutes(60)), T.plus(Duration.ofMinutes(80)));
        assertThat(policies.get(0).evaluate(quiet, later)).as("a type with no reminders has none").isEmpty();
        assertThat(TypedReminderPolicies.of(List.of(kitSilence), Map.of())).containsExactly(kitSilence);
    }
}
