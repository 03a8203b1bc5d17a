package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A public status update was published (for a drill, only in the channel).
 *
 * <p>JSON type name: {@code status_update_published}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param status the status the update announces
 * @param message the text customers read
 * @param publicly whether it was published with {@code update --public}: for a private incident, the explicit
 *     consent that lets it reach the public status page; {@code false} in JSON written before it existed
 * @since 0.1
 */
public record StatusUpdatePublished(long seq, Instant at, PersonRef by, IncidentStatus status, String message, boolean publicly)
        implements IncidentEvent {

    /** Checks every field. */
    public StatusUpdatePublished {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(status, "status");
        message = Checks.text(message, "status update message");
    }

    /**
     * An update published without {@code --public}.
     *
     * @param seq its position in the incident's timeline, from 1
     * @param at when it was recorded
     * @param by who did it
     * @param status the status the update announces
     * @param message the text customers read
     */
    public StatusUpdatePublished(long seq, Instant at, PersonRef by, IncidentStatus status, String message) {
        this(seq, at, by, status, message, false);
    }
}
