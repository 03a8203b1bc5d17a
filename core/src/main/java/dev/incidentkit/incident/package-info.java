/**
 * The incident domain: values, the sealed {@link dev.incidentkit.incident.IncidentEvent} hierarchy,
 * the immutable {@link dev.incidentkit.incident.Incident} state and the two pure functions at the heart
 * of incidentkit, {@link dev.incidentkit.incident.Decider#decide decide} and
 * {@link dev.incidentkit.incident.Incident#evolve evolve}.
 *
 * <p>An incident is the fold of its events: replaying the timeline always gives back the same
 * incident. {@link dev.incidentkit.incident.IncidentJson} gives every event a stable JSON form.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.incident;

import org.jspecify.annotations.NullMarked;
