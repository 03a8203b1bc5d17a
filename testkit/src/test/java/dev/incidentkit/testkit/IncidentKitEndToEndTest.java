package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.HandOffOffered;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentJson;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Role;
import dev.incidentkit.report.ServiceDisruptionReport;
import dev.incidentkit.rotation.Rotation;
import dev.incidentkit.rotation.ShiftLength;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole SEV1 through the façade with recording fakes at every port. */
final class IncidentKitEndToEndTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Person ALICE = Person.of("alice", "Alice", BERLIN);
    static final Person BOB = Person.of("bob", "Bob", BERLIN);
    static final Person CAROL = Person.of("carol", "Carol", NEW_YORK);
    static final Person DAVE = Person.of("dave", "Dave", BERLIN);

    final TestClock clock = TestClock.at("2026-11-24T13:00:00Z"); // 14:00 in Berlin, 08:00 in New York
    final RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final RecordingStatusPublisher status = new RecordingStatusPublisher();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    final Rotation rotation = Rotation.builder().name("imoc").members(ALICE, CAROL, DAVE)
            .shiftLength(ShiftLength.WEEKLY).start(Instant.parse("2026-11-23T08:00:00Z")).zone(BERLIN).build();
    final IncidentKit kit = IncidentKit.builder().clock(clock).zone(BERLIN).store(new InMemoryIncidentStore())
            .chat(chat).pager(pager).statusPublisher(status).issueTracker(issues).rotation(rotation)
            .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();

    Reply say(Person who, String text) {
        Reply r = kit.handle(new ChatRequest(who.ref(), kit.incidentOf("C1").isPresent() ? "C1" : "C-general", text));
        assertThat(r.visibility()).as("%s: %s -> %s", who.id(), text, r.text()).isEqualTo(Reply.Visibility.CHANNEL);
        return r;
    }

    void pass(Duration d) {
        for (long m = 0; m < d.toMinutes(); m++) {
            clock.advance(Duration.ofMinutes(1));
            kit.tick();
        }
    }

    @Test
    void aSev1FromDeclarationToClose() {
        // Bob notices; the rotation makes Alice (on call this week) the IMOC
        say(BOB, "declare sev1 Checkout is failing");
        Incident declared = kit.incident(IncidentId.of(1)).orElseThrow();
        assertThat(declared.imoc()).contains(ALICE.ref());
        assertThat(pager.calls("page")).singleElement()
                .satisfies(c -> assertThat(((Pager.PageRequest) c.arg(0)).target()).isEqualTo(ALICE.ref()));
        assertThat(chat.calls("invite").get(0).arg(1)).isEqualTo(List.of(ALICE.ref(), BOB.ref()));

        say(ALICE, "ack");
        say(ALICE, "impact started 13:50");
        say(ALICE, "assign comms @bob");
        say(BOB, "note error rate at 40% since deploy 1234");
        say(BOB, "update investigating: Some customers cannot check out. We are investigating.");

        // nobody posts the next public update: after 30 minutes the status-update reminder fires, once
        pass(Duration.ofMinutes(31));
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.REMINDER)
                .filteredOn(m -> m.text().contains("public"))
                .singleElement().satisfies(m -> assertThat(m.buttons()).extracting(ChatMessage.Button::command)
                        .contains("remind me in 15m"));
        assertThat(kit.incident(IncidentId.of(1)).orElseThrow().all(ReminderFired.class))
                .extracting(ReminderFired::key).anyMatch(k -> k.startsWith("status-update"));
        // the communications lead publishes, but the status moves by the IMOC's (or technical lead's) word
        assertThat(kit.handle(new ChatRequest(BOB.ref(), "C1", "update identified: We found a faulty release.")).text())
                .startsWith("Only the IMOC (Alice) or the technical lead may change the status of INC-1");
        say(ALICE, "status identified");
        say(BOB, "update: We found a faulty release and are rolling it back.");

        // Alice asks for a fresh IMOC: the rotation's candidates are offered the role; Carol accepts
        say(ALICE, "handoff");
        Incident offered = kit.incident(IncidentId.of(1)).orElseThrow();
        assertThat(offered.all(HandOffOffered.class)).extracting(HandOffOffered::candidate).contains(CAROL.ref());
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.HANDOFF_REQUEST)
                .anySatisfy(m -> assertThat(m.text()).startsWith("Carol, will you take over as IMOC of INC-1 from Alice?"));
        say(CAROL, "accept handoff");
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.STATUS_CHANGE)
                .anySatisfy(m -> assertThat(m.text()).contains("IMOC"));

        say(CAROL, "mitigated");
        say(CAROL, "followup Alert on checkout 5xx per region");
        say(CAROL, "resolve");
        pass(Duration.ofDays(1));
        say(CAROL, "close");

        Incident closed = kit.incident(IncidentId.of(1)).orElseThrow();
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(closed.all(HandedOff.class)).singleElement().satisfies(h -> {
            assertThat(h.role()).isEqualTo(Role.IMOC);
            assertThat(h.from()).isEqualTo(ALICE.ref());
            assertThat(h.to()).isEqualTo(CAROL.ref());
        });

        // every port saw what it should, once
        assertThat(status.published()).extracting(StatusPublisher.StatusUpdate::status).containsExactly(
                IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.RESOLVED);
        assertThat(pager.calls("resolve")).hasSize(1);
        assertThat(issues.calls("open")).extracting(c -> ((IssueTracker.NewIssue) c.arg(0)).title())
                .containsExactly("Service disruption: INC-1 Checkout is failing", "Alert on checkout 5xx per region");
        assertThat(issues.calls("updateBody")).singleElement()
                .satisfies(c -> assertThat((String) c.arg(1)).contains("# Service-disruption report: INC-1 Checkout is failing"));
        assertThat(chat.calls("createChannel")).hasSize(1);
        assertThat(chat.calls("pin")).hasSize(1);
        assertThat(closed.links()).extracting(LinkAdded::label).contains("status page", "service-disruption report", "follow-up #1");
        assertThat(chat.calls("post")).extracting(c -> (String) c.arg(2)).doesNotHaveDuplicates();

        // the timeline replays, survives JSON, and the report is built from it alone
        assertThat(IncidentJson.readExport(IncidentJson.export(closed)).replay()).isEqualTo(closed);
        String report = ServiceDisruptionReport.of(closed).markdown();
        assertThat(report).contains("Checkout is failing", "Some customers cannot check out", "Alice", "Carol", "```mermaid");
        List<IncidentEvent> timeline = closed.timeline();
        assertThat(timeline.get(timeline.size() - 1).getClass().getSimpleName()).isIn("Closed", "LinkAdded");
        assertThat(PersonRef.BOT.id()).isEqualTo("incidentkit");
    }
}
