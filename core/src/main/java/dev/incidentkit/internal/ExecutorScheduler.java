package dev.incidentkit.internal;

import dev.incidentkit.reminder.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on a {@link ScheduledExecutorService}. */
public final class ExecutorScheduler implements Scheduler {
    private static final Duration MAX_DELAY = Duration.ofDays(30);

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final boolean owned;

    public ExecutorScheduler(ScheduledExecutorService executor, Clock clock, boolean owned) {
        this.executor = executor;
        this.clock = clock;
        this.owned = owned;
    }

    /** A scheduler with one daemon thread named {@code incidentkit-reminders}, which {@link #close()} stops. */
    public static ExecutorScheduler singleThread(Clock clock) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "incidentkit-reminders");
            t.setDaemon(true);
            return t;
        });
        return new ExecutorScheduler(executor, clock, true);
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        Duration d = Duration.between(clock.instant(), at);
        // a task far in the future runs early, at the cap; callers re-check what is due when woken
        long delay = d.isNegative() ? 0 : d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY.toMillis() : d.toMillis();
        ScheduledFuture<?> future = executor.schedule(task, delay, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        if (owned) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "ExecutorScheduler[" + clock + (owned ? ", own thread" : "") + "]";
    }
}
