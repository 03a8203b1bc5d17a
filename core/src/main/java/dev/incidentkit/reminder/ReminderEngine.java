package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which reminders are due for an incident: it asks every {@link ReminderPolicy}, then drops
 * what already fired, holds back what is snoozed or muted, and collapses a backlog. It is pure like the
 * policies: the incident's timeline is its only memory, since a fired reminder is a
 * {@link ReminderFired} event.
 *
 * <p>A reminder ({@code key}, {@code dueAt}) is due at {@code now} when
 * <ul>
 *   <li>{@code dueAt <= now}, and no {@code ReminderFired} with the same key and the same or a later
 *       {@code dueAt} is on the timeline;</li>
 *   <li>its audience has not snoozed ({@code remind me in 15m}) past {@code now}, and its policy is not
 *       muted ({@code mute status reminders for 1h}) past {@code now}: a snoozed or muted reminder is
 *       held back until then, not dropped;</li>
 *   <li>it is the latest due reminder of its key: after the clock jumps forward, each key fires once,
 *       for its latest due instant, never a backlog.</li>
 * </ul>
 * Closed and cancelled incidents have no reminders. Drills do: that is how people train.
 *
 * <pre>{@code
 * ReminderEngine engine = ReminderEngine.builder().policies(ReminderPolicies.defaults()).build();
 * List<Reminder> due = engine.due(incident, clock.instant());
 * store.append(incident.id(), incident.version(), engine.fire(incident, due, clock.instant()));
 * }</pre>
 *
 * <p>Immutable and thread-safe if its policies are.
 *
 * @since 0.1
 */
public final class ReminderEngine {
    private final List<ReminderPolicy> policies;

    private ReminderEngine(List<ReminderPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    /**
     * Returns a builder with no policies.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the policies, in the order given.
     *
     * @return the policies
     */
    public List<ReminderPolicy> policies() {
        return policies;
    }

    /** A reminder that has not fired, with the instant it may fire (after any snooze or mute). */
    private record Pending(Reminder reminder, Instant from) {}

    private List<Pending> pending(Incident incident, Instant now) {
        requireNonNull(incident, "incident");
        requireNonNull(now, "now");
        if (!incident.isOpen() && !(incident.status() == IncidentStatus.CLOSED && incident.isDeclared())) {
            return List.of();
        }
        Map<String, Instant> fired = new HashMap<>();
        for (ReminderFired f : incident.all(ReminderFired.class)) {
            fired.merge(f.key(), f.dueAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<Pending> out = new ArrayList<>();
        for (ReminderPolicy policy : policies) {
            if (incident.status() == IncidentStatus.CLOSED && !policy.remindsAfterClose()) {
                continue;
            }
            Instant mutedUntil = incident.mutedUntil(policy.name()).orElse(Instant.MIN);
            for (Reminder r : policy.evaluate(incident, now)) {
                if (!r.policyName().equals(policy.name())) {
                    throw new IllegalStateException("reminder policy '" + policy.name() + "' made a reminder whose key '"
                            + r.key() + "' does not start with '" + policy.name() + ":'; every key starts with its policy's name");
                }
                Instant last = fired.get(r.key());
                if (last != null && !last.isBefore(r.dueAt())) {
                    continue;
                }
                Instant from = latest(r.dueAt(), mutedUntil);
                Optional<PersonRef> who = r.audience().resolve(incident);
                if (who.isPresent()) {
                    from = latest(from, incident.snoozedUntil(who.get()).orElse(Instant.MIN));
                }
                out.add(new Pending(r, from));
            }
        }
        return out;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Returns the reminders due now that have not fired: one per key (the latest), none snoozed or muted.
     *
     * @param incident the incident
     * @param now the instant
     * @return the due reminders, ordered by due instant then key; empty for a closed or cancelled incident
     */
    public List<Reminder> due(Incident incident, Instant now) {
        Map<String, Reminder> byKey = new LinkedHashMap<>();
        for (Pending p : pending(incident, now)) {
            if (!p.from().isAfter(now)) {
                byKey.merge(p.reminder().key(), p.reminder(), (a, b) -> b.dueAt().isAfter(a.dueAt()) ? b : a);
            }
        }
        List<Reminder> due = new ArrayList<>(byKey.values());
        due.sort(Comparator.comparing(Reminder::dueAt).thenComparing(Reminder::key));
        return due;
    }

    /**
     * A reminder that will fall due, and when it will, snoozes and mutes counted.
     *
     * @param reminder the reminder
     * @param at when it falls due
     * @since 0.1
     */
    public record Upcoming(Reminder reminder, Instant at) {
        /** Checks nulls. */
        public Upcoming {
            requireNonNull(reminder, "reminder");
            requireNonNull(at, "at");
        }
    }

    /**
     * Returns every reminder not fired yet, soonest first (those due already come first), each once by key.
     *
     * @param incident the incident
     * @param now the instant to evaluate at
     * @return the reminders and when each falls due
     * @since 0.1
     */
    public List<Upcoming> upcoming(Incident incident, Instant now) {
        Map<String, Upcoming> byKey = new LinkedHashMap<>();
        for (Pending p : pending(incident, now)) {
            byKey.merge(p.reminder().key(), new Upcoming(p.reminder(), p.from()), (a, b) -> b.at().isBefore(a.at()) ? b : a);
        }
        List<Upcoming> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(Upcoming::at).thenComparing(u -> u.reminder().key()));
        return out;
    }

    /**
     * Returns the earliest instant at which a reminder is due, if the incident does not change: at or
     * before {@code now} when one is due already.
     *
     * @param incident the incident
     * @param now the instant to evaluate at
     * @return the instant, or empty if the policies schedule nothing more
     */
    public Optional<Instant> nextDue(Incident incident, Instant now) {
        return pending(incident, now).stream().map(Pending::from).min(Comparator.naturalOrder());
    }

    /**
     * Returns the {@link ReminderFired} events that record {@code due} as fired, by incidentkit, at
     * {@code now}, numbered on from the incident's version: append them with the incident's version as
     * the expected version.
     *
     * @param incident the incident the reminders are for
     * @param due reminders from {@link #due}
     * @param now the instant they fire
     * @return the events, one per reminder, in order
     * @throws IllegalArgumentException if {@code due} holds a key twice
     */
    public List<IncidentEvent> fire(Incident incident, List<Reminder> due, Instant now) {
        requireNonNull(incident, "incident");
        requireNonNull(due, "due");
        requireNonNull(now, "now");
        Set<String> keys = new TreeSet<>();
        List<IncidentEvent> events = new ArrayList<>(due.size());
        long seq = incident.version();
        for (Reminder r : due) {
            if (!keys.add(r.key())) {
                throw new IllegalArgumentException("reminder key " + r.key() + " is due twice; fire what due() returns");
            }
            events.add(new ReminderFired(++seq, now, PersonRef.BOT, r.key(), r.dueAt(), r.message()));
        }
        return events;
    }

    @Override
    public String toString() {
        return "ReminderEngine" + policies.stream().map(ReminderPolicy::name).toList();
    }

    /**
     * Configures a {@link ReminderEngine}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, ReminderPolicy> policies = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a policy.
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException if a policy of the same name was added
         * @throws IllegalArgumentException if the policy's name is not lower-case words joined by dashes
         */
        public Builder policy(ReminderPolicy policy) {
            requireNonNull(policy, "policy");
            String name = requireNonNull(policy.name(), "policy.name()");
            if (!dev.incidentkit.incident.Command.POLICY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a reminder policy's name is lower-case letters, digits and dashes, "
                        + "like status-update; got '" + name + "' from " + policy);
            }
            ReminderPolicy earlier = policies.putIfAbsent(name, policy);
            if (earlier != null) {
                throw new IllegalStateException("a reminder policy named '" + name + "' was already added: " + earlier);
            }
            return this;
        }

        /**
         * Adds policies, e.g. {@link ReminderPolicies#defaults()}.
         *
         * @param policies the policies
         * @return this builder
         */
        public Builder policies(List<? extends ReminderPolicy> policies) {
            requireNonNull(policies, "policies").forEach(this::policy);
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the engine
         */
        public ReminderEngine build() {
            return new ReminderEngine(new ArrayList<>(policies.values()));
        }
    }
}
