package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * The severity changed.
 *
 * <p>JSON type name: {@code severity_changed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param from the severity before
 * @param to the severity after
 * @since 0.1
 */
public record SeverityChanged(long seq, Instant at, PersonRef by, Severity from, Severity to) implements IncidentEvent {

    /** Checks every field. */
    public SeverityChanged {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(from, "from");
        requireNonNull(to, "to");
    }
}
