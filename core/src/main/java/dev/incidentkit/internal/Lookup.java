package dev.incidentkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer a vendor gives (who is on call, who a person is), kept so that the request path never waits
 * for the vendor: a read returns the last known good answer at once, and when that is older than
 * {@code maxAge} (or there is none yet) it asks the vendor again on the lookup executor, in the
 * background. If the vendor fails or hangs, the last known good answer keeps serving, and
 * {@link #describe} says how old it is and why it could not be renewed.
 *
 * @param <T> the answer
 */
public final class Lookup<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Lookup.class);

    /** An answer and when it was fetched. */
    private record Answer<T>(T value, Instant at) {}

    private final String what;
    private final Supplier<T> fetch;
    private final Clock clock;
    private final Executor executor;
    private final Duration maxAge;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile @Nullable Answer<T> last;
    private volatile @Nullable String lastError;

    /**
     * Creates a lookup.
     *
     * @param what what it looks up, for people: e.g. {@code the on-call lookup}
     * @param fetch asks the vendor; may be slow, may throw
     * @param clock the kit's clock
     * @param executor where fetches run; a direct executor fetches on the reading thread
     * @param maxAge how old an answer may be before it is fetched again
     */
    public Lookup(String what, Supplier<T> fetch, Clock clock, Executor executor, Duration maxAge) {
        this.what = what;
        this.fetch = fetch;
        this.clock = clock;
        this.executor = executor;
        this.maxAge = maxAge;
    }

    /**
     * Returns the last known good answer at once, fetching a fresh one in the background if it is stale.
     *
     * @return the answer, or empty if none was ever fetched
     */
    public Optional<T> get() {
        Answer<T> answer = last;
        if (answer == null || Duration.between(answer.at(), clock.instant()).compareTo(maxAge) >= 0) {
            refresh();
            answer = last; // a direct executor has fetched it already
        }
        return answer == null ? Optional.empty() : Optional.of(answer.value());
    }

    /** Fetches a fresh answer on the executor, unless a fetch is under way. */
    public void refresh() {
        if (!fetching.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::fetchNow);
        } catch (RejectedExecutionException e) {
            fetching.set(false);
        }
    }

    private void fetchNow() {
        try {
            last = new Answer<>(fetch.get(), clock.instant());
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("{} failed; the last known answer keeps serving: {}", what, lastError);
        } finally {
            fetching.set(false);
        }
    }

    /**
     * Says how fresh the answer is, for people: {@code fresh (2m ago)}, or why it is not.
     *
     * @return e.g. {@code 5m old: the on-call lookup failed (PagerDuty unavailable)}
     */
    public String describe() {
        Answer<T> answer = last;
        String error = lastError;
        String age = answer == null ? "never fetched" : Durations.format(Duration.between(answer.at(), clock.instant())
                .withNanos(0)) + " old";
        if (answer != null && answer.at().equals(clock.instant())) {
            age = "just fetched";
        }
        return error == null ? age : age + "; " + what + " failed: " + error;
    }

    /**
     * Returns why the last fetch failed.
     *
     * @return the failure, or empty if the last fetch worked (or none has ended yet)
     */
    public Optional<String> failure() {
        return Optional.ofNullable(lastError);
    }
}
