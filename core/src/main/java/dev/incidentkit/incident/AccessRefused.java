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
 * @param count how many refusals of this person's command it stands for: the same refusal repeated within
 *     a few minutes is recorded once, and the next record counts those held back (1 when alone; events
 *     written before counts existed read as 1)
 * @since 0.1
 */
public record AccessRefused(long seq, Instant at, PersonRef by, String command, String reason, int count)
        implements IncidentEvent {

    /** Checks every field; a count of 0 (an event written before counts existed) means 1. */
    public AccessRefused {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        command = Checks.text(command, "command");
        reason = Checks.text(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("count is 1 or more; got " + count);
        }
        count = Math.max(1, count);
    }

    /**
     * One refusal.
     *
     * @param seq its position in the incident's timeline, from 1
     * @param at when it was recorded
     * @param by who asked
     * @param command what they typed
     * @param reason why it was refused
     */
    public AccessRefused(long seq, Instant at, PersonRef by, String command, String reason) {
        this(seq, at, by, command, reason, 1);
    }
}
