package dev.incidentkit.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real time, short intervals: the limiter schedules on a real scheduler and refills by the system clock. */
final class KeyedRateLimiterTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void callsForOneKeyRunOneAtATimeInSubmissionOrderAndNoneIsDropped() {
        KeyedRateLimiter limiter = KeyedRateLimiter.of(Duration.ZERO, 1, Clock.systemUTC(), scheduler);
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<Integer> running = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            outcomes.add(limiter.submit("C1", () -> CompletableFuture.supplyAsync(() -> {
                running.add(n);
                assertThat(running).hasSize(1);
                started.add(n);
                // uneven work, so a later call would overtake an earlier one without the queue
                long spin = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextInt(2000));
                while (System.nanoTime() < spin) {
                    Thread.onSpinWait();
                }
                running.remove((Integer) n);
                return n;
            }, workers)));
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
        assertThat(started).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(limiter.queued("C1")).isZero();
    }

    @Test
    void aFailedCallDoesNotStallItsKey() {
        KeyedRateLimiter limiter = KeyedRateLimiter.of(Duration.ZERO, 1, Clock.systemUTC(), scheduler);
        CompletableFuture<Integer> failed = limiter.submit("C1", () -> CompletableFuture.failedFuture(new IllegalStateException("x")));
        CompletableFuture<Integer> next = limiter.submit("C1", () -> CompletableFuture.completedFuture(2));
        assertThat(next.join()).isEqualTo(2);
        assertThat(failed).isCompletedExceptionally();
    }

    @Test
    void callsArePacedPerKeyAfterTheBurst() {
        Duration interval = Duration.ofMillis(40);
        KeyedRateLimiter limiter = KeyedRateLimiter.of(interval, 2, Clock.systemUTC(), scheduler);
        List<Long> startsA = Collections.synchronizedList(new ArrayList<>());
        List<Long> startsB = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(limiter.submit("A", () -> { startsA.add(System.nanoTime()); return CompletableFuture.completedFuture(null); }));
            all.add(limiter.submit("B", () -> { startsB.add(System.nanoTime()); return CompletableFuture.completedFuture(null); }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        for (List<Long> starts : List.of(startsA, startsB)) {
            // two at once (the burst), then one per interval: the 6th start is at least 4 intervals after the 1st
            assertThat(Duration.ofNanos(starts.get(5) - starts.get(0)))
                    .isGreaterThanOrEqualTo(interval.multipliedBy(4).minusMillis(2));
        }
        // keys do not wait for each other: B's last start is not 6 intervals after A's last
        assertThat(Duration.ofNanos(Math.abs(startsB.get(5) - startsA.get(5)))).isLessThan(interval.multipliedBy(2));
    }
}
