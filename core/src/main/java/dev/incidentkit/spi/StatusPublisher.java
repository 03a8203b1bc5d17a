package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import java.util.Optional;

/**
 * The public status page: Atlassian Statuspage is the reference adapter.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Ordering:</b> incidentkit sends one incident's
 * updates one at a time, in order. <b>Failures:</b> {@link PortException}.
 *
 * @since 0.1
 */
public interface StatusPublisher {

    /**
     * A public update.
     *
     * @param incident incidentkit's incident
     * @param statusPageIncident the status page's incident id from an earlier update, empty for the first
     * @param title the public title
     * @param status the status to announce ({@code RESOLVED} resolves the status page incident)
     * @param message what customers read
     * @param severity the incident's severity, for the impact shown
     */
    record StatusUpdate(IncidentId incident, Optional<String> statusPageIncident, String title, IncidentStatus status,
                        String message, Severity severity) {
        /** Checks nulls. */
        public StatusUpdate {
            requireNonNull(incident, "incident");
            requireNonNull(statusPageIncident, "statusPageIncident");
            requireNonNull(title, "title");
            requireNonNull(status, "status");
            requireNonNull(message, "message");
            requireNonNull(severity, "severity");
        }
    }

    /**
     * Where an update went.
     *
     * @param statusPageIncident the status page's incident id, to send later updates to
     * @param url the public address of the status page incident
     */
    record Published(String statusPageIncident, String url) {
        /** Checks nulls. */
        public Published {
            requireNonNull(statusPageIncident, "statusPageIncident");
            requireNonNull(url, "url");
        }
    }

    /**
     * Publishes an update: opens the status page incident on the first, updates it after.
     *
     * @param update the update
     * @param idempotencyKey stable across retries
     * @return where it went
     */
    Published publish(StatusUpdate update, String idempotencyKey);
}
