package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@link JsonHttpClient} retries: a rate limit waits exactly as long as the vendor's
 * {@code Retry-After} says; a 5xx, a timeout or a refused connection waits an exponentially growing,
 * jittered backoff. The waits are computed by Resilience4j's {@code RetryConfig.intervalBiFunction} and
 * scheduled on the client's scheduler, so no thread sleeps.
 *
 * <p>A {@code Retry-After} longer than {@link #maxRetryAfter()} is not waited out in the call: the call
 * fails with {@link dev.incidentkit.spi.PortException.Kind#RATE_LIMITED} and its
 * {@link dev.incidentkit.spi.PortException#retryAfter() retryAfter}, so the outbox can come back later.
 *
 * @param maxAttempts attempts in all, including the first; 1 means no retry
 * @param initialBackoff the wait before the first retry of a 5xx or timeout
 * @param multiplier how much each further backoff grows, at least 1
 * @param maxBackoff the longest backoff
 * @param jitter the share of each backoff taken off at random, 0 (none) to 1; spreads retries of many
 *     clients apart
 * @param maxRetryAfter the longest {@code Retry-After} waited out inside a call
 * @since 0.1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          double jitter, Duration maxRetryAfter) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the rule and the value when one is out of range
     */
    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff");
        requireNonNull(maxBackoff, "maxBackoff");
        requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1; got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("0 <= initialBackoff <= maxBackoff; got " + initialBackoff
                    + " and " + maxBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier is at least 1; got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter is between 0 and 1; got " + jitter);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter is not negative; got " + maxRetryAfter);
        }
    }

    /**
     * Four attempts; backoff 500 ms doubling up to 30 s with 50 % jitter; waits out a
     * {@code Retry-After} of up to 60 s.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), 0.5, Duration.ofSeconds(60));
    }

    /**
     * One attempt, no retry: every failure goes straight to the caller.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0, Duration.ZERO);
    }

    /**
     * Returns a copy with another number of attempts.
     *
     * @param attempts attempts in all, at least 1
     * @return the copy
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, multiplier, maxBackoff, jitter, maxRetryAfter);
    }

    /**
     * Returns a copy with another backoff (tests use a few milliseconds).
     *
     * @param initial the first backoff
     * @param max the longest backoff
     * @return the copy
     */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter, maxRetryAfter);
    }

    /**
     * Returns a copy with another longest {@code Retry-After} waited out inside a call.
     *
     * @param max the longest wait
     * @return the copy
     */
    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, max);
    }

    /**
     * Returns the backoff before retry number {@code retry} (1 for the first), before jitter.
     *
     * @param retry the retry's number, from 1
     * @return the backoff, at most {@link #maxBackoff()}
     */
    public Duration backoff(int retry) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
