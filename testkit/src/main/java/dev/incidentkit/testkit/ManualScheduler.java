package dev.incidentkit.testkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.reminder.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A deterministic {@link Scheduler} for tests: tasks run on the test's thread, only when the test calls
 * {@link #runDue()} or moves the clock with {@link #advance(Duration)}, in order of their instants.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
 * ManualScheduler scheduler = new ManualScheduler(clock);
 * ReminderScheduler reminders = ReminderScheduler.builder().store(store).engine(engine)
 *         .clock(clock).scheduler(scheduler).build().start();
 * scheduler.advance(Duration.ofMinutes(30));   // runs what fell due, as the clock passes it
 * }</pre>
 *
 * <p>Thread-safe; tasks run outside its lock, so a task may schedule more.
 *
 * @since 0.1
 */
public final class ManualScheduler implements Scheduler {
    private final TestClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.order));
    private long scheduled;

    /**
     * Creates a scheduler driven by {@code clock}.
     *
     * @param clock the clock whose instant decides what is due
     */
    public ManualScheduler(TestClock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    private static final class Task implements Scheduled {
        final Instant at;
        final long order;
        final Runnable run;
        volatile boolean cancelled;

        Task(Instant at, long order, Runnable run) {
            this.at = at;
            this.order = order;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Scheduled schedule(Instant at, Runnable task) {
        Task t = new Task(requireNonNull(at, "at"), scheduled++, requireNonNull(task, "task"));
        queue.add(t);
        return t;
    }

    /**
     * Runs every task due at the clock's instant, including tasks they schedule that are due too.
     *
     * @return how many tasks ran
     */
    public int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(clock.instant())) {
                    return ran;
                }
                queue.poll();
            }
            if (!next.cancelled) {
                next.run.run();
                ran++;
            }
        }
    }

    /**
     * Moves the clock forward in steps, stopping at each task's instant on the way to run it, so tasks
     * see the clock at their own instant; then runs what is due at the end.
     *
     * @param duration how far; zero or more
     * @return how many tasks ran
     */
    public int advance(Duration duration) {
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got " + duration);
        }
        Instant end = clock.instant().plus(duration);
        int ran = 0;
        while (true) {
            Optional<Instant> next = nextAt();
            if (next.isEmpty() || next.get().isAfter(end)) {
                break;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            ran += runDue();
        }
        clock.set(end);
        return ran + runDue();
    }

    /**
     * Moves the clock forward in one jump, without stopping on the way, then runs what is due: a laptop
     * waking from sleep, or a process that was paused.
     *
     * @param duration how far; zero or more
     * @return how many tasks ran
     */
    public int jump(Duration duration) {
        clock.advance(duration);
        return runDue();
    }

    /**
     * Returns the instant of the next task that is not cancelled.
     *
     * @return the instant, or empty if none is scheduled
     */
    public synchronized Optional<Instant> nextAt() {
        queue.removeIf(t -> t.cancelled);
        Task t = queue.peek();
        return t == null ? Optional.empty() : Optional.of(t.at);
    }

    /**
     * Returns the instants of the tasks not yet run nor cancelled, in order.
     *
     * @return the instants
     */
    public synchronized List<Instant> pending() {
        List<Instant> out = new ArrayList<>();
        queue.stream().filter(t -> !t.cancelled).map(t -> t.at).sorted().forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return "ManualScheduler[" + clock + ", " + pending().size() + " pending]";
    }
}
