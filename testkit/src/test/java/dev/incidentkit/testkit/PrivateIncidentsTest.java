package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.ConfigurationException;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.IncidentType;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.AccessRefused;
import dev.incidentkit.incident.Classified;
import dev.incidentkit.incident.ComponentsMarked;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Private incidents and incident types, through the kit (issue 17). */
final class PrivateIncidentsTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("bob", "Bob");
    static final PersonRef CAROL = new PersonRef("carol", "Carol");
    static final PersonRef MALLORY = new PersonRef("mallory", "Mallory");
    static final IncidentId INC1 = IncidentId.of(1);
    static final String TITLE = "Leaked API key";

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final IncidentStore store = new InMemoryIncidentStore();
    RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final RecordingStatusPublisher status = new RecordingStatusPublisher();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    final RecordingIssueTracker securityRepo = new RecordingIssueTracker();
    final List<IncidentKit> kits = new ArrayList<>();
    IncidentKit kit = kit(IncidentKit.builder());

    IncidentKit kit(IncidentKit.Builder b) {
        IncidentKit k = b.clock(clock).store(store).chat(chat).pager(pager).statusPublisher(status).issueTracker(issues)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
        kits.add(k);
        return k;
    }

    IncidentKit withSecurityType() {
        return kit(IncidentKit.builder().incidentType(IncidentType.builder("security").privateIncidents(true).page(CAROL)
                .components(Map.of("login", "degraded_performance")).issueTracker(securityRepo)
                .reminders(List.of()).build()));
    }

    @AfterEach
    void close() {
        kits.forEach(IncidentKit::close);
    }

    /** What a person sees: said in the incident's channel if there is one, else in a public channel. */
    Reply say(IncidentKit k, PersonRef who, String text) {
        return k.handle(new ChatRequest(who, k.incidentOf("G1").isPresent() ? "G1" : "C-general", text));
    }

    Reply elsewhere(IncidentKit k, PersonRef who, String text) {
        return k.handle(new ChatRequest(who, "C-general", text));
    }

    Incident incident(IncidentKit k) {
        return k.incident(INC1).orElseThrow();
    }

    @Test
    void aPrivateDeclarationMakesAPrivateChannelWithOnlyThePeopleBroughtInAndTellsOnlyTheSender() {
        Reply reply = elsewhere(kit, ALICE, "declare --private sev2 " + TITLE);
        assertThat(reply.visibility()).as("said in a public channel: only the sender sees it").isEqualTo(Reply.Visibility.SENDER);
        assertThat(reply.text()).contains("private incident channel #inc-1-leaked-api-key", "`update --public …`");
        assertThat(chat.createdPrivately()).containsExactly("inc-1-leaked-api-key");
        assertThat(chat.calls("createChannel")).as("no public channel").isEmpty();
        assertThat(chat.calls("invite")).singleElement().satisfies(c -> assertThat(c.arg(1)).isEqualTo(List.of(ALICE)));
        assertThat(incident(kit).isPrivate()).isTrue();
        assertThat(incident(kit).type()).isEmpty();
        assertThat(say(kit, ALICE, "note rotating the key").visibility()).as("in its own channel, replies are for the channel")
                .isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(elsewhere(kit, ALICE, "INC-1 note rotated").visibility()).isEqualTo(Reply.Visibility.SENDER);
    }

    @Test
    void declaringHereInAPrivateIncidentsChannelIsRefusedWithoutItsTitle() {
        elsewhere(kit, ALICE, "declare --private sev1 " + TITLE);
        Reply reply = kit.handle(new ChatRequest(new PersonRef("mallory", "Mallory"), "G1", "declare here sev2 Something else"));
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.SENDER);
        assertThat(reply.text()).contains("already belongs to INC-1").doesNotContain(TITLE);
        assertThat(kit.incident(IncidentId.of(2))).isEmpty();
    }

    @Test
    void aPrivateIncidentCannotBeDeclaredHereNorMovedToAnotherChannel() {
        Reply here = elsewhere(kit, ALICE, "declare here --private sev2 " + TITLE);
        assertThat(here.text()).contains("needs a private channel of its own", "Nothing was declared");
        assertThat(kit.incident(INC1)).isEmpty();
        elsewhere(kit, ALICE, "declare --private sev2 " + TITLE);
        Reply moved = say(kit, ALICE, "channel <#C0PUBLIC|general>");
        assertThat(moved.text()).contains("INC-1 is private, so it stays in the private channel made for it");
        assertThat(incident(kit).channel().orElseThrow().channelId()).isEqualTo("G1");
    }

    @Test
    void nothingOfAPrivateIncidentReachesThePublicStatusPageOrANonParticipant() {
        elsewhere(kit, ALICE, "declare --private sev1 " + TITLE);
        say(kit, ALICE, "assign comms @bob");
        say(kit, ALICE, "components login=major_outage");
        Reply update = say(kit, ALICE, "update investigating: We are rotating credentials");
        assertThat(update.text()).contains("Private incident: the update is shown in the channel only");
        assertThat(chat.posted()).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(ChatMessage.Kind.STATUS_CHANGE);
            assertThat(m.text()).startsWith("Alice: Update for this channel only (investigating): We are rotating credentials");
        });
        Reply byComms = say(kit, BOB, "update --public identified: Some logins fail");
        assertThat(byComms.text()).startsWith("INC-1 is private: only the IMOC (Alice) may publish it on the public status page");
        say(kit, ALICE, "resolve");
        assertThat(status.calls()).as("nothing at all reached the status page").isEmpty();

        // a non-participant: refused everywhere, told nothing but the id
        List<Reply> seen = new ArrayList<>();
        for (String text : List.of("INC-1 timeline", "INC-1 note I saw something", "INC-1 resolve", "INC-1 here",
                "INC-1 update --public x", "note what is going on", "oncall", "help")) {
            seen.add(elsewhere(kit, MALLORY, text));
        }
        assertThat(seen.get(0).text()).startsWith("INC-1 is private: only the people working on it may see it or act on it");
        assertThat(seen.get(5).text()).as("the list of open incidents leaves it out").contains("There are no open incidents")
                .doesNotContain("INC-1");
        assertThat(seen).allSatisfy(r -> assertThat(r.text()).doesNotContain(TITLE).doesNotContain("Alice")
                .doesNotContain("rotating"));
        assertThat(seen).allSatisfy(r -> assertThat(r.visibility()).isEqualTo(Reply.Visibility.SENDER));
        assertThat(incident(kit).all(AccessRefused.class)).extracting(AccessRefused::by).filteredOn(MALLORY::equals)
                .as("each refusal by name is recorded for the participants to see").hasSize(5);
        assertThat(incident(kit).isParticipant(MALLORY)).as("being refused is not taking part").isFalse();
        assertThat(chat.calls("invite")).noneSatisfy(c -> assertThat(c.arg(1).toString()).contains("mallory"));
        assertThat(chat.calls("postEphemeral")).isEmpty();
        // a participant still sees the timeline
        assertThat(elsewhere(kit, BOB, "INC-1 timeline").text()).contains(TITLE);
        assertThat(elsewhere(kit, BOB, "note anything new").text()).contains("Open incidents: INC-1");
    }

    @Test
    void theImocPublishesExplicitlyWithPublicAndResolvingThenResolvesThePublicIncident() {
        elsewhere(kit, ALICE, "declare --private sev1 " + TITLE);
        say(kit, ALICE, "components login=major_outage");
        say(kit, ALICE, "update --public identified: Some logins fail; we are on it");
        assertThat(status.published()).singleElement().satisfies(u -> {
            assertThat(u.message()).isEqualTo("Some logins fail; we are on it");
            assertThat(u.components()).containsEntry("login", "major_outage");
        });
        say(kit, ALICE, "update monitoring: internal only: key rotated");
        assertThat(status.published()).as("an update without --public stays in the channel").hasSize(1);
        say(kit, ALICE, "resolve");
        assertThat(status.published()).hasSize(2).last().satisfies(u -> assertThat(u.status().chatName()).isEqualTo("resolved"));
    }

    @Test
    void aPrivateIncidentsReportIsFiledOnlyToItsTypesOwnTracker() {
        elsewhere(kit, ALICE, "declare --private sev2 " + TITLE);
        Reply resolved = say(kit, ALICE, "resolve");
        assertThat(resolved.text()).contains("filed only to its type's own issue tracker, and it has none");
        say(kit, ALICE, "close");
        assertThat(issues.calls()).as("the shared tracker never hears of it").isEmpty();

        IncidentKit typed = withSecurityType();
        elsewhere(typed, ALICE, "declare --type security sev2 Another leak");
        IncidentId inc2 = IncidentId.of(2);
        typed.handle(new ChatRequest(ALICE, "C-general", "INC-2 followup rotate every key"));
        typed.handle(new ChatRequest(ALICE, "C-general", "INC-2 resolve"));
        typed.handle(new ChatRequest(ALICE, "C-general", "INC-2 close"));
        assertThat(issues.calls()).isEmpty();
        assertThat(securityRepo.calls("open")).hasSize(2);
        assertThat(typed.incident(inc2).orElseThrow().isPrivate()).isTrue();
    }

    @Test
    void aTypeAppliesItsDefaults() {
        IncidentKit typed = withSecurityType();
        Reply reply = elsewhere(typed, ALICE, "declare --type security sev2 " + TITLE);
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.SENDER);
        Incident i = incident(typed);
        assertThat(i.type()).contains("security");
        assertThat(i.isPrivate()).as("the type is private").isTrue();
        assertThat(i.all(Classified.class)).singleElement().satisfies(c -> assertThat(c.privateIncident()).isTrue());
        assertThat(i.isParticipant(CAROL)).as("the type brings Carol in").isTrue();
        assertThat(i.all(Paged.class)).extracting(Paged::target).containsExactlyInAnyOrder(ALICE, CAROL);
        assertThat(chat.calls("invite")).extracting(c -> c.arg(1)).contains(List.of(CAROL));
        assertThat(i.all(ComponentsMarked.class)).singleElement().satisfies(m -> {
            assertThat(m.by()).isEqualTo(PersonRef.BOT);
            assertThat(m.components()).containsEntry("login", "degraded_performance");
        });
        assertThat(status.calls()).as("components wait for an update --public").isEmpty();
        assertThat(typed.handle(new ChatRequest(CAROL, "G1", "note checking the audit log")).visibility())
                .isEqualTo(Reply.Visibility.CHANNEL);
        // the type has no reminders of its own; an untyped incident gets the kit's
        elsewhere(typed, BOB, "declare sev2 Search is slow");
        clock.advance(Duration.ofHours(2));
        typed.tick();
        assertThat(incident(typed).all(ReminderFired.class)).isEmpty();
        assertThat(typed.incident(IncidentId.of(2)).orElseThrow().all(ReminderFired.class)).isNotEmpty();
    }

    @Test
    void anUnknownTypeOrAPlatformWithoutPrivateChannelsIsRefusedAndNothingIsDeclared() {
        IncidentKit typed = withSecurityType();
        assertThat(elsewhere(typed, ALICE, "declare --type sec sev2 x").text())
                .isEqualTo("There is no incident type `sec`. The types are `security`; e.g. `declare --type security sev2 x`");
        assertThat(elsewhere(kit, ALICE, "declare --type security sev2 x").text())
                .startsWith("There is no incident type `security`. No incident types are configured");

        chat = new RecordingChatGateway(EnumSet.complementOf(EnumSet.of(ChatGateway.Capability.PRIVATE_CHANNELS,
                ChatGateway.Capability.ARCHIVE)));
        IncidentKit publicOnly = kit(IncidentKit.builder());
        Reply refused = elsewhere(publicOnly, ALICE, "declare --private sev1 " + TITLE);
        assertThat(refused.text()).startsWith("This chat platform cannot create private channels")
                .contains("Nothing was declared");
        assertThat(chat.calls()).isEmpty();
        assertThat(store.openIncidents()).isEmpty();
        assertThatThrownBy(() -> IncidentKit.builder().store(new InMemoryIncidentStore()).chat(chat)
                .incidentType(IncidentType.builder("security").privateIncidents(true).build()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("incident type 'security' is private");
        assertThatThrownBy(() -> IncidentKit.builder().incidentType(IncidentType.builder("a").build())
                .incidentType(IncidentType.builder("a").build())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IncidentType.builder("Security!").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IncidentType.builder("x").components(Map.of("login", "broken")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrivateIncidentsButtonsAndPostsStayInItsChannel() {
        elsewhere(kit, ALICE, "declare --private sev2 " + TITLE);
        assertThat(chat.calls("post")).allSatisfy(c -> assertThat(c.arg(0)).isEqualTo("G1"));
        assertThat(chat.posted()).extracting(ChatMessage::kind).contains(ChatMessage.Kind.KICKOFF);
    }
}
