package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A follow-up was added: work to do after the incident so it does not happen again.
 *
 * <p>JSON type name: {@code follow_up_added}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param number its number within the incident, from 1
 * @param text what to do
 * @since 0.1
 */
public record FollowUpAdded(long seq, Instant at, PersonRef by, int number, String text) implements IncidentEvent {

    /** Checks every field. */
    public FollowUpAdded {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        if (number < 1) {
            throw new IllegalArgumentException("a follow-up number starts at 1; got " + number);
        }
        text = Checks.text(text, "follow-up text");
    }
}
