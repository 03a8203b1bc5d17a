package dev.incidentkit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Thread-safe: copies made with
 * {@link #withZone} share the same instant, so a test can hand one to the code under test and move it
 * from the test thread.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
 * clock.advance(Duration.ofMinutes(15));
 * }</pre>
 *
 * @since 0.1
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock at {@code instant}, in UTC.
     *
     * @param instant the starting instant
     * @return the clock
     */
    public static TestClock at(Instant instant) {
        return new TestClock(new AtomicReference<>(requireNonNull(instant, "instant")), ZoneOffset.UTC);
    }

    /**
     * A clock at an ISO-8601 instant, in UTC.
     *
     * @param instant e.g. {@code "2026-11-24T14:00:00Z"}
     * @return the clock
     */
    public static TestClock at(String instant) {
        return at(Instant.parse(instant));
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; zero or more
     * @return the new instant
     * @throws IllegalArgumentException if {@code duration} is negative: time does not run backwards here
     */
    public Instant advance(Duration duration) {
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward; got " + duration);
        }
        return now.updateAndGet(i -> i.plus(duration));
    }

    /**
     * Sets the clock to an instant, forward or back.
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public TestClock withZone(ZoneId zone) {
        return new TestClock(now, requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + ", " + zone + "]";
    }
}
