package dev.incidentkit.examples;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.reminder.Audience;
import dev.incidentkit.reminder.Escalation;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An example of a team's own policy: during an active SEV1, remind the communications lead every hour
 * to post to the internal announcements channel. It is all a policy needs: a name, and a pure function
 * from the incident and the instant to reminders whose keys start with the name.
 */
public final class CommsAnnouncementsPolicy implements ReminderPolicy {
    static final Duration EVERY = Duration.ofHours(1);

    @Override
    public String name() {
        return "comms-announcements";
    }

    @Override
    public List<Reminder> evaluate(Incident incident, Instant now) {
        if (!incident.isDeclared() || !incident.status().isActive() || incident.severity() != Severity.SEV1) {
            return List.of();
        }
        Instant first = incident.declaredAt().plus(EVERY);
        // the latest hourly slot that has passed, and the next one: never a backlog
        long passed = now.isBefore(first) ? -1 : Duration.between(first, now).dividedBy(EVERY);
        Audience comms = Audience.role(Role.COMMUNICATIONS_LEAD);
        String message = "Hourly: post where " + incident.id() + " stands to #announcements-internal";
        Reminder next = new Reminder(name() + ":1", first.plus(EVERY.multipliedBy(passed + 1)), comms, message, Escalation.NONE);
        if (passed < 0) {
            return List.of(next);
        }
        Reminder last = new Reminder(name() + ":1", first.plus(EVERY.multipliedBy(passed)), comms, message, Escalation.NONE);
        return List.of(last, next);
    }
}
