package dev.incidentkit.internal;

import dev.incidentkit.IncidentKitListener;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.spi.Effect;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kit's listeners as one: each callback is handed to the listeners' executor, which calls every
 * listener in turn, so that a slow listener never slows a command, a delivery or a reminder; and whatever a
 * listener throws is caught, so that a broken one never fails them either. The first failure of each
 * listener is logged with its stack trace, later ones at debug. A callback the executor refuses (its queue
 * is full: the listeners are far behind) is dropped and counted, never waited for. Thread-safe.
 */
public final class Listeners implements IncidentKitListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final List<IncidentKitListener> all;
    /** Listeners whose failure was logged already (by identity: a listener's equals is its own business). */
    private final Set<IncidentKitListener> failedBefore = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private final Executor executor;
    private final AtomicLong dropped = new AtomicLong();

    public Listeners(List<IncidentKitListener> all, Executor executor) {
        this.all = List.copyOf(all);
        this.executor = executor;
    }

    /** Returns how many callbacks were dropped because the listeners' executor refused them. @return the count */
    public long dropped() {
        return dropped.get();
    }

    private void each(String callback, Consumer<IncidentKitListener> call) {
        if (all.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> callEach(callback, call));
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // the 1st, 2nd, 4th, 8th … drop: said, without a line per drop
                LOG.warn("incidentkit listeners are behind: {} callback(s) dropped so far rather than slow the kit", n);
            }
        }
    }

    private void callEach(String callback, Consumer<IncidentKitListener> call) {
        for (IncidentKitListener l : all) {
            try {
                call.accept(l);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                if (failedBefore.add(l)) {
                    LOG.warn("incidentkit listener {} threw from {}; ignored, and so will its later failures be (logged at debug)",
                            l.getClass().getName(), callback, e);
                } else {
                    LOG.debug("incidentkit listener {} threw from {} again: {}", l.getClass().getName(), callback, e.toString());
                }
            }
        }
    }

    @Override
    public void commandHandled(String command, CommandOutcome outcome) {
        each("commandHandled", l -> l.commandHandled(command, outcome));
    }

    @Override
    public void eventsAppended(Incident incident, List<IncidentEvent> events) {
        if (!all.isEmpty() && !events.isEmpty()) {
            List<IncidentEvent> appended = List.copyOf(events);
            each("eventsAppended", l -> l.eventsAppended(incident, appended));
        }
    }

    @Override
    public void deliveryAttempted(Effect.Port port, DeliveryOutcome outcome, Duration took) {
        Duration t = took.isNegative() ? Duration.ZERO : took; // a clock set back mid-call
        each("deliveryAttempted", l -> l.deliveryAttempted(port, outcome, t));
    }

    @Override
    public void reminderFired(String policy) {
        each("reminderFired", l -> l.reminderFired(policy));
    }

    @Override
    public void circuitBreakerChanged(Effect.Port port, BreakerState state) {
        each("circuitBreakerChanged", l -> l.circuitBreakerChanged(port, state));
    }
}
