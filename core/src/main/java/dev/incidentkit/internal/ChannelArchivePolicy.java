package dev.incidentkit.internal;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.FollowUpClosed;
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
 * Nothing is due unless the incident is closed, so an incident that is not closed any more is never archived;
 * while follow-ups are open (they are reminded in the channel), the delay counts from the last one done.
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
        if (incident.status() != IncidentStatus.CLOSED || closed.isEmpty() || channel.isEmpty()
                || !incident.openFollowUps().isEmpty()) {
            return List.of(); // open follow-ups are reminded in the channel weekly: it stays until they are done
        }
        Instant from = incident.last(FollowUpClosed.class).map(FollowUpClosed::at)
                .filter(done -> done.isAfter(closed.get().at())).orElse(closed.get().at());
        return List.of(new Reminder(NAME + ":" + closed.get().seq(), from.plus(after), Audience.role(Role.IMOC),
                "Archiving #" + channel.get().channelName() + ": " + incident.id() + " closed "
                        + (from.equals(closed.get().at()) ? "" : "and its last follow-up done ")
                        + Durations.format(after) + " ago.", Escalation.NONE));
    }

    @Override
    public String toString() {
        return "ChannelArchivePolicy[after " + after + "]";
    }
}
