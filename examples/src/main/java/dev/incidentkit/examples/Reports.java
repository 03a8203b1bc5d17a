package dev.incidentkit.examples;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.report.ServiceDisruptionReport;

/** The service-disruption report the examples write. */
final class Reports {
    private Reports() {}

    static String markdown(Incident incident) {
        return ServiceDisruptionReport.of(incident).markdown();
    }
}
