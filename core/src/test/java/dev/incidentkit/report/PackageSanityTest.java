package dev.incidentkit.report;

import com.google.common.testing.NullPointerTester;
import dev.incidentkit.incident.Incident;
import org.junit.jupiter.api.Test;

/** Every public entry point of the package rejects null with a NullPointerException naming it. */
final class PackageSanityTest {
    private final NullPointerTester tester = new NullPointerTester()
            .setDefault(Incident.class, Incidents.shortSev3());

    @Test
    void staticFactoriesRejectNull() {
        tester.testAllPublicStaticMethods(ReportFormat.class);
        tester.testAllPublicStaticMethods(ServiceDisruptionReport.class);
        tester.testAllPublicStaticMethods(DrillScore.class);
    }

    @Test
    void renderingRejectsNull() {
        tester.testAllPublicInstanceMethods(ServiceDisruptionReport.of(Incidents.shortSev3()));
        tester.testAllPublicInstanceMethods(MarkdownReportTemplate.create());
    }
}
