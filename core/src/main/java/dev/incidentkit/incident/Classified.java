package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A new incident was declared private, or of a type, or both; recorded right after {@link Declared}.
 * A private incident has a private channel, only its participants may see it or act on it, and nothing
 * of it reaches the public status page unless published with {@code update --public}.
 *
 * <p>JSON type name: {@code classified}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param incidentType the incident type's name, e.g. {@code security}; empty for none
 * @param privateIncident whether the incident is private
 * @since 0.1
 */
public record Classified(long seq, Instant at, PersonRef by, String incidentType, boolean privateIncident) implements IncidentEvent {

    /** Checks every field. */
    public Classified {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        incidentType = requireNonNull(incidentType, "incidentType").strip();
        if (!incidentType.isEmpty() && !Command.TYPE_NAME.matcher(incidentType).matches()) {
            throw new IllegalArgumentException("an incident type's name is lower-case letters, digits and dashes; got '"
                    + incidentType + "'");
        }
    }
}
