package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentEvent;
import java.time.Instant;
import java.util.List;

/**
 * How a claimed delivery ended, written by {@link IncidentStore#complete} in one atomic operation
 * together with the events it caused: all of it, or nothing.
 *
 * @since 0.1
 */
public sealed interface Completion {

    /**
     * Events an outcome appends to the incident's timeline, and the effects they cause: the channel that
     * was created, the status page's link, the number, or the alert that a delivery failed.
     *
     * @param expectedVersion the incident's version the events follow; ignored if {@code events} is empty
     * @param events the new events, numbered on from {@code expectedVersion + 1}; may be empty
     * @param effects the effects those events cause
     */
    record Outcome(long expectedVersion, List<IncidentEvent> events, List<Effect> effects) {
        /** Nothing to append. */
        public static final Outcome NONE = new Outcome(0, List.of(), List.of());

        /** Checks and copies. */
        public Outcome {
            events = List.copyOf(events);
            effects = List.copyOf(effects);
            if (events.isEmpty() && !effects.isEmpty()) {
                throw new IllegalArgumentException("effects come from events; got " + effects.size() + " effect(s) and no event");
            }
        }
    }

    /**
     * The effect was delivered (or is no longer needed): it leaves the outbox, and its outcome is
     * appended.
     *
     * @param outcome what the delivery learnt, e.g. the new channel's id
     */
    record Delivered(Outcome outcome) implements Completion {
        /** Checks the outcome. */
        public Delivered {
            requireNonNull(outcome, "outcome");
        }
    }

    /**
     * The delivery did not happen yet and will be tried again.
     *
     * @param notBefore when to try again
     * @param attemptSpent whether this counts as a delivery attempt: false when the port was never asked
     *     (its circuit breaker was open, or the effect could not be sent yet), true when the vendor failed
     * @param mayHaveRun whether the vendor may have acted despite the failure (a timeout, or a crash the
     *     claim survived), so that the next attempt looks for its marker first
     */
    record RetryLater(Instant notBefore, boolean attemptSpent, boolean mayHaveRun) implements Completion {
        /** Checks the time. */
        public RetryLater {
            requireNonNull(notBefore, "notBefore");
        }

        @Override
        public Outcome outcome() {
            return Outcome.NONE;
        }
    }

    /**
     * Retries ran out, or the failure cannot be retried: the effect is parked (kept, out of the queue,
     * until {@link IncidentStore#requeueFailedEffects} puts it back), and the outcome, such as a
     * {@code DeliveryFailed} event, is appended.
     *
     * @param outcome what to record about the failure
     */
    record Parked(Outcome outcome) implements Completion {
        /** Checks the outcome. */
        public Parked {
            requireNonNull(outcome, "outcome");
        }
    }

    /**
     * Returns the events to append with this completion.
     *
     * @return the outcome, {@link Outcome#NONE} for a retry
     */
    Outcome outcome();
}
