package dev.incidentkit.testkit.contract;

import dev.incidentkit.spi.PortException;
import java.time.Duration;

/**
 * How a port contract makes the vendor behind your implementation misbehave. You implement it once per
 * contract test, by mapping each method onto your fake vendor (for an HTTP adapter, its fake server): the
 * contract then checks that your implementation turns each misbehaviour into the right
 * {@link PortException} and loses nothing.
 *
 * <p>{@link #refuse} and {@link #rateLimit} hold for <em>every</em> call until {@link #heal()}, so an
 * implementation that retries on its own still ends with the failure; give it a short backoff in tests.
 * Faults are set from the test's thread before the call they concern; implementations need not be
 * thread-safe beyond that.
 *
 * <pre>{@code
 * protected VendorFaults faults() {
 *     return new VendorFaults() {
 *         public void refuse(PortException.Kind kind) { fakeVendor.refuseAll(answerFor(kind)); }
 *         public void rateLimit(Duration retryAfter) { fakeVendor.refuseAll(tooManyRequests(retryAfter)); }
 *         public void actThenTimeOut() { fakeVendor.answerNextWriteLate(Duration.ofMinutes(1)); }
 *         public void heal() { fakeVendor.acceptAll(); }
 *     };
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface VendorFaults {

    /**
     * From now on, the vendor refuses every call the way it says a failure of this kind: for most HTTP
     * vendors 503 for {@link PortException.Kind#UNAVAILABLE UNAVAILABLE}, 401 or 403 for
     * {@link PortException.Kind#UNAUTHORIZED UNAUTHORIZED}, 404 for {@link PortException.Kind#NOT_FOUND
     * NOT_FOUND}, 400 or 422 for {@link PortException.Kind#INVALID INVALID}; for a vendor that answers
     * errors in the body (Slack's {@code "ok": false}), its own error code for that kind (Slack:
     * {@code internal_error}, {@code invalid_auth}, {@code channel_not_found}, {@code invalid_arguments}).
     * The vendor acts on nothing while refusing.
     *
     * @param kind one of {@code UNAVAILABLE}, {@code UNAUTHORIZED}, {@code NOT_FOUND}, {@code INVALID}
     *     (rate limits and timeouts have their own methods)
     */
    void refuse(PortException.Kind kind);

    /**
     * From now on, the vendor refuses every call with its rate-limit answer (HTTP 429) and asks to wait
     * {@code retryAfter} (HTTP {@code Retry-After}), acting on nothing. The contracts ask for minutes, longer
     * than an implementation should wait inside a call, so the call should fail with
     * {@link PortException.Kind#RATE_LIMITED RATE_LIMITED} and that wait.
     *
     * @param retryAfter how long the vendor asks to wait, in whole seconds
     */
    void rateLimit(Duration retryAfter);

    /**
     * Makes the next call that creates something at the vendor (a channel, a message, a page, a status
     * page incident or update, an issue; for an HTTP vendor usually the next request that is not a {@code GET}) act,
     * and hold its answer until your implementation has given up waiting: the call fails with
     * {@link PortException.Kind#TIMEOUT TIMEOUT} although the vendor acted. Build your implementation with
     * a request timeout short enough for a test (a few seconds), and hold the answer far longer (a minute, say).
     */
    void actThenTimeOut();

    /** Ends {@link #refuse} and {@link #rateLimit}: the vendor answers normally again. */
    void heal();
}
