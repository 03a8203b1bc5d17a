package dev.incidentkit.report;

import org.junit.jupiter.api.Test;

/**
 * The Markdown report of each representative incident, compared exactly with a golden file. To change
 * the report on purpose, run with {@code -Dgolden.update=true} and read the diff like a postmortem.
 */
final class ServiceDisruptionReportGoldenTest {

    @Test
    void shortSev3() {
        Golden.assertMatches("sev3-short.md", ServiceDisruptionReport.of(Incidents.shortSev3()).markdown());
    }

    @Test
    void longSev1WithTwoHandOffs() {
        Golden.assertMatches("sev1-long.md", ServiceDisruptionReport.of(Incidents.longSev1()).markdown());
    }

    @Test
    void cancelled() {
        Golden.assertMatches("cancelled.md", ServiceDisruptionReport.of(Incidents.cancelled()).markdown());
    }

    @Test
    void drill() {
        Golden.assertMatches("drill.md", ServiceDisruptionReport.of(Incidents.drill()).markdown());
    }

    @Test
    void drillScoreSummary() {
        Golden.assertMatches("drill-score.txt", String.join("\n", DrillScore.of(Incidents.drill()).summary()) + "\n");
    }
}
