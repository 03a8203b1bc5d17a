package dev.incidentkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import java.time.Instant;

/**
 * A line about one open incident (declared, neither closed nor cancelled), for gauges and dashboards:
 * what {@link IncidentKit#openIncidents()} lists.
 *
 * @param id the incident
 * @param severity its severity now
 * @param status its status now: investigating, identified, monitoring or resolved
 * @param drill whether it is a practice incident
 * @param declaredAt when it was declared
 * @since 0.1
 */
public record OpenIncident(IncidentId id, Severity severity, IncidentStatus status, boolean drill, Instant declaredAt) {

    /** Checks nulls. */
    public OpenIncident {
        requireNonNull(id, "id");
        requireNonNull(severity, "severity");
        requireNonNull(status, "status");
        requireNonNull(declaredAt, "declaredAt");
    }

    /**
     * Summarises an incident.
     *
     * @param incident a declared incident
     * @return its line
     * @throws IllegalArgumentException if the incident is not declared
     */
    public static OpenIncident of(Incident incident) {
        if (!incident.isDeclared()) {
            throw new IllegalArgumentException(incident.id() + " is not declared");
        }
        return new OpenIncident(incident.id(), incident.severity(), incident.status(), incident.drill(), incident.declaredAt());
    }
}
