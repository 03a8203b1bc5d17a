package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusUpdatePublished;
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
 * Public status updates on a cadence: while an incident is active (investigating, identified or
 * monitoring), a public update is due every so often, counted from the last one or, before the first,
 * from the declaration. If it stays overdue, the reminder repeats at the same cadence.
 *
 * <p>Defaults, from common SRE practice: every 30 minutes for SEV1, 60 for SEV2, 120 for SEV3, none for
 * SEV4. The reminder goes to the communications lead if there is one, otherwise to the IMOC. Keys are
 * {@code status-update:<seq of the last update, or 1>}.
 *
 * <pre>{@code
 * StatusUpdatePolicy.builder().every(Severity.SEV1, Duration.ofMinutes(20)).never(Severity.SEV3).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StatusUpdatePolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "status-update";

    private final Map<Severity, Duration> every;
    private final Escalation escalation;

    private StatusUpdatePolicy(Builder b) {
        this.every = b.every.build();
        this.escalation = b.escalation;
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

    /**
     * Returns the cadence for a severity.
     *
     * @param severity the severity
     * @return the cadence, empty if no updates are asked for
     */
    public Optional<Duration> every(Severity severity) {
        return PolicySupport.lookup(every, severity);
    }

    @Override
    public List<Reminder> evaluate(Incident incident, Instant now) {
        requireNonNull(now, "now");
        if (!incident.isDeclared() || !incident.status().isActive()) {
            return List.of();
        }
        Optional<Duration> period = every(incident.severity());
        if (period.isEmpty()) {
            return List.of();
        }
        IncidentEvent base = incident.lastPublicUpdate().<IncidentEvent>map(u -> u).orElse(incident.timeline().get(0));
        String key = NAME + ":" + base.seq();
        Audience audience = incident.holder(Role.COMMUNICATIONS_LEAD).isPresent()
                ? Audience.role(Role.COMMUNICATIONS_LEAD) : Audience.role(Role.IMOC);
        String since = base instanceof StatusUpdatePublished ? "the last public update" : "the declaration";
        List<Reminder> out = new ArrayList<>(2);
        for (Instant due : Cadence.lastAndNext(base.at().plus(period.get()), period.get(), now)) {
            out.add(new Reminder(key, due, audience,
                    "A public status update for " + incident.id() + " (" + incident.severity().chatName() + ") is due: "
                            + Durations.format(Duration.between(base.at(), due)) + " since " + since
                            + ". Type `update <message>`, e.g. `update identified: We found the cause and are fixing it`",
                    escalation));
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + every;
    }

    /**
     * Configures a {@link StatusUpdatePolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final BySeverity every = new BySeverity("status update cadence")
                .set(Severity.SEV1, Duration.ofMinutes(30))
                .set(Severity.SEV2, Duration.ofMinutes(60))
                .set(Severity.SEV3, Duration.ofMinutes(120));
        private Escalation escalation = Escalation.NONE;

        private Builder() {}

        /**
         * Asks for a public update every {@code period} at a severity.
         *
         * @param severity the severity
         * @param period the cadence, positive, whole seconds
         * @return this builder
         * @throws IllegalArgumentException if the period is not positive
         */
        public Builder every(Severity severity, Duration period) {
            every.set(severity, period);
            return this;
        }

        /**
         * Asks for no public updates at a severity.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder never(Severity severity) {
            every.never(severity);
            return this;
        }

        /**
         * Sets what an overdue update escalates to; {@link Escalation#NONE} by default.
         *
         * @param escalation the escalation
         * @return this builder
         */
        public Builder escalation(Escalation escalation) {
            this.escalation = requireNonNull(escalation, "escalation");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public StatusUpdatePolicy build() {
            return new StatusUpdatePolicy(this);
        }
    }
}
