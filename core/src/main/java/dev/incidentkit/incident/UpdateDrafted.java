package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A public status update was drafted and waits for {@code confirm} before it is published: the preview
 * that keeps a typo off the public status page. A later draft replaces it.
 *
 * <p>JSON type name: {@code update_drafted}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who drafted it
 * @param status the status the update will announce
 * @param message the text customers will read
 * @param publicly whether it was drafted with {@code update --public}: for a private incident, the explicit
 *     consent that lets it reach the public status page; {@code false} in JSON written before it existed
 * @since 0.1
 */
public record UpdateDrafted(long seq, Instant at, PersonRef by, IncidentStatus status, String message, boolean publicly)
        implements IncidentEvent {

    /** Checks every field. */
    public UpdateDrafted {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(status, "status");
        message = Checks.text(message, "status update message");
    }

    /**
     * An update drafted without {@code --public}.
     *
     * @param seq its position in the incident's timeline, from 1
     * @param at when it was recorded
     * @param by who did it
     * @param status the status the update announces
     * @param message the text customers read
     */
    public UpdateDrafted(long seq, Instant at, PersonRef by, IncidentStatus status, String message) {
        this(seq, at, by, status, message, false);
    }
}
