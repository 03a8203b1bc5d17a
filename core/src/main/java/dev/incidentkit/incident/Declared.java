package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * An incident was declared.
 *
 * <p>JSON type name: {@code declared}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param incident the new incident's id
 * @param title what is wrong, in a few words
 * @param severity how bad it is
 * @param drill whether this is a practice incident that never reaches the public status page
 * @since 0.1
 */
public record Declared(long seq, Instant at, PersonRef by, IncidentId incident, String title, Severity severity, boolean drill) implements IncidentEvent {

    /** Checks every field. */
    public Declared {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(incident, "incident");
        title = Checks.text(title, "title");
        requireNonNull(severity, "severity");
    }
}
