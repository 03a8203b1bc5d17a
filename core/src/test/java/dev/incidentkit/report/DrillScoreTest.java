package dev.incidentkit.report;

import static dev.incidentkit.report.Incidents.GRACE;
import static dev.incidentkit.report.Incidents.HENRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class DrillScoreTest {

    @Test
    void scoresTheTraineeImoc() {
        DrillScore score = DrillScore.of(Incidents.drill());
        assertThat(score.trainee()).contains(GRACE);
        assertThat(score.timeToFirstPublicUpdate()).contains(Duration.ofMinutes(19));
        assertThat(score.statusUpdatesMissed()).isEqualTo(2);
        assertThat(score.pagesNotAcknowledged()).isEqualTo(1);
        assertThat(score.remindersIgnored()).isEqualTo(3);
        assertThat(score.handedOff()).isTrue();
        assertThat(score.handOff()).hasValueSatisfying(h -> assertThat(h.to()).isEqualTo(HENRY));
    }

    @Test
    void remindersFromOtherPoliciesDoNotCount() {
        DrillScore score = DrillScore.of(IncidentScript.of(IncidentId.of(9), "2026-11-26")
                .at("10:00").as(GRACE).run("declare --drill sev3 Practice")
                .at("10:30").event((seq, at) -> new ReminderFired(seq, at, PersonRef.BOT, "handoff:1", at,
                        "You have been IMOC for a while"))
                .event((seq, at) -> new ReminderFired(seq, at, PersonRef.BOT, "status-update:1", at, "An update is due"))
                .incident());
        assertThat(score.remindersIgnored()).isEqualTo(1);
        assertThat(score.statusUpdatesMissed()).isEqualTo(1);
    }

    @Test
    void aQuietDrillSaysWhatDidNotHappen() {
        DrillScore score = DrillScore.of(IncidentScript.of(IncidentId.of(9), "2026-11-26")
                .at("10:00").as(GRACE).run("declare --drill sev3 Practice")
                .at("10:20").run("cancel done practising")
                .incident());
        assertThat(score.summary()).containsExactly(
                "Drill score for INC-9 (trainee IMOC: Grace Hopper)",
                "• First public update: none was published",
                "• Reminders ignored: none",
                "• Hand-off: not done");
    }
}
