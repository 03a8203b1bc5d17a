/**
 * Implementation details of the PagerDuty adapter: the REST and Events clients, error mapping, incident
 * keys and severity mapping. Nothing here is API: types may change or vanish in any release without
 * notice.
 */
@NullMarked
package dev.incidentkit.pagerduty.internal;

import org.jspecify.annotations.NullMarked;
