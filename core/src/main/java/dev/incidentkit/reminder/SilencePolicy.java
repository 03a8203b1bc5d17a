package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderSnoozed;
import dev.incidentkit.incident.RemindersMuted;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.internal.Cadence;
import dev.incidentkit.internal.Durations;
import dev.incidentkit.internal.PolicySupport;
import dev.incidentkit.internal.PolicySupport.BySeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Silence: when nobody has added anything to the timeline of an active incident for a while, ask the
 * IMOC for a note, and ask again at the same interval while the silence lasts. Activity is any event by
 * a person; incidentkit's own events and snoozing or muting reminders do not count.
 *
 * <p>Default: 20 minutes at every severity. Keys are {@code silence:<seq of the last activity>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SilencePolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "silence";

    private final Map<Severity, Duration> after;

    private SilencePolicy(Builder b) {
        this.after = b.after.build();
    }

    /**
     * Returns a builder preset with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Reminder> evaluate(Incident incident, Instant now) {
        requireNonNull(now, "now");
        if (!incident.isDeclared() || !incident.status().isActive()) {
            return List.of();
        }
        Optional<Duration> period = PolicySupport.lookup(after, incident.severity());
        if (period.isEmpty()) {
            return List.of();
        }
        IncidentEvent last = incident.timeline().get(0);
        for (IncidentEvent e : incident.timeline()) {
            if (!e.by().equals(PersonRef.BOT) && !(e instanceof ReminderSnoozed) && !(e instanceof RemindersMuted)) {
                last = e;
            }
        }
        List<Reminder> out = new ArrayList<>(2);
        for (Instant due : Cadence.lastAndNext(last.at().plus(period.get()), period.get(), now)) {
            out.add(new Reminder(NAME + ":" + last.seq(), due, Audience.role(Role.IMOC),
                    "Nothing has been added to the timeline of " + incident.id() + " for "
                            + Durations.format(Duration.between(last.at(), due))
                            + ". What is happening? Type `note <text>`, e.g. `note still waiting for the failover`",
                    Escalation.NONE));
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + after;
    }

    /**
     * Configures a {@link SilencePolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final BySeverity after = new BySeverity("silence interval").all(Duration.ofMinutes(20));

        private Builder() {}

        /**
         * Asks for a note after {@code interval} of silence, at a severity.
         *
         * @param severity the severity
         * @param interval the silence, positive, whole seconds
         * @return this builder
         */
        public Builder after(Severity severity, Duration interval) {
            after.set(severity, interval);
            return this;
        }

        /**
         * Never asks at a severity.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder never(Severity severity) {
            after.never(severity);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public SilencePolicy build() {
            return new SilencePolicy(this);
        }
    }
}
