/**
 * Micrometer meters for incidentkit: {@link dev.incidentkit.micrometer.IncidentKitMetrics} is a
 * {@link io.micrometer.core.instrument.binder.MeterBinder} and the kit's
 * {@link dev.incidentkit.IncidentKitListener} at once. Core knows nothing of Micrometer; this module adds
 * it for the hosts that use it.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.micrometer;

import org.jspecify.annotations.NullMarked;
