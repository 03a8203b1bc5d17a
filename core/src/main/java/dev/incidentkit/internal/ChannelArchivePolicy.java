package dev.incidentkit.internal;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Role;
import dev.incidentkit.reminder.Audience;
import dev.incidentkit.reminder.Escalation;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Archives a closed incident's channel a while after it closed: one reminder, keyed by the close, whose
 * firing the kit turns into an {@link dev.incidentkit.spi.Effect.ArchiveChannel} instead of a message. The
 * reminder machinery gives it what the outbox has not (a time before which nothing happens, kept across
 * restarts in the timeline): the reminder fires once, at its due time, and records itself on the timeline.
 * Nothing is due unless the incident is closed, so an incident that is not closed any more is never archived.
 */
public final class ChannelArchivePolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "archive-channel";

    private final Duration after;

    /**
     * Creates the policy.
     *
     * @param after how long after the close the channel is archived, zero or more
     */
    public ChannelArchivePolicy(Duration after) {
        this.after = requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("the archive delay is zero or more; got " + after);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean remindsAfterClose() {
        return true;
    }

    @Override
    public List<Reminder> evaluate(Incident incident, Instant now) {
        Optional<Closed> closed = incident.last(Closed.class);
        Optional<ChannelBound> channel = incident.channel();
        if (incident.status() != IncidentStatus.CLOSED || closed.isEmpty() || channel.isEmpty()) {
            return List.of();
        }
        return List.of(new Reminder(NAME + ":" + closed.get().seq(), closed.get().at().plus(after), Audience.role(Role.IMOC),
                "Archiving #" + channel.get().channelName() + ": " + incident.id() + " closed "
                        + Durations.format(after) + " ago.", Escalation.NONE));
    }

    @Override
    public String toString() {
        return "ChannelArchivePolicy[after " + after + "]";
    }
}
