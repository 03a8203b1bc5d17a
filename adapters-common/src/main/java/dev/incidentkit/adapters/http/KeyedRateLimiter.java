package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Paces calls per key, for vendors that limit per something: Slack allows about one message per second
 * per channel, with short bursts. Each key has a token bucket holding up to {@code burst} permits that
 * refills one permit per {@code interval}.
 *
 * <p>Calls for one key run one at a time, in the order they were {@link #submit submitted}: a call starts
 * only after the previous one for its key has finished (retries included) and a permit is free. Nothing
 * is dropped; a call waits in its key's queue. Keys do not wait for each other. Waiting is scheduled on
 * the given scheduler, so no thread sleeps.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class KeyedRateLimiter {
    private final Duration interval;
    private final int burst;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Lane> lanes = new HashMap<>();

    private KeyedRateLimiter(Duration interval, int burst, Clock clock, ScheduledExecutorService scheduler) {
        this.interval = interval;
        this.burst = burst;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Creates a limiter.
     *
     * @param interval how often a key earns a permit, e.g. one second
     * @param burst how many permits a key can save up, at least 1
     * @param clock the clock the buckets refill by
     * @param scheduler where waiting calls are started; owned by the caller
     * @return the limiter
     * @throws IllegalArgumentException if {@code interval} is negative or {@code burst} below 1
     */
    public static KeyedRateLimiter of(Duration interval, int burst, Clock clock, ScheduledExecutorService scheduler) {
        requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval is not negative; got " + interval);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst is at least 1; got " + burst);
        }
        return new KeyedRateLimiter(interval, burst, requireNonNull(clock, "clock"),
                requireNonNull(scheduler, "scheduler"));
    }

    /**
     * Queues a call for a key. The call starts when every earlier call for the key has finished and the
     * key has a permit.
     *
     * @param key what the vendor limits on, e.g. a channel id
     * @param call starts the work and returns its outcome
     * @param <T> the outcome's type
     * @return the call's outcome, completed as the call's stage completes
     */
    public <T> CompletableFuture<T> submit(String key, Supplier<? extends CompletionStage<T>> call) {
        requireNonNull(key, "key");
        requireNonNull(call, "call");
        CompletableFuture<T> outcome = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        Lane lane;
        synchronized (lanes) {
            lane = lanes.computeIfAbsent(key, k -> new Lane(clock.instant()));
            previous = lane.tail;
            lane.tail = outcome.handle((v, e) -> null);
            lane.queued++;
        }
        previous.whenComplete((v, e) -> {
            long waitNanos = lane.take();
            Runnable start = () -> start(key, lane, call, outcome);
            if (waitNanos <= 0) {
                start.run();
            } else {
                scheduler.schedule(start, waitNanos, TimeUnit.NANOSECONDS);
            }
        });
        return outcome;
    }

    private <T> void start(String key, Lane lane, Supplier<? extends CompletionStage<T>> call,
                           CompletableFuture<T> outcome) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((v, e) -> {
            synchronized (lanes) {
                lane.queued--;
                if (lane.queued == 0 && lane.full(clock.instant())) {
                    lanes.remove(key, lane);
                }
            }
            if (e != null) {
                outcome.completeExceptionally(e);
            } else {
                outcome.complete(v);
            }
        });
    }

    /**
     * Returns how many calls for a key are waiting or running.
     *
     * @param key the key
     * @return the count, 0 for an idle key
     */
    public int queued(String key) {
        synchronized (lanes) {
            Lane lane = lanes.get(key);
            return lane == null ? 0 : lane.queued;
        }
    }

    @Override
    public String toString() {
        return "KeyedRateLimiter[" + burst + " per key, one more every " + interval + "]";
    }

    /** One key's queue tail and token bucket. Guarded by {@code lanes}, except take(), which locks itself. */
    private final class Lane {
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        int queued;
        private double tokens = burst;
        private Instant refilled;

        Lane(Instant now) {
            this.refilled = now;
        }

        /** Takes a permit, returning how long to wait for it in nanoseconds. */
        synchronized long take() {
            Instant now = clock.instant();
            refill(now);
            tokens -= 1.0;
            if (tokens >= 0.0 || interval.isZero()) {
                return 0L;
            }
            return (long) (-tokens * interval.toNanos());
        }

        synchronized boolean full(Instant now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(Instant now) {
            if (interval.isZero()) {
                tokens = burst;
                return;
            }
            long elapsed = Duration.between(refilled, now).toNanos();
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + (double) elapsed / interval.toNanos());
                refilled = now;
            }
        }
    }
}
