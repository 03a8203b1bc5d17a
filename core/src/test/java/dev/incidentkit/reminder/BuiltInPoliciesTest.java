package dev.incidentkit.reminder;

import static dev.incidentkit.reminder.Script.ALICE;
import static dev.incidentkit.reminder.Script.BOB;
import static dev.incidentkit.reminder.Script.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default cadence of every built-in policy, by example. */
final class BuiltInPoliciesTest {
    private static final Instant FAR = T0.plus(Duration.ofDays(30));

    private static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private static List<Instant> dues(ReminderPolicy policy, Script s, Instant now) {
        return policy.evaluate(s.incident(), now).stream().map(Reminder::dueAt).toList();
    }

    @Nested
    @DisplayName("status-update")
    final class StatusUpdate {
        private final ReminderPolicy policy = StatusUpdatePolicy.builder().build();

        @ParameterizedTest
        @CsvSource({"sev1,30", "sev2,60", "sev3,120"})
        void isDueOnTheSeverityCadenceFromTheDeclaration(String sev, long cadence) {
            Script s = Script.declare(sev);
            List<Reminder> r = policy.evaluate(s.incident(), T0);
            assertThat(r).singleElement().satisfies(x -> {
                assertThat(x.key()).isEqualTo("status-update:1");
                assertThat(x.dueAt()).isEqualTo(minutes(cadence));
                assertThat(x.audience()).isEqualTo(Audience.role(Role.IMOC));
                assertThat(x.message()).contains("`update <message>`");
            });
            assertThat(dues(policy, s, minutes(cadence))).containsExactly(minutes(cadence), minutes(2 * cadence));
        }

        @Test
        void sev4AsksForNoUpdates() {
            assertThat(policy.evaluate(Script.declare("sev4").incident(), FAR)).isEmpty();
        }

        @Test
        void countsFromTheLastPublicUpdateAndGoesToTheCommsLead() {
            Script s = Script.declare("sev1").atMinutes(20).run("update identified: found it").run("assign comms @bob");
            List<Reminder> r = policy.evaluate(s.incident(), minutes(20));
            assertThat(r).singleElement().satisfies(x -> {
                assertThat(x.key()).isEqualTo("status-update:4");
                assertThat(x.dueAt()).isEqualTo(minutes(50));
                assertThat(x.audience()).isEqualTo(Audience.role(Role.COMMUNICATIONS_LEAD));
            });
        }

        @Test
        void stopsOnceResolvedAndIsConfigurable() {
            assertThat(policy.evaluate(Script.declare("sev1").atMinutes(5).run("resolve").incident(), FAR)).isEmpty();
            ReminderPolicy custom = StatusUpdatePolicy.builder().every(Severity.SEV4, Duration.ofHours(4)).never(Severity.SEV1).build();
            assertThat(custom.evaluate(Script.declare("sev1").incident(), FAR)).isEmpty();
            assertThat(dues(custom, Script.declare("sev4"), T0)).containsExactly(minutes(240));
        }
    }

    @Nested
    @DisplayName("page-ack")
    final class PageAck {
        private final ReminderPolicy policy = PageAckPolicy.builder().build();

        @Test
        void remindsAfterFiveMinutesAndEscalatesAfterTen() {
            Script s = Script.declare("sev1").atMinutes(1).page(BOB);
            List<Reminder> r = policy.evaluate(s.incident(), minutes(1));
            assertThat(r).extracting(Reminder::key).containsExactly("page-ack:3", "page-ack:3:escalate");
            assertThat(r).extracting(Reminder::dueAt).containsExactly(minutes(6), minutes(11));
            assertThat(r).extracting(Reminder::escalation).containsExactly(Escalation.NONE, Escalation.PAGE_NEXT_IMOC);
            assertThat(r.get(0).audience()).isEqualTo(Audience.person(BOB));
        }

        @Test
        void nothingOnceAcknowledged() {
            Script s = Script.declare("sev1").atMinutes(1).page(BOB).atMinutes(3).by(BOB, "ack");
            assertThat(policy.evaluate(s.incident(), FAR)).isEmpty();
        }
    }

    @Nested
    @DisplayName("silence")
    final class Silence {
        private final ReminderPolicy policy = SilencePolicy.builder().build();

        @Test
        void asksForANoteAfterTwentyQuietMinutesThenEveryTwenty() {
            Script s = Script.declare("sev2").atMinutes(7).run("note looking at the logs");
            assertThat(policy.evaluate(s.incident(), minutes(7))).singleElement().satisfies(x -> {
                assertThat(x.key()).isEqualTo("silence:3");
                assertThat(x.dueAt()).isEqualTo(minutes(27));
                assertThat(x.message()).contains("`note <text>`");
            });
            assertThat(dues(policy, s, minutes(50))).containsExactly(minutes(47), minutes(67));
        }

        @Test
        void remindersAndSnoozesAreNotActivityAndResolvedIncidentsAreQuiet() {
            Script s = Script.declare("sev2").atMinutes(5).run("remind me in 5m").page(BOB);
            assertThat(policy.evaluate(s.incident(), minutes(5))).extracting(Reminder::key).containsExactly("silence:2");
            assertThat(policy.evaluate(Script.declare("sev2").run("resolve").incident(), FAR)).isEmpty();
        }
    }

    @Nested
    @DisplayName("handoff")
    final class HandOff {
        private final ReminderPolicy policy = HandOffPolicy.builder().build();

        @Test
        void suggestsAtFourHoursAndReachesOutAtSix() {
            Script s = Script.declare("sev1");
            List<Reminder> r = policy.evaluate(s.incident(), T0);
            assertThat(r).extracting(Reminder::key).containsExactly("handoff:suggest:2", "handoff:reach-out:2");
            assertThat(r).extracting(Reminder::dueAt).containsExactly(minutes(240), minutes(360));
            assertThat(r).extracting(Reminder::escalation).containsExactly(Escalation.NONE, Escalation.HAND_OFF);
            assertThat(r.get(0).audience()).isEqualTo(Audience.person(ALICE));
        }

        @Test
        void aNewImocStartsAFreshTenure() {
            Script s = Script.declare("sev1").atMinutes(100).run("handoff @bob");
            assertThat(policy.evaluate(s.incident(), minutes(100))).extracting(Reminder::dueAt)
                    .containsExactly(minutes(340), minutes(460));
        }

        @Test
        void aReturningImocIsToldOnceTheyHaveHadEightHoursInTwentyFour() {
            // Alice 0h-3h30, Bob 3h30-5h, Alice again from 5h: her 8h in 24h are reached at 9h30, before 5h+4h? no: 9h
            Script s = Script.declare("sev1").atMinutes(210).run("handoff @bob").atMinutes(300).by(BOB, "handoff @alice");
            List<Reminder> r = policy.evaluate(s.incident(), minutes(300));
            assertThat(r.get(0).key()).isEqualTo("handoff:suggest:4");
            assertThat(r.get(0).dueAt()).isEqualTo(minutes(540)); // 4h tenure comes first
            ReminderPolicy strict = HandOffPolicy.builder().maxImocTimeIn24h(Duration.ofHours(5)).build();
            Reminder early = strict.evaluate(s.incident(), minutes(300)).get(0);
            assertThat(early.dueAt()).isEqualTo(minutes(390)); // 3h30 before + 1h30 now = 5h
            assertThat(early.message()).contains("within 24h");
        }

        @Test
        void anUnansweredOfferMovesOnAfterTenMinutesAndAnOngoingHandOffIsNotRequestedAgain() {
            Script s = Script.declare("sev1").atMinutes(60).run("handoff").run("offer handoff @bob");
            List<Reminder> r = policy.evaluate(s.incident(), minutes(60));
            assertThat(r).extracting(Reminder::key).containsExactly("handoff:suggest:2", "handoff:offer:4");
            assertThat(r.get(1).dueAt()).isEqualTo(minutes(70));
            assertThat(r.get(1).escalation()).isEqualTo(Escalation.HAND_OFF);
        }
    }

    @Nested
    @DisplayName("report-due")
    final class ReportDue {
        private final ReminderPolicy policy = ReportDuePolicy.builder().build();

        @Test
        void remindsOneAndThreeBusinessDaysAfterResolution() {
            // resolved Thursday 2026-11-26 14:00Z: day 1 is Friday, day 3 is Tuesday
            Script s = Script.declare("sev2").at(Duration.ofDays(2)).run("resolve");
            Instant friday = Instant.parse("2026-11-27T14:00:00Z");
            Instant tuesday = Instant.parse("2026-12-01T14:00:00Z");
            assertThat(dues(policy, s, s.now())).containsExactly(friday);
            assertThat(dues(policy, s, friday)).containsExactly(friday, tuesday);
            List<Reminder> last = policy.evaluate(s.incident(), FAR);
            assertThat(last).singleElement().satisfies(x -> {
                assertThat(x.key()).isEqualTo("report-due:4");
                assertThat(x.dueAt()).isEqualTo(tuesday);
                assertThat(x.message()).contains("due today");
            });
            assertThat(ReportDuePolicy.plusBusinessDays(Instant.parse("2026-11-28T10:00:00Z"), 1, java.time.ZoneOffset.UTC))
                    .isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        }

        @Test
        void nothingWhileActiveOrOnceClosed() {
            assertThat(policy.evaluate(Script.declare("sev2").incident(), FAR)).isEmpty();
            assertThat(policy.evaluate(Script.declare("sev2").run("resolve").run("close").incident(), FAR)).isEmpty();
        }
    }

    @Nested
    @DisplayName("follow-ups")
    final class FollowUps {
        private final ReminderPolicy policy = FollowUpsPolicy.builder().build();

        @Test
        void weeklyWhileResolvedWithFollowUps() {
            Script s = Script.declare("sev2").run("followup add an alert").atMinutes(60).run("resolve");
            assertThat(policy.evaluate(s.incident(), s.now())).singleElement().satisfies(x -> {
                assertThat(x.key()).isEqualTo("follow-ups:5");
                assertThat(x.dueAt()).isEqualTo(minutes(60).plus(Duration.ofDays(7)));
                assertThat(x.message()).contains("1 open follow-up");
            });
            assertThat(policy.evaluate(Script.declare("sev2").run("resolve").incident(), FAR)).isEmpty();
        }
    }

    @Test
    void theDefaultsAreTheSevenPoliciesAndShortNamesResolve() {
        assertThat(ReminderPolicies.defaults()).extracting(ReminderPolicy::name)
                .containsExactly("status-update", "page-ack", "silence", "still-there", "handoff", "report-due", "follow-ups");
        assertThat(ReminderPolicies.resolveName("still")).contains("still-there");
        assertThat(ReminderPolicies.resolveName("status")).contains("status-update");
        assertThat(ReminderPolicies.resolveName("Report")).contains("report-due");
        assertThat(ReminderPolicies.resolveName("follow-ups")).contains("follow-ups");
        assertThat(ReminderPolicies.resolveName("not a name")).isEmpty();
    }
}
