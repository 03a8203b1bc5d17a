package dev.incidentkit.examples;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentJson;

/** The service-disruption report the examples write. */
final class Reports {
    private Reports() {}

    static String markdown(Incident incident) {
        // TODO(issue 4): use the report package once it lands; until then the export stands in.
        return "```json\n" + IncidentJson.export(incident) + "\n```\n";
    }
}
