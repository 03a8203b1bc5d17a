package dev.incidentkit;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.spi.Effect;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Told what a kit does, for metrics and tracing: commands handled, events appended, deliveries tried,
 * reminders fired, circuit breakers opening and closing. Every method has a default that does nothing,
 * so a listener overrides only what it needs. Register listeners with
 * {@link IncidentKit.Builder#listener(IncidentKitListener)}; {@code incidentkit-micrometer}'s
 * {@code IncidentKitMetrics} is one.
 *
 * <p><b>Threads.</b> By default callbacks run on the kit's own listener thread, one at a time and in the
 * order things happened, never on the thread that called {@code handle}: a slow listener never slows the
 * reply a person waits for. If listeners fall 10,000 callbacks behind, further ones are dropped and the
 * drops logged. {@link IncidentKit.Builder#listenerExecutor} changes where they run ({@code Runnable::run}:
 * on the kit's threads, synchronously, as tests that read a meter right after a command want). A listener
 * that throws never fails a command, a delivery or a reminder: the kit catches what it throws, logs the
 * first failure of each listener with its stack trace and later ones at debug, and goes on.
 * Implementations must be thread-safe when given an executor that runs callbacks concurrently.
 *
 * <p>Callbacks tell what this kit did. With several replicas on one store, each replica's listeners
 * see only that replica's work.
 *
 * @since 0.1
 */
public interface IncidentKitListener {

    /** How a command ended, as the person who sent it saw it. */
    enum CommandOutcome {
        /** It did what was asked: events were appended, or a question (help, timeline, on-call) was answered. */
        ACCEPTED,
        /**
         * The access policy refused it: this person may not do that here (recorded on the timeline as
         * {@code access_refused}), or it named another incident than the channel's.
         */
        REFUSED,
        /**
         * It was not applied for any other reason the sender can fix: unparsable text, no such incident, a
         * rule of the incident's lifecycle ({@code Decision.Rejected}), an unknown component or template,
         * or an incident changing too fast to apply it.
         */
        REJECTED,
        /** The kit threw: something on its side failed, such as an unreachable store. */
        FAILED;

        /**
         * Returns the lower-case name, e.g. {@code accepted}, as used in metric tags.
         *
         * @return the name
         */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How one delivery attempt of an effect ended. */
    enum DeliveryOutcome {
        /** The vendor took it. */
        DELIVERED,
        /** It failed and will be tried again after a backoff. */
        RETRIED,
        /** It failed for good (retries ran out, or the failure cannot be retried): parked until someone types {@code retry}. */
        PARKED;

        /**
         * Returns the lower-case name, e.g. {@code delivered}, as used in metric tags.
         *
         * @return the name
         */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state of a port's circuit breaker. */
    enum BreakerState {
        /** Calls go through. */
        CLOSED,
        /** Too many calls failed: deliveries through the port wait without spending attempts. */
        OPEN,
        /** After a wait, a few trial calls go through to see whether the vendor is back. */
        HALF_OPEN;

        /**
         * Returns the lower-case name, e.g. {@code half_open}, as used in metric tags.
         *
         * @return the name
         */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A command was handled and its reply is about to go back: called once per {@code handle} call,
     * including for text that did not parse.
     *
     * @param command the command's name ({@link #commandName(Command)}), e.g. {@code declare}, or
     *     {@code unparsed} for text that is no command
     * @param outcome how it ended
     */
    default void commandHandled(String command, CommandOutcome outcome) {}

    /**
     * This kit appended events to an incident's timeline: from a command, a delivery's outcome (a channel
     * bound, a page sent), or reminders that fell due. Called after the append succeeded, once per append.
     *
     * @param incident the incident after the events (its {@link Incident#declaredAt()}, severity and drill
     *     flag let a listener measure time to acknowledge or resolve)
     * @param events the events appended, in order; never empty
     */
    default void eventsAppended(Incident incident, List<IncidentEvent> events) {}

    /**
     * An attempt to deliver an effect through a port ended.
     *
     * @param port the port it went through
     * @param outcome how the attempt ended
     * @param took how long the vendor call took, by the kit's clock
     */
    default void deliveryAttempted(Effect.Port port, DeliveryOutcome outcome, Duration took) {}

    /**
     * A reminder fell due and was recorded (it goes to people with the effects appended with it).
     *
     * @param policy the name of the policy that made it, e.g. {@code status-update}
     */
    default void reminderFired(String policy) {}

    /**
     * A port's circuit breaker changed state. Every breaker starts {@link BreakerState#CLOSED}.
     *
     * @param port the port
     * @param state its new state
     */
    default void circuitBreakerChanged(Effect.Port port, BreakerState state) {}

    /**
     * Returns a command's name: its type in lower case with words joined by {@code -}, e.g.
     * {@code declare}, {@code add-note}, {@code change-status}. There are as many names as command types.
     *
     * @param command the command
     * @return its name
     */
    static String commandName(Command command) {
        String simple = command.getClass().getSimpleName();
        StringBuilder name = new StringBuilder(simple.length() + 4);
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                name.append('-');
            }
            name.append(Character.toLowerCase(c));
        }
        return name.toString();
    }
}
