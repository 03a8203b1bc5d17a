package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.util.List;

/**
 * The outcome of {@link Decider#decide}: the new events, or a rejection a person can act on.
 *
 * @since 0.1
 */
public sealed interface Decision {

    /**
     * The command was accepted.
     *
     * @param events the new events, in order, numbered on from the incident's version; empty for a
     *     command that changes nothing (such as {@code timeline})
     */
    record Accepted(List<IncidentEvent> events) implements Decision {
        /** Copies the events. */
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * The command was refused.
     *
     * @param reason what was wrong, in a sentence
     * @param instead what to type instead, e.g. {@code "resolve first: type `resolve`"}
     */
    record Rejected(String reason, String instead) implements Decision {
        /** Checks the texts. */
        public Rejected {
            reason = Checks.text(reason, "reason");
            instead = Checks.text(instead, "instead");
        }

        /**
         * Returns the reason and what to type instead, as one reply.
         *
         * @return the reply
         */
        public String message() {
            return reason + ". " + instead;
        }
    }

    /**
     * Returns the events, empty if rejected.
     *
     * @return the events
     */
    default List<IncidentEvent> events() {
        return this instanceof Accepted a ? a.events() : List.of();
    }

    /**
     * Returns whether the command was accepted.
     *
     * @return true if accepted
     */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /**
     * A rejection.
     *
     * @param reason what was wrong
     * @param instead what to type instead
     * @return the rejection
     */
    static Decision reject(String reason, String instead) {
        return new Rejected(requireNonNull(reason, "reason"), requireNonNull(instead, "instead"));
    }
}
