package dev.incidentkit.spring.internal;

import dev.incidentkit.IncidentKit;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the kit when the application stops, after the web server has stopped taking requests: the web
 * server's graceful shutdown stops at phase {@code Integer.MAX_VALUE - 1024} and the server itself at
 * {@code Integer.MAX_VALUE - 2048}; this stops at {@link #PHASE}, lower, hence later. Closing lets running
 * deliveries finish within the kit's short grace, and releases this replica's claims, so another replica (or
 * the next start) delivers what is pending at once. {@link IncidentKit#close()} may run again when the bean
 * is destroyed; a second close does nothing more.
 */
public final class IncidentKitLifecycle implements SmartLifecycle {
    /** Below the web server's {@code Integer.MAX_VALUE - 2048}, so the kit stops after it; above plain {@code Lifecycle} beans (phase 0). */
    public static final int PHASE = Integer.MAX_VALUE - 4096;

    private final IncidentKit kit;
    private volatile boolean running;

    /**
     * Manages one kit.
     *
     * @param kit the kit, already running (its threads start when it is built)
     */
    public IncidentKitLifecycle(IncidentKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        kit.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
