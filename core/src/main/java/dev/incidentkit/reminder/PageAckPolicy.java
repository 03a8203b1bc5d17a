package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.internal.Durations;
import dev.incidentkit.internal.PolicySupport;
import dev.incidentkit.internal.PolicySupport.BySeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Page acknowledgement: when a person paged for an active incident has not acknowledged ({@code ack})
 * within a while, remind them; if they still have not, escalate to the next IMOC on call
 * ({@link Escalation#PAGE_NEXT_IMOC}).
 *
 * <p>Defaults: remind after 5 minutes and escalate after 10, at every severity. Keys are
 * {@code page-ack:<seq of the page>} and {@code page-ack:<seq of the page>:escalate}. Only the latest
 * page of each person counts.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PageAckPolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "page-ack";

    private final Map<Severity, Duration> remindAfter;
    private final Map<Severity, Duration> escalateAfter;

    private PageAckPolicy(Builder b) {
        this.remindAfter = b.remindAfter.build();
        this.escalateAfter = b.escalateAfter.build();
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
        Map<String, Paged> latest = new LinkedHashMap<>();
        for (Paged p : incident.all(Paged.class)) {
            latest.put(p.target().id(), p);
        }
        List<Reminder> out = new ArrayList<>();
        Optional<Duration> remind = PolicySupport.lookup(remindAfter, incident.severity());
        Optional<Duration> escalate = PolicySupport.lookup(escalateAfter, incident.severity());
        for (PersonRef target : incident.unacknowledgedPages()) {
            Paged page = latest.get(target.id());
            String key = NAME + ":" + page.seq();
            remind.ifPresent(d -> out.add(new Reminder(key, page.at().plus(d), Audience.person(target),
                    target.name() + " has not acknowledged the page for " + incident.id() + " after "
                            + Durations.format(d) + ". Type `ack` to say you are on it",
                    Escalation.NONE)));
            escalate.ifPresent(d -> out.add(new Reminder(key + ":escalate", page.at().plus(d), Audience.person(target),
                    target.name() + " has not acknowledged the page for " + incident.id() + " after "
                            + Durations.format(d) + ": paging the next IMOC on call",
                    Escalation.PAGE_NEXT_IMOC)));
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "[remind " + remindAfter + ", escalate " + escalateAfter + "]";
    }

    /**
     * Configures a {@link PageAckPolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final BySeverity remindAfter = new BySeverity("page reminder delay").all(Duration.ofMinutes(5));
        private final BySeverity escalateAfter = new BySeverity("page escalation delay").all(Duration.ofMinutes(10));

        private Builder() {}

        /**
         * Reminds a person who has not acknowledged a page after {@code delay}, at a severity.
         *
         * @param severity the severity
         * @param delay how long after the page, positive, whole seconds
         * @return this builder
         */
        public Builder remindAfter(Severity severity, Duration delay) {
            remindAfter.set(severity, delay);
            return this;
        }

        /**
         * Escalates to the next IMOC on call after {@code delay}, at a severity.
         *
         * @param severity the severity
         * @param delay how long after the page, positive, whole seconds
         * @return this builder
         */
        public Builder escalateAfter(Severity severity, Duration delay) {
            escalateAfter.set(severity, delay);
            return this;
        }

        /**
         * Never escalates at a severity (the reminder still comes).
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder neverEscalate(Severity severity) {
            escalateAfter.never(severity);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public PageAckPolicy build() {
            return new PageAckPolicy(this);
        }
    }
}
