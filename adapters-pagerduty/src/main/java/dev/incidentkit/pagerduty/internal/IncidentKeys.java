package dev.incidentkit.pagerduty.internal;

import dev.incidentkit.incident.IncidentId;
import java.util.Optional;

/**
 * The key that ties a PagerDuty incident or alert to an incidentkit incident: {@code incidentkit/INC-42},
 * sent as the REST {@code incident_key} or the Events {@code dedup_key} (api-notes §3.6), and read back
 * from webhooks. Stable per incident, so a retried page joins the open one instead of paging twice.
 */
public final class IncidentKeys {
    /** What every key starts with. */
    public static final String PREFIX = "incidentkit/";

    private IncidentKeys() {}

    /** The key for an incident. */
    public static String of(IncidentId id) {
        return PREFIX + id.value();
    }

    /** The incident a key names, if it is one of ours. */
    public static Optional<IncidentId> parse(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return IncidentId.parse(key.substring(PREFIX.length()));
    }
}
