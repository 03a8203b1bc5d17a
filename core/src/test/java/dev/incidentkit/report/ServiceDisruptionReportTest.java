package dev.incidentkit.report;

import static dev.incidentkit.report.Incidents.ALICE;
import static dev.incidentkit.report.Incidents.BOB;
import static dev.incidentkit.report.Incidents.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.MilestoneRecorded;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.report.ReportData.RoleTenure;
import dev.incidentkit.report.ReportData.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class ServiceDisruptionReportTest {
    private static final IncidentId ID = IncidentId.of(7);
    private static final Instant T = Instant.parse("2026-11-24T14:00:00Z");
    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    /** An incident from raw events after a declaration (seq 1) and an IMOC assignment (seq 2) at T. */
    private static Incident incident(EventAt... events) {
        List<IncidentEvent> all = new ArrayList<>();
        all.add(new Declared(1, T, ALICE, ID, "Checkout is failing", Severity.SEV2, false));
        all.add(new RoleAssigned(2, T, ALICE, Role.IMOC, ALICE));
        for (EventAt e : events) {
            all.add(e.create(all.size() + 1));
        }
        return Incident.replay(ID, all);
    }

    @FunctionalInterface
    private interface EventAt {
        IncidentEvent create(long seq);
    }

    private static Instant minutes(long m) {
        return T.plus(Duration.ofMinutes(m));
    }

    private static ReportData data(Incident incident) {
        return ServiceDisruptionReport.of(incident).data();
    }

    @Test
    void theFiguresOfALongIncident() {
        ReportData d = data(Incidents.longSev1());
        assertThat(d.timeToDetect().duration()).contains(Duration.ofMinutes(9));
        assertThat(d.timeToAcknowledge().duration()).contains(Duration.ofMinutes(5));
        assertThat(d.timeToMitigate().duration()).contains(Duration.ofMinutes(90));
        assertThat(d.timeToResolve().duration()).contains(Duration.ofHours(8).plusMinutes(52));
        assertThat(d.duration()).isEqualTo(Duration.ofHours(8).plusMinutes(35));
        assertThat(d.impact()).hasValueSatisfying(w -> {
            assertThat(w.isRecorded()).isTrue();
            assertThat(w.length()).contains(Duration.ofMinutes(90));
        });
        assertThat(d.severity()).isEqualTo(Severity.SEV1);
        assertThat(d.declaredSeverity()).isEqualTo(Severity.SEV2);
        assertThat(d.severityChanges()).hasSize(1);
        assertThat(d.publicUpdates()).hasSize(4);
        assertThat(d.followUps()).hasSize(2);
        assertThat(d.caveats()).isEmpty();
        assertThat(d.drillScore()).isEmpty();
        assertThat(d.closedAt()).contains(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void whoHeldTheImocRoleWhen() {
        List<RoleTenure> imocs = data(Incidents.longSev1()).tenures(Role.IMOC);
        assertThat(imocs).extracting(RoleTenure::person).containsExactly(ALICE, BOB, CAROL);
        assertThat(imocs).extracting(RoleTenure::held)
                .containsExactly(Duration.ofMinutes(127), Duration.ofMinutes(243), Duration.ofMinutes(145));
        assertThat(imocs.get(0).until()).contains(imocs.get(1).from());
        assertThat(imocs.get(2).until()).isEmpty();
    }

    @Test
    void milestonesAppearInTheTimelineWhenTheyHappenedNotWhenRecorded() {
        ReportData d = data(Incidents.longSev1());
        assertThat(d.timeline().get(0).what()).startsWith("Impact started (recorded at 2026-11-24 14:06 UTC)");
        assertThat(d.timeline()).extracting(ReportData.TimelineEntry::at).isSorted();
    }

    @Test
    void withoutImpactStartTheWindowStartsAtDetectionAndTimeToDetectIsUnknown() {
        ReportData d = data(incident(
                seq -> new MilestoneRecorded(seq, minutes(5), ALICE, Milestone.DETECTED, minutes(-10)),
                seq -> new MilestoneRecorded(seq, minutes(40), ALICE, Milestone.MITIGATED, minutes(40))));
        assertThat(d.impact()).hasValueSatisfying(w -> {
            assertThat(w.start()).isEqualTo(minutes(-10));
            assertThat(w.startSource()).isEqualTo(Source.DETECTED);
            assertThat(w.length()).contains(Duration.ofMinutes(50));
        });
        assertThat(d.timeToDetect().duration()).isEmpty();
        assertThat(d.timeToMitigate().duration()).contains(Duration.ofMinutes(50));
        assertThat(d.timeToMitigate().basis()).isEqualTo("detected → mitigated");
        assertThat(d.caveats()).hasSize(2).anySatisfy(c -> assertThat(c).startsWith("Impact start was not recorded"));
        assertThat(ServiceDisruptionReport.of(incident()).markdown()).contains("Neither impact start nor detection was recorded");
    }

    @Test
    void withoutMilestonesTheWindowRunsFromDeclarationToResolution() {
        ReportData d = data(incident(
                seq -> new StatusChanged(seq, minutes(75), ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED)));
        assertThat(d.impact()).hasValueSatisfying(w -> {
            assertThat(w.startSource()).isEqualTo(Source.DECLARED);
            assertThat(w.endSource()).isEqualTo(Source.RESOLVED);
            assertThat(w.length()).contains(Duration.ofMinutes(75));
        });
        assertThat(d.timeToDetect().duration()).isEmpty();
        assertThat(d.timeToResolve().duration()).contains(Duration.ofMinutes(75));
        assertThat(d.timeToMitigate().duration()).isEmpty();
        assertThat(d.caveats()).hasSize(2).anySatisfy(c -> assertThat(c).startsWith("Mitigation was not recorded"));
    }

    @Test
    void timeToDetectEndsAtTheDeclarationWhenDetectionWasNotRecorded() {
        ReportData d = data(incident(
                seq -> new MilestoneRecorded(seq, minutes(1), ALICE, Milestone.IMPACT_STARTED, minutes(-25))));
        assertThat(d.timeToDetect().duration()).contains(Duration.ofMinutes(25));
        assertThat(d.timeToDetect().basis()).isEqualTo("impact started → declared");
    }

    @Test
    void anOpenIncidentIsReportedAsOfItsLastEvent() {
        Incident open = incident(
                seq -> new MilestoneRecorded(seq, minutes(3), ALICE, Milestone.IMPACT_STARTED, minutes(-5)),
                seq -> new StatusChanged(seq, minutes(20), ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        ReportData d = data(open);
        assertThat(d.isOngoing()).isTrue();
        assertThat(d.asOf()).isEqualTo(minutes(20));
        assertThat(d.duration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(d.impact()).hasValueSatisfying(w -> {
            assertThat(w.end()).isEmpty();
            assertThat(w.endSource()).isEqualTo(Source.NONE);
        });
        assertThat(d.timeToResolve().duration()).isEmpty();
        assertThat(d.caveats()).contains("The incident is still identified; this report is as of 2026-11-24 14:20 UTC.");
        String md = ServiceDisruptionReport.of(open).markdown();
        assertThat(md).contains("> [!WARNING]", "still holds it", "25m so far", "crit, active");
    }

    @Test
    void milestonesInTheWrongOrderAreFlaggedNotShownAsNegative() {
        ReportData d = data(incident(
                seq -> new MilestoneRecorded(seq, minutes(1), ALICE, Milestone.IMPACT_STARTED, minutes(0)),
                seq -> new MilestoneRecorded(seq, minutes(2), ALICE, Milestone.MITIGATED, minutes(-30))));
        assertThat(d.timeToMitigate().duration()).isEmpty();
        assertThat(d.impact().orElseThrow().length()).isEmpty();
        assertThat(d.caveats()).anySatisfy(c -> assertThat(c).contains("check the milestones"));
        assertThat(ServiceDisruptionReport.of(incident(
                seq -> new MilestoneRecorded(seq, minutes(1), ALICE, Milestone.IMPACT_STARTED, minutes(0)),
                seq -> new MilestoneRecorded(seq, minutes(2), ALICE, Milestone.MITIGATED, minutes(-30)))).markdown())
                .doesNotContain("-30m");
    }

    @Test
    void timeToAcknowledgeCountsTheFirstAcknowledgementAfterTheFirstPage() {
        ReportData d = data(incident(
                seq -> new Paged(seq, minutes(2), ALICE, BOB, "declared SEV2"),
                seq -> new Paged(seq, minutes(4), ALICE, CAROL, "second opinion"),
                seq -> new PageAcknowledged(seq, minutes(9), CAROL, CAROL),
                seq -> new PageAcknowledged(seq, minutes(12), BOB, BOB)));
        assertThat(d.timeToAcknowledge().duration()).contains(Duration.ofMinutes(7));
        assertThat(data(incident()).timeToAcknowledge().from()).isEmpty();
    }

    @Test
    void aCancelledIncidentHasNoImpactWindow() {
        ReportData d = data(Incidents.cancelled());
        assertThat(d.isCancelled()).isTrue();
        assertThat(d.impact()).isEmpty();
        assertThat(d.cancellation()).hasValueSatisfying(c -> assertThat(c.reason()).contains("wrong environment"));
        assertThat(d.duration()).isEqualTo(Duration.ofMinutes(8));
        assertThat(d.caveats()).isEmpty();
        assertThat(ServiceDisruptionReport.of(Incidents.cancelled()).markdown())
                .doesNotContain("## Customer impact", "Time to mitigate", "## Analysis");
    }

    @Test
    void aDrillCarriesItsScoreAndIsMarkedAsPractice() {
        ReportData d = data(Incidents.drill());
        assertThat(d.drill()).isTrue();
        assertThat(d.drillScore()).contains(DrillScore.of(Incidents.drill()));
        assertThat(d.caveats()).noneMatch(c -> c.contains("customers"));
        String md = ServiceDisruptionReport.of(Incidents.drill()).markdown();
        assertThat(md).startsWith("# DRILL — ").contains("**This was a drill**", "## Drill score", "title DRILL INC-44");
    }

    @Test
    void everyTableRowHasAsManyCellsAsItsHeader() {
        for (Incident incident : List.of(Incidents.shortSev3(), Incidents.longSev1(), Incidents.cancelled(), Incidents.drill())) {
            int columns = -1;
            for (String line : ServiceDisruptionReport.of(incident).markdown().split("\n")) {
                if (!line.startsWith("|")) {
                    columns = -1;
                    continue;
                }
                int pipes = (int) UNESCAPED_PIPE.matcher(line).results().count();
                if (columns < 0) {
                    columns = pipes;
                }
                assertThat(pipes).as("cells in `%s`", line).isEqualTo(columns);
            }
        }
    }

    @Test
    void theReportIsDeterministic() {
        assertThat(ServiceDisruptionReport.of(Incidents.longSev1()))
                .isEqualTo(ServiceDisruptionReport.of(Incidents.longSev1()));
        assertThat(ServiceDisruptionReport.of(Incidents.longSev1()).markdown())
                .isEqualTo(ServiceDisruptionReport.of(Incidents.longSev1()).markdown());
    }

    @Test
    void aTeamCanReplaceTheTemplate() {
        ReportTemplate oneLine = data -> data.id() + " " + data.severity() + " lasted "
                + ReportFormat.duration(data.duration());
        assertThat(ServiceDisruptionReport.of(Incidents.shortSev3()).render(oneLine)).isEqualTo("INC-17 SEV3 lasted 34m");
        assertThat(ReportTemplate.markdown().render(data(Incidents.shortSev3())))
                .isEqualTo(ServiceDisruptionReport.of(Incidents.shortSev3()).markdown());
    }

    @Test
    void anUndeclaredIncidentHasNoReport() {
        assertThatThrownBy(() -> ServiceDisruptionReport.of(Incident.undeclared(ID)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INC-7 has not been declared; there is nothing to report");
    }
}
