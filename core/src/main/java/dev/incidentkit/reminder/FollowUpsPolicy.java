package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
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
        if (!incident.isDeclared() || incident.status() != IncidentStatus.RESOLVED || incident.openFollowUps().isEmpty()) {
            return List.of();
        }
        Optional<Duration> period = PolicySupport.lookup(every, incident.severity());
        if (period.isEmpty()) {
            return List.of();
        }
        StatusChanged resolved = incident.all(StatusChanged.class).stream()
                .filter(s -> s.to() == IncidentStatus.RESOLVED)
                .reduce((a, b) -> b)
                .orElseThrow();
        int open = incident.openFollowUps().size();
        List<Reminder> out = new ArrayList<>(2);
        for (Instant due : Cadence.lastAndNext(resolved.at().plus(period.get()), period.get(), now)) {
            out.add(new Reminder(NAME + ":" + resolved.seq(), due, Audience.role(Role.IMOC),
                    incident.id() + " was resolved " + Durations.format(Duration.between(resolved.at(), due))
                            + " ago and has " + open + " open follow-up" + (open == 1 ? "" : "s")
                            + ". File them and type `close` once the report is done",
                    Escalation.NONE));
        }
        return out;
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
