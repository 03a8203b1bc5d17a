package dev.incidentkit.reminder;

import static dev.incidentkit.reminder.Script.ALICE;
import static dev.incidentkit.reminder.Script.BOB;
import static dev.incidentkit.reminder.Script.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReminderEngineTest {
    private final ReminderEngine engine = ReminderEngine.builder().policies(ReminderPolicies.defaults()).build();
    private final ReminderEngine statusOnly = ReminderEngine.builder().policy(StatusUpdatePolicy.builder().build()).build();

    private static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void firesOnceAndRecordsIt() {
        Script s = Script.declare("sev1");
        assertThat(statusOnly.due(s.incident(), minutes(29))).isEmpty();
        assertThat(statusOnly.nextDue(s.incident(), minutes(29))).contains(minutes(30));
        List<Reminder> due = statusOnly.due(s.incident(), minutes(30));
        assertThat(due).extracting(Reminder::key).containsExactly("status-update:1");
        List<IncidentEvent> events = statusOnly.fire(s.incident(), due, minutes(31));
        assertThat(events).singleElement().isEqualTo(new ReminderFired(3, minutes(31), PersonRef.BOT, "status-update:1",
                minutes(30), due.get(0).message()));
        s.append(events);
        assertThat(statusOnly.due(s.incident(), minutes(31))).isEmpty();
        assertThat(statusOnly.nextDue(s.incident(), minutes(31))).contains(minutes(60));
    }

    @Test
    void aClockJumpFiresEachKeyOnceForItsLatestDueInstant() {
        Script s = Script.declare("sev1");
        List<Reminder> due = engine.due(s.incident(), minutes(200));
        assertThat(due).extracting(Reminder::key).containsExactly("status-update:1", "silence:2");
        assertThat(due).extracting(Reminder::dueAt).containsExactly(minutes(180), minutes(200));
        s.append(engine.fire(s.incident(), due, minutes(200)));
        assertThat(engine.due(s.incident(), minutes(200))).isEmpty();
        assertThat(engine.nextDue(s.incident(), minutes(200))).contains(minutes(210));
    }

    @Test
    void aSnoozeHoldsTheSnoozersRemindersBackThenTheyFireOnce() {
        Script s = Script.declare("sev1").atMinutes(25).run("remind me in 15m");
        assertThat(statusOnly.due(s.incident(), minutes(30))).isEmpty();
        assertThat(statusOnly.nextDue(s.incident(), minutes(30))).contains(minutes(40));
        List<Reminder> due = statusOnly.due(s.incident(), minutes(40));
        assertThat(due).singleElement().extracting(Reminder::dueAt).isEqualTo(minutes(30));
        Script other = Script.declare("sev1").atMinutes(25).by(BOB, "remind me in 15m");
        assertThat(statusOnly.due(other.incident(), minutes(30))).hasSize(1);
    }

    @Test
    void aMuteHoldsBackOnlyItsPolicy() {
        Script s = Script.declare("sev1").atMinutes(10).run("mute status reminders for 1h");
        assertThat(engine.due(s.incident(), minutes(45))).extracting(Reminder::key).containsExactly("silence:2");
        assertThat(engine.due(s.incident(), minutes(70))).extracting(Reminder::key).contains("status-update:1");
    }

    @Test
    void closedIncidentsHaveNoReminders() {
        Incident closed = Script.declare("sev1").run("resolve").run("close").incident();
        assertThat(engine.due(closed, minutes(100_000))).isEmpty();
        assertThat(engine.nextDue(closed, minutes(0))).isEmpty();
    }

    @Test
    void drillsGetRemindersToo() {
        Script s = new Script().by(ALICE, "declare --drill sev1 Practice");
        assertThat(engine.due(s.incident(), minutes(30))).extracting(Reminder::key).contains("status-update:1");
    }

    @Test
    void policiesAreCheckedOnTheWayIn() {
        ReminderPolicy liar = new ReminderPolicy() {
            @Override
            public String name() {
                return "mine";
            }

            @Override
            public List<Reminder> evaluate(Incident incident, Instant now) {
                return List.of(new Reminder("other:1", now, Audience.person(ALICE), "hi", Escalation.NONE));
            }
        };
        assertThatThrownBy(() -> ReminderEngine.builder().policy(liar).policy(liar))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already added");
        ReminderEngine bad = ReminderEngine.builder().policy(liar).build();
        assertThatThrownBy(() -> bad.due(Script.declare("sev1").incident(), T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not start with 'mine:'");
    }
}
