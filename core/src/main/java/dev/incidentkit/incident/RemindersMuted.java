package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * The reminders of one policy were muted ({@code mute status reminders for 1h}): they are held back until
 * {@code until} and then fire once if still due. A later mute of the same policy replaces an earlier one.
 *
 * <p>JSON type name: {@code reminders_muted}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param policy the policy's name, e.g. {@code status-update}
 * @param until when its reminders may fire again
 * @since 0.1
 */
public record RemindersMuted(long seq, Instant at, PersonRef by, String policy, Instant until) implements IncidentEvent {

    /** Checks every field. */
    public RemindersMuted {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        policy = Checks.text(policy, "policy");
        requireNonNull(until, "until");
    }
}
