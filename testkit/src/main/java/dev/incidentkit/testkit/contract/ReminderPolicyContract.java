package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.arbitraries.IncidentArbitraries;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The properties every {@link ReminderPolicy} keeps, as jqwik properties. Implement this interface in a
 * test class and return your policy from {@link #policy()}; every property runs against it over
 * realistic generated incidents and instants.
 *
 * <pre>{@code
 * class CommsAnnouncementsPolicyContractTest implements ReminderPolicyContract {
 *     @Override
 *     public ReminderPolicy policy() {
 *         return new CommsAnnouncementsPolicy();
 *     }
 * }
 * }</pre>
 *
 * <p>Override {@link #incidents()} to focus the generated incidents (say, on one severity), and
 * {@link #laterBy()} for the instants after the last event that the policy is evaluated at.
 *
 * @since 0.1
 */
public interface ReminderPolicyContract {

    /**
     * Returns the policy under test. Called once per try; return a fresh or a shared immutable instance.
     *
     * @return the policy
     */
    ReminderPolicy policy();

    /**
     * Incidents to evaluate the policy on: every severity and ending, short and long ones.
     *
     * @return the arbitrary
     */
    @Provide
    default Arbitrary<Incident> incidents() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, IncidentArbitraries.incidents()),
                Tuple.of(2, IncidentArbitraries.incidents().open().longerThan(Duration.ofHours(3))));
    }

    /**
     * Closed and cancelled incidents.
     *
     * @return the arbitrary
     */
    @Provide
    default Arbitrary<Incident> finishedIncidents() {
        return Arbitraries.oneOf(List.of(IncidentArbitraries.incidents().closed(), IncidentArbitraries.incidents().cancelled()));
    }

    /**
     * How long after an incident's last event to evaluate the policy: from nothing to ten days.
     *
     * @return the arbitrary
     */
    @Provide
    default Arbitrary<Duration> laterBy() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 3600)),
                Tuple.of(3, Arbitraries.longs().between(3600, 86_400)),
                Tuple.of(2, Arbitraries.longs().between(86_400, 10 * 86_400))).map(Duration::ofSeconds);
    }

    private static Instant after(Incident incident, Duration later) {
        return incident.timeline().get(incident.timeline().size() - 1).at().plus(later);
    }

    /** The same incident and instant give the same reminders, and so does the replayed timeline. */
    @Property(tries = 100)
    default void isDeterministic(@ForAll("incidents") Incident incident, @ForAll("laterBy") Duration later) {
        Instant now = after(incident, later);
        List<Reminder> first = policy().evaluate(incident, now);
        assertThat(policy().evaluate(incident, now)).isEqualTo(first);
        assertThat(policy().evaluate(Incident.replay(incident.id(), incident.timeline()), now)).isEqualTo(first);
    }

    /**
     * Nothing is scheduled for a cancelled incident, nor for a closed one unless the policy
     * {@linkplain ReminderPolicy#remindsAfterClose() reminds after close}.
     */
    @Property(tries = 100)
    default void nothingForClosedOrCancelledIncidents(@ForAll("finishedIncidents") Incident incident,
                                                      @ForAll("laterBy") Duration later) {
        if (incident.status() == IncidentStatus.CANCELLED || !policy().remindsAfterClose()) {
            assertThat(policy().evaluate(incident, after(incident, later))).isEmpty();
        }
    }

    /** No reminder is due before the declaration, and every key starts with the policy's name. */
    @Property(tries = 100)
    default void dueNeverBeforeDeclarationAndKeysNameThePolicy(@ForAll("incidents") Incident incident,
                                                              @ForAll("laterBy") Duration later) {
        for (Reminder r : policy().evaluate(incident, after(incident, later))) {
            assertThat(r.dueAt()).as(r.key()).isAfterOrEqualTo(incident.declaredAt());
            assertThat(r.policyName()).as("the key %s starts with the policy's name", r.key()).isEqualTo(policy().name());
        }
    }

    /**
     * Keys are stable: a reminder scheduled for {@code d} is still there, with the same key, when the
     * policy is evaluated at {@code d}; so a scheduler that wakes up at {@code d} finds it.
     */
    @Property(tries = 100)
    default void keysAreStableAcrossReEvaluation(@ForAll("incidents") Incident incident, @ForAll("laterBy") Duration later) {
        Instant now = after(incident, later);
        for (Reminder r : policy().evaluate(incident, now)) {
            if (r.dueAt().isAfter(now)) {
                assertThat(policy().evaluate(incident, r.dueAt()))
                        .as("evaluated at %s, when %s fell due", r.dueAt(), r.key())
                        .anySatisfy(again -> {
                            assertThat(again.key()).isEqualTo(r.key());
                            assertThat(again.dueAt()).isEqualTo(r.dueAt());
                        });
            }
        }
    }

    /** Once the engine fired what was due, re-evaluating, now or later, never makes it due again. */
    @Property(tries = 100)
    default void aFiredReminderIsNeverDueAgain(@ForAll("incidents") Incident incident, @ForAll("laterBy") Duration later,
                                               @ForAll("laterBy") Duration evenLater) {
        ReminderEngine engine = ReminderEngine.builder().policy(policy()).build();
        Instant now = after(incident, later);
        List<Reminder> due = engine.due(incident, now);
        Incident fired = incident;
        for (IncidentEvent e : engine.fire(incident, due, now)) {
            fired = fired.evolve(e);
        }
        assertThat(engine.due(fired, now)).as("due again right after firing").isEmpty();
        Set<String> firedPairs = new HashSet<>();
        for (ReminderFired f : fired.all(ReminderFired.class)) {
            firedPairs.add(f.key() + "@" + f.dueAt());
        }
        for (Reminder r : engine.due(fired, now.plus(evenLater))) {
            assertThat(firedPairs).as("fired before, due again later").doesNotContain(r.key() + "@" + r.dueAt());
        }
    }
}
