package dev.incidentkit.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exhaustiveness check javac cannot give on Java 17: every permitted event type is handled by
 * {@code evolve}, has a JSON type name and survives a JSON round trip.
 */
final class EventTypesTest {
    static final Instant T = Instant.parse("2026-11-24T14:00:00Z");
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("U024BE7LH", "Bob");
    static final IncidentId ID = IncidentId.of(42);

    /** One sample of each event type, numbered to follow a declaration and an IMOC assignment (seq 3). */
    static Map<Class<?>, IncidentEvent> samples() {
        Map<Class<?>, IncidentEvent> s = new LinkedHashMap<>();
        s.put(Declared.class, new Declared(1, T, ALICE, ID, "Checkout is failing", Severity.SEV1, false));
        s.put(StatusChanged.class, new StatusChanged(3, T, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        s.put(SeverityChanged.class, new SeverityChanged(3, T, ALICE, Severity.SEV1, Severity.SEV2));
        s.put(RoleAssigned.class, new RoleAssigned(3, T, ALICE, Role.COMMUNICATIONS_LEAD, BOB));
        s.put(HandedOff.class, new HandedOff(3, T, ALICE, Role.IMOC, ALICE, BOB));
        s.put(HandOffRequested.class, new HandOffRequested(3, T, ALICE, Role.IMOC, "six hours in"));
        s.put(NoteAdded.class, new NoteAdded(3, T, ALICE, "rolled back deploy 1234"));
        s.put(StatusUpdatePublished.class, new StatusUpdatePublished(3, T, ALICE, IncidentStatus.MONITORING, "Fix deployed"));
        s.put(ChannelBound.class, new ChannelBound(3, T, PersonRef.BOT, "C0123", "inc-42-checkout-is-failing"));
        s.put(ParticipantJoined.class, new ParticipantJoined(3, T, BOB, BOB));
        s.put(MilestoneRecorded.class, new MilestoneRecorded(3, T, ALICE, Milestone.IMPACT_STARTED, T.minusSeconds(600)));
        s.put(LinkAdded.class, new LinkAdded(3, T, PersonRef.BOT, LinkKind.STATUS_PAGE, "https://status.example.com/incidents/abc", "status page", "abc"));
        s.put(FollowUpAdded.class, new FollowUpAdded(3, T, ALICE, 1, "Add alert on checkout 5xx"));
        s.put(ReminderFired.class, new ReminderFired(3, T, PersonRef.BOT, "status-update:1", T, "A public update is due"));
        s.put(Closed.class, new Closed(3, T, ALICE));
        s.put(Cancelled.class, new Cancelled(3, T, ALICE, "false alarm"));
        s.put(Paged.class, new Paged(3, T, PersonRef.BOT, ALICE, "declared SEV1"));
        s.put(PageAcknowledged.class, new PageAcknowledged(3, T, ALICE, ALICE));
        s.put(DeliveriesRetried.class, new DeliveriesRetried(3, T, ALICE, List.of("publish the status update \"x\""), List.of()));
        s.put(DeliveryFailed.class, new DeliveryFailed(3, T, PersonRef.BOT, "INC-42:7:0", "publish the status update", "HTTP 503"));
        s.put(AccessRefused.class, new AccessRefused(3, T, BOB, "resolve", "only the IMOC (Alice) may resolve INC-42"));
        s.put(HandOffOffered.class, new HandOffOffered(3, T, PersonRef.BOT, Role.IMOC, BOB));
        s.put(ReminderSnoozed.class, new ReminderSnoozed(3, T, ALICE, ALICE, T.plusSeconds(900)));
        s.put(RemindersMuted.class, new RemindersMuted(3, T, ALICE, "status-update", T.plusSeconds(3600)));
        s.put(ComponentsMarked.class, new ComponentsMarked(3, T, ALICE, Map.of("checkout", "major_outage")));
        s.put(UpdateDrafted.class, new UpdateDrafted(3, T, ALICE, IncidentStatus.IDENTIFIED, "We found the cause"));
        s.put(FollowUpClosed.class, new FollowUpClosed(3, T, BOB, 1, "https://github.com/acme/shop/issues/8"));
        s.put(Classified.class, new Classified(3, T, ALICE, "security", true));
        s.put(PresenceConfirmed.class, new PresenceConfirmed(3, T, ALICE));
        return s;
    }

    static Incident declared() {
        return Incident.replay(ID, List.of(
                new Declared(1, T, ALICE, ID, "Checkout is failing", Severity.SEV1, false),
                new RoleAssigned(2, T, ALICE, Role.IMOC, ALICE)));
    }

    @Test
    void everyPermittedEventHasASample() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.asList(IncidentEvent.class.getPermittedSubclasses()));
    }

    @Test
    void everyEventIsARecord() {
        for (Class<?> type : IncidentEvent.class.getPermittedSubclasses()) {
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
        }
    }

    @Test
    void everyEventHasAJsonTypeName() {
        assertThat(IncidentJson.typeNames().keySet()).containsExactlyInAnyOrder(
                (Class<? extends IncidentEvent>[]) IncidentEvent.class.getPermittedSubclasses());
        assertThat(IncidentJson.typeNames().values())
                .allMatch(name -> name.matches("[a-z]+(_[a-z]+)*"))
                .doesNotHaveDuplicates();
    }

    @Test
    void theTypeNamesAreTheDocumentedOnes() {
        assertThat(IncidentJson.typeNames().values()).contains(
                "declared", "status_changed", "severity_changed", "role_assigned", "handed_off", "note_added",
                "status_update_published", "channel_bound", "participant_joined", "milestone_recorded",
                "link_added", "follow_up_added", "reminder_fired", "closed", "cancelled", "paged", "page_acknowledged",
                "handoff_offered", "reminder_snoozed", "reminders_muted", "components_marked", "update_drafted",
                "follow_up_closed");
    }

    @Test
    void everyEventIsHandledByEvolve() {
        Incident declared = declared();
        for (IncidentEvent e : samples().values()) {
            if (e instanceof Declared d) {
                assertThat(Incident.evolve(Incident.undeclared(ID), d).title()).isEqualTo("Checkout is failing");
            } else {
                Incident after = Incident.evolve(declared, e);
                assertThat(after.timeline()).endsWith(e);
                assertThat(after.version()).isEqualTo(3);
            }
        }
    }

    @Test
    void everyEventSurvivesJson() {
        for (IncidentEvent e : samples().values()) {
            String json = IncidentJson.write(e);
            assertThat(IncidentJson.read(json)).as(json).isEqualTo(e);
            assertThat(json).contains("\"type\":\"" + IncidentJson.typeName(e.getClass()) + "\"");
        }
    }
}
