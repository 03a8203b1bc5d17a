package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A person asked for something the access rules do not let them do; recorded so the timeline shows it.
 *
 * <p>JSON type name: {@code access_refused}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param command what they typed, as the canonical command text
 * @param reason why it was refused, naming who may do it
 * @since 0.1
 */
public record AccessRefused(long seq, Instant at, PersonRef by, String command, String reason) implements IncidentEvent {

    /** Checks every field. */
    public AccessRefused {
        Checks.event(seq, at, by);
        command = Checks.text(command, "command");
        reason = Checks.text(reason, "reason");
    }
}
