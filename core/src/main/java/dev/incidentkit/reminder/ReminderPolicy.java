package dev.incidentkit.reminder;

import dev.incidentkit.incident.Incident;
import java.time.Instant;
import java.util.List;

/**
 * The SPI for reminders: a pure function from an incident (its whole state and timeline) and an instant
 * to the reminders the policy schedules for it. incidentkit ships the common ones
 * ({@link ReminderPolicies#defaults()}); write your own for your team's practice.
 *
 * <p>Rules an implementation keeps (the testkit's {@code ReminderPolicyContract} checks them):
 * <ul>
 *   <li>pure and deterministic: no I/O and no clock of its own; the same incident and instant give the
 *       same reminders;</li>
 *   <li>nothing for a closed or cancelled incident;</li>
 *   <li>no reminder is due before the incident was declared;</li>
 *   <li>every key starts with {@link #name()} and depends only on the timeline, not on {@code now}: a
 *       reminder scheduled for {@code d} is still there, with the same key, when evaluated at {@code d};</li>
 *   <li>return at most the latest past occurrence and the next future one of a repeating reminder, not
 *       a backlog (the engine keeps only the latest per key anyway).</li>
 * </ul>
 *
 * <p>Whether a reminder already fired, was snoozed or muted is the {@link ReminderEngine}'s business,
 * not the policy's. Implementations are immutable and thread-safe.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.ReminderPolicyContract</a>
 * @since 0.1
 */
public interface ReminderPolicy {

    /**
     * Returns the policy's name: lower-case words joined by dashes, e.g. {@code status-update}. Every key
     * of its reminders starts with it, and {@code mute <name> reminders for 1h} mutes it.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the reminders this policy schedules for the incident now; their due instants may be past or
     * future.
     *
     * @param incident the incident, declared
     * @param now the instant to evaluate at
     * @return the reminders, possibly empty; empty for a closed or cancelled incident
     */
    List<Reminder> evaluate(Incident incident, Instant now);

    /**
     * Returns whether this policy may still schedule reminders once an incident is closed: follow-up
     * work goes on after the report. Nothing is ever due for a cancelled incident. Most policies keep
     * the default, {@code false}.
     *
     * @return true if {@link #evaluate} may return reminders for a closed incident
     */
    default boolean remindsAfterClose() {
        return false;
    }
}
