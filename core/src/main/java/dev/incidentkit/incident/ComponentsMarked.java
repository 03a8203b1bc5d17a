package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Components of the service were marked as affected (or as recovered) for the public status page.
 *
 * <p>JSON type name: {@code components_marked}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param components component name to component status (one of {@link Command.MarkComponents#STATUSES}),
 *     in the order given
 * @since 0.1
 */
public record ComponentsMarked(long seq, Instant at, PersonRef by, Map<String, String> components) implements IncidentEvent {

    /** Checks every field and copies the map, keeping its order. */
    public ComponentsMarked {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        components = Command.MarkComponents.checked(requireNonNull(components, "components"));
    }

    static Map<String, String> merge(Map<String, String> before, Map<String, String> marked) {
        Map<String, String> all = new LinkedHashMap<>(before);
        all.putAll(marked);
        return Collections.unmodifiableMap(all);
    }
}
