package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.HandOffOffered;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.rotation.Rotation;
import dev.incidentkit.rotation.ShiftLength;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingPager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IMOC is still there: the still-there reminder and its escalation, through the kit (issue 17). */
final class StillThereTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Person ALICE = Person.of("alice", "Alice", BERLIN);
    static final Person CAROL = Person.of("carol", "Carol", BERLIN);
    static final Person DAVE = Person.of("dave", "Dave", BERLIN);
    static final IncidentId INC1 = IncidentId.of(1);

    final TestClock clock = TestClock.at("2026-11-24T13:00:00Z");
    final RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final Rotation rotation = Rotation.builder().name("imoc").members(ALICE, CAROL, DAVE)
            .shiftLength(ShiftLength.WEEKLY).start(Instant.parse("2026-11-23T08:00:00Z")).zone(BERLIN).build();
    final List<IncidentKit> kits = new ArrayList<>();

    IncidentKit kit(boolean withRotation) {
        IncidentKit.Builder b = IncidentKit.builder().clock(clock).zone(BERLIN).store(new InMemoryIncidentStore())
                .chat(chat).pager(pager).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO);
        IncidentKit k = (withRotation ? b.rotation(rotation) : b).build();
        kits.add(k);
        return k;
    }

    @AfterEach
    void close() {
        kits.forEach(IncidentKit::close);
    }

    Reply say(IncidentKit kit, Person who, String text) {
        return kit.handle(new ChatRequest(who.ref(), kit.incidentOf("C1").isPresent() ? "C1" : "C-general", text));
    }

    void pass(IncidentKit kit, Duration d) {
        for (long m = 0; m < d.toMinutes(); m++) {
            clock.advance(Duration.ofMinutes(1));
            kit.tick();
        }
    }

    List<ChatMessage> asked() {
        return chat.posted().stream().filter(m -> m.text().contains("are you still on it?")).toList();
    }

    List<Pager.PageRequest> pagesTo(Person p) {
        return pager.pages().stream().filter(r -> r.target().id().equals(p.id())).toList();
    }

    @Test
    void anImocSilentThroughTwoSilenceRemindersIsAskedAndThenTheNextImocIsPagedAndOfferedTheRole() {
        IncidentKit kit = kit(true);
        say(kit, ALICE, "declare sev1 Checkout is failing");
        say(kit, ALICE, "ack");
        pass(kit, Duration.ofMinutes(39));
        assertThat(asked()).as("one silence reminder is not enough").isEmpty();
        pass(kit, Duration.ofMinutes(2));
        assertThat(asked()).singleElement().satisfies(m -> {
            assertThat(m.text()).startsWith("Alice: are you still on it?");
            assertThat(m.buttons()).contains(new ChatMessage.Button("I'm still on it", "here"));
        });
        assertThat(pagesTo(CAROL)).isEmpty();
        pass(kit, Duration.ofMinutes(10));
        Incident incident = kit.incident(INC1).orElseThrow();
        assertThat(incident.all(ReminderFired.class)).extracting(ReminderFired::key)
                .anySatisfy(k -> assertThat(k).startsWith("still-there:escalate:"));
        assertThat(pagesTo(CAROL)).as("the next IMOC on call is paged").hasSize(1);
        assertThat(incident.openHandOffOffers(dev.incidentkit.incident.Role.IMOC)).containsExactly(CAROL.ref());
        assertThat(chat.calls("invite")).extracting(c -> c.arg(1)).contains(List.of(CAROL.ref()));
        assertThat(chat.posted()).anySatisfy(m -> assertThat(m.buttons()).contains(new ChatMessage.Button("I'll take over", "accept handoff")));
        kit.handle(new ChatRequest(CAROL.ref(), "C1", "ack"));
        kit.handle(new ChatRequest(CAROL.ref(), "C1", "accept handoff"));
        assertThat(kit.incident(INC1).orElseThrow().imoc()).contains(CAROL.ref());
        pass(kit, Duration.ofMinutes(30));
        assertThat(pagesTo(CAROL)).as("escalated once").hasSize(1);
    }

    @Test
    void anAnswerStopsTheEscalationAndTheCountStartsAgain() {
        IncidentKit kit = kit(true);
        say(kit, ALICE, "declare sev2 Checkout is slow");
        say(kit, ALICE, "ack");
        pass(kit, Duration.ofMinutes(41));
        assertThat(asked()).hasSize(1);
        Reply here = kit.handle(new ChatRequest(ALICE.ref(), "C1", "here")); // the button
        assertThat(here.text()).contains("Alice: Still on it");
        pass(kit, Duration.ofMinutes(30));
        assertThat(pagesTo(CAROL)).isEmpty();
        assertThat(kit.incident(INC1).orElseThrow().all(HandOffOffered.class)).isEmpty();
        assertThat(asked()).as("one silence reminder since the answer is not enough").hasSize(1);
        pass(kit, Duration.ofMinutes(11)); // 41 minutes after the answer: its second silence reminder
        assertThat(asked()).as("asked again after two more").hasSize(2);
    }

    @Test
    void offAtSev3AndSev4() {
        IncidentKit kit = kit(true);
        say(kit, ALICE, "declare sev3 Emails are late");
        say(kit, ALICE, "ack");
        pass(kit, Duration.ofMinutes(90));
        assertThat(kit.incident(INC1).orElseThrow().all(ReminderFired.class)).extracting(ReminderFired::key)
                .anySatisfy(k -> assertThat(k).startsWith("silence:"))
                .noneSatisfy(k -> assertThat(k).startsWith("still-there:"));
        assertThat(pagesTo(CAROL)).isEmpty();
    }

    @Test
    void withoutARotationTheChannelIsToldThatNobodyWasPaged() {
        IncidentKit kit = kit(false);
        say(kit, ALICE, "declare sev1 Checkout is failing");
        say(kit, ALICE, "ack");
        pass(kit, Duration.ofMinutes(52));
        assertThat(chat.posted()).anySatisfy(m -> assertThat(m.text())
                .contains("paging the next IMOC on call", "But no rotation is configured, so nobody was paged"));
        assertThat(pager.pages()).extracting(r -> r.target().id()).containsOnly(PersonRef.of("alice").id());
    }
}
