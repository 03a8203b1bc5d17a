package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.ExecutorScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a task at an instant: how the {@link ReminderScheduler} wakes up when the next reminder is due.
 * Inject your own to run on your framework's scheduler; tests use the testkit's {@code ManualScheduler},
 * which runs tasks when the test moves its clock.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. A task whose instant has passed
 * runs as soon as possible. Tasks must not be run twice; a cancelled task must not start.
 *
 * @since 0.1
 */
public interface Scheduler extends AutoCloseable {

    /**
     * Schedules {@code task} to run once at {@code at}.
     *
     * @param at when to run it, by the scheduler's clock
     * @param task what to run
     * @return a handle to cancel it
     */
    Scheduled schedule(Instant at, Runnable task);

    /** Stops what this scheduler started, if anything; by default nothing. */
    @Override
    default void close() {}

    /**
     * A scheduled task.
     *
     * @since 0.1
     */
    interface Scheduled {
        /** Cancels the task if it has not started; does nothing otherwise. */
        void cancel();
    }

    /**
     * A scheduler on an executor the caller owns (and shuts down); delays are measured with {@code clock}
     * when a task is scheduled.
     *
     * @param executor the executor
     * @param clock the clock the instants refer to
     * @return the scheduler; its {@link #close()} does nothing
     */
    static Scheduler onExecutor(ScheduledExecutorService executor, Clock clock) {
        return new ExecutorScheduler(requireNonNull(executor, "executor"), requireNonNull(clock, "clock"), false);
    }

    /**
     * A scheduler on one daemon thread of its own, named {@code incidentkit-reminders}; {@link #close()}
     * stops the thread.
     *
     * @param clock the clock the instants refer to
     * @return the scheduler
     */
    static Scheduler singleThread(Clock clock) {
        return ExecutorScheduler.singleThread(requireNonNull(clock, "clock"));
    }
}
