package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A follow-up was done: its issue was closed in the issue tracker, or someone typed
 * {@code followup done <n>}. It may happen after the incident is closed.
 *
 * <p>JSON type name: {@code follow_up_closed}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who closed it
 * @param number the follow-up's number within the incident, from 1
 * @param source where it was closed, e.g. an issue's address; empty when typed in the chat
 * @since 0.1
 */
public record FollowUpClosed(long seq, Instant at, PersonRef by, int number, String source) implements IncidentEvent {

    /** Checks every field. */
    public FollowUpClosed {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        if (number < 1) {
            throw new IllegalArgumentException("a follow-up number starts at 1; got " + number);
        }
        source = requireNonNull(source, "source").strip();
    }
}
