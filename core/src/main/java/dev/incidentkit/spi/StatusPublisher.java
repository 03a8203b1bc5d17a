package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public status page: Atlassian Statuspage is the reference adapter.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Ordering:</b> incidentkit sends one incident's
 * updates one at a time, in order, and never an update older than one already sent.
 * <b>Idempotency:</b> {@link #publish} creates something customers see every time (the status page
 * incident, then one update per call), so an implementation leaves a marker the vendor keeps and, when the
 * key {@link IdempotencyKey#mayExist() may exist}, looks for it before repeating. <b>Failures:</b> {@link PortException}.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.StatusPublisherContract</a>
 * @since 0.1
 */
public interface StatusPublisher {

    /**
     * The absent StatusPublisher, a null object: no status page: public updates stay in the channel. A kit built without one uses it.
     *
     * @return the null object
     */
    static StatusPublisher none() {
        return dev.incidentkit.internal.Absent.STATUS_PAGE;
    }


    /**
     * A public update.
     *
     * @param incident incidentkit's incident
     * @param statusPageIncident the status page's incident id from an earlier update, empty for the first
     * @param title the public title
     * @param status the status to announce ({@code RESOLVED} resolves the status page incident)
     * @param message what customers read
     * @param severity the incident's severity, for the impact shown
     * @param components the affected components as last marked in the chat: name as people typed it to
     *     status ({@code operational}, {@code under_maintenance}, {@code degraded_performance},
     *     {@code partial_outage}, {@code major_outage}); empty if none were marked
     * @param drill whether the incident is a drill; a drill's update is only sent to publishers whose
     *     {@link StatusPublisher#publishesDrills()} is true, which must keep it off the public page
     */
    record StatusUpdate(IncidentId incident, Optional<String> statusPageIncident, String title, IncidentStatus status,
                        String message, Severity severity, Map<String, String> components, boolean drill) {
        /** Checks nulls and copies the components, keeping their order. */
        public StatusUpdate {
            requireNonNull(incident, "incident");
            requireNonNull(statusPageIncident, "statusPageIncident");
            requireNonNull(title, "title");
            requireNonNull(status, "status");
            requireNonNull(message, "message");
            requireNonNull(severity, "severity");
            components = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(components, "components")));
        }

        /**
         * An update of a real incident with no components marked.
         *
         * @param incident incidentkit's incident
         * @param statusPageIncident the status page's incident id from an earlier update, empty for the first
         * @param title the public title
         * @param status the status to announce
         * @param message what customers read
         * @param severity the incident's severity
         */
        public StatusUpdate(IncidentId incident, Optional<String> statusPageIncident, String title, IncidentStatus status,
                            String message, Severity severity) {
            this(incident, statusPageIncident, title, status, message, severity, Map.of(), false);
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
     * @param idempotencyKey stable across retries; when {@link IdempotencyKey#mayExist()}, look for the
     *     vendor-kept marker of an earlier attempt before creating anything
     * @return where it went
     */
    Published publish(StatusUpdate update, IdempotencyKey idempotencyKey);

    /**
     * Returns whether this publisher can set components' statuses on their own, without an update's
     * text ({@link #markComponents}). The default is false: components marked in the chat then go out
     * with the next public update.
     *
     * @return true if {@link #markComponents} is supported
     */
    default boolean marksComponents() {
        return false;
    }

    /**
     * Sets components' statuses on the public page, as people marked them in the chat. Setting a status
     * is idempotent, so a repeat is harmless.
     *
     * @param components name as typed to status, as in {@link StatusUpdate#components()}
     * @param drill whether it is for a drill (sent only where {@link #publishesDrills()})
     * @throws PortException if the page refuses or cannot be reached
     * @throws UnsupportedOperationException if {@link #marksComponents()} is false
     */
    default void markComponents(Map<String, String> components, boolean drill) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot mark components on their own");
    }

    /**
     * Returns whether drills' updates may be sent to this publisher, because it keeps them off the public
     * page (a sandbox page). The default is false: a drill's updates then stay in the channel.
     *
     * @return true if {@link #publish} accepts updates with {@link StatusUpdate#drill()} set
     */
    default boolean publishesDrills() {
        return false;
    }

    /**
     * Checks component names people typed against the status page, so that a typo is refused when it is
     * typed rather than when the next update is delivered. It may consult a cached list of components and
     * should answer quickly. The default knows no components and accepts every name.
     *
     * @param names component names as typed
     * @param drill whether they are for a drill (checked against the page drills go to)
     * @return a message naming each unknown name and what to type instead, or empty if all are known
     *     or the publisher cannot tell
     */
    default Optional<String> checkComponents(Collection<String> names, boolean drill) {
        return Optional.empty();
    }

    /**
     * One of the status page's incident templates: text a team prepared for a public update.
     *
     * @param name the template's name, as the status page lists it
     * @param title the title the template suggests for the status page incident
     * @param body the update's text
     * @param status the status the update announces; empty to keep the incident's (also for statuses
     *     incidentkit does not use, such as a maintenance's)
     * @param components the components the template marks: name (without spaces, as people type it in
     *     {@code components}) to status, one of {@link dev.incidentkit.incident.Command.MarkComponents#STATUSES};
     *     empty if it marks none
     */
    record Template(String name, String title, String body, Optional<IncidentStatus> status,
                    Map<String, String> components) {
        /** Checks nulls and copies the components, keeping their order. */
        public Template {
            requireNonNull(name, "name");
            requireNonNull(title, "title");
            requireNonNull(body, "body");
            requireNonNull(status, "status");
            components = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(components, "components")));
        }
    }

    /**
     * Finds one of the status page's incident templates by name, for {@code template <name>}. Names are
     * matched loosely (case, spaces and punctuation do not matter). It may consult a cached list and
     * should answer quickly. The default has no templates.
     *
     * @param name the template's name as typed
     * @param drill whether it is for a drill (read from the page drills go to, if there is one)
     * @return the template, or empty if the page has none of that name (see {@link #templateNames})
     * @throws PortException if the status page cannot be read
     */
    default Optional<Template> template(String name, boolean drill) {
        return Optional.empty();
    }

    /**
     * Lists the names of the status page's incident templates, so that an unknown name can be answered
     * with the ones there are. The default has none.
     *
     * @param drill whether it is for a drill (read from the page drills go to, if there is one)
     * @return the names, in the page's order
     * @throws PortException if the status page cannot be read
     */
    default List<String> templateNames(boolean drill) {
        return List.of();
    }
}
