package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusChanged;
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
 * Open follow-ups: once an incident is resolved and has follow-ups, remind the IMOC at a regular
 * interval that they are open, until the incident is closed.
 *
 * <p>Default: weekly at every severity, counted from the resolution. Keys are
 * {@code follow-ups:<seq of the resolution>}.
 *
 * <p>Follow-ups recorded as done ({@code followup done <n>}, or their issue closed in the issue
 * tracker) no longer count. Like every policy, this one says nothing once the incident is closed.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class FollowUpsPolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "follow-ups";

    private final Map<Severity, Duration> every;

    private FollowUpsPolicy(Builder b) {
        this.every = b.every.build();
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
        boolean resolved = incident.status() == IncidentStatus.RESOLVED;
        boolean closed = incident.status() == IncidentStatus.CLOSED;
        if (!incident.isDeclared() || !(resolved || closed) || incident.openFollowUps().isEmpty()) {
            return List.of();
        }
        Optional<Duration> period = PolicySupport.lookup(every, incident.severity());
        if (period.isEmpty()) {
            return List.of();
        }
        // counted from the resolution while the report is written, then from the close
        IncidentEvent since = closed
                ? incident.last(Closed.class).orElseThrow()
                : incident.all(StatusChanged.class).stream()
                        .filter(s -> s.to() == IncidentStatus.RESOLVED)
                        .reduce((a, b) -> b)
                        .orElseThrow();
        int open = incident.openFollowUps().size();
        String what = open + " open follow-up" + (open == 1 ? "" : "s");
        List<Reminder> out = new ArrayList<>(2);
        for (Instant due : Cadence.lastAndNext(since.at().plus(period.get()), period.get(), now)) {
            String ago = Durations.format(Duration.between(since.at(), due));
            String message = closed
                    ? incident.id() + " was closed " + ago + " ago and still has " + what
                            + ". Type `followup done <n>` as each is done"
                    : incident.id() + " was resolved " + ago + " ago and has " + what
                            + ". File them and type `close` once the report is done";
            out.add(new Reminder(NAME + ":" + since.seq(), due, Audience.role(Role.IMOC), message, Escalation.NONE));
        }
        return out;
    }

    /** Follow-up work goes on after the report: this policy keeps reminding once the incident is closed. */
    @Override
    public boolean remindsAfterClose() {
        return true;
    }

    @Override
    public String toString() {
        return NAME + every;
    }

    /**
     * Configures a {@link FollowUpsPolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final BySeverity every = new BySeverity("follow-up reminder interval").all(Duration.ofDays(7));

        private Builder() {}

        /**
         * Reminds every {@code interval} at a severity.
         *
         * @param severity the severity
         * @param interval positive, whole seconds
         * @return this builder
         */
        public Builder every(Severity severity, Duration interval) {
            every.set(severity, interval);
            return this;
        }

        /**
         * Never reminds at a severity.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder never(Severity severity) {
            every.never(severity);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public FollowUpsPolicy build() {
            return new FollowUpsPolicy(this);
        }
    }
}
