package dev.incidentkit.testkit.fakes;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every recording fake shares: the calls it received, and the faults it was told to inject.
 *
 * @since 0.1
 */
public abstract class FakePort {

    /**
     * One call a fake received.
     *
     * @param method the port method, e.g. {@code post}
     * @param args its arguments, in order
     */
    public record Call(String method, List<Object> args) {
        /** Copies the arguments. */
        public Call {
            requireNonNull(method, "method");
            args = List.copyOf(args);
        }

        /** Returns an argument. @param i its position @return the argument */
        public Object arg(int i) {
            return args.get(i);
        }
    }

    private final String name;
    private final List<Call> calls = new ArrayList<>();
    private final List<Call> attempts = new ArrayList<>();
    private final Deque<PortException> failures = new ArrayDeque<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Duration slowFor = Duration.ZERO;

    /**
     * Creates a fake.
     *
     * @param name the port's name in failures, e.g. {@code chat}
     */
    protected FakePort(String name) {
        this.name = requireNonNull(name, "name");
    }

    /** Returns the calls the vendor acted on (including those whose answer then timed out), in order. @return the calls */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Returns every call tried, including those that failed, in order. @return the attempts */
    public synchronized List<Call> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Returns the successful calls of one method.
     *
     * @param method the method name
     * @return the calls
     */
    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /**
     * Makes the next {@code times} calls fail with a retryable 503.
     *
     * @param times how many calls fail
     * @return this fake
     */
    public FakePort failNext(int times) {
        return failNext(times, PortException.Kind.UNAVAILABLE, null);
    }

    /**
     * Makes the next {@code times} calls fail with the given kind.
     *
     * @param times how many calls fail
     * @param kind the kind of failure
     * @param retryAfter the vendor's retry-after hint, or null
     * @return this fake
     */
    public synchronized FakePort failNext(int times, PortException.Kind kind, @org.jspecify.annotations.Nullable Duration retryAfter) {
        for (int i = 0; i < times; i++) {
            failures.add(failure(kind, retryAfter));
        }
        return this;
    }

    private PortException failure(PortException.Kind kind, @org.jspecify.annotations.Nullable Duration retryAfter) {
        int status = switch (kind) {
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case TIMEOUT -> 0;
        };
        return new PortException(name, kind, "", status, retryAfter, "injected by the test");
    }

    /**
     * Returns the testkit contracts' {@link dev.incidentkit.testkit.contract.VendorFaults} on this fake:
     * a refusal or a rate limit fails every call (the vendor acting on nothing) until healed, and
     * {@code actThenTimeOut} is {@link #timeoutAfterActing(int) timeoutAfterActing(1)}.
     *
     * @return the faults
     */
    public dev.incidentkit.testkit.contract.VendorFaults faults() {
        return new dev.incidentkit.testkit.contract.VendorFaults() {
            @Override
            public void refuse(PortException.Kind kind) {
                if (kind == PortException.Kind.RATE_LIMITED || kind == PortException.Kind.TIMEOUT) {
                    throw new IllegalArgumentException("refuse() takes UNAVAILABLE, UNAUTHORIZED, NOT_FOUND or INVALID; got " + kind);
                }
                refuseEveryCall(failure(kind, null));
            }

            @Override
            public void rateLimit(Duration retryAfter) {
                refuseEveryCall(failure(PortException.Kind.RATE_LIMITED, requireNonNull(retryAfter, "retryAfter")));
            }

            @Override
            public void actThenTimeOut() {
                timeoutAfterActing(1);
            }

            @Override
            public void heal() {
                refuseEveryCall(null);
            }
        };
    }

    private synchronized void refuseEveryCall(@org.jspecify.annotations.Nullable PortException failure) {
        refusal = failure;
    }

    private @org.jspecify.annotations.Nullable PortException refusal;

    /**
     * Makes every call block until {@link #release()} or until {@code duration} has passed, like a vendor
     * that hangs.
     *
     * @param duration the longest a call blocks
     * @return this fake
     */
    public FakePort slow(Duration duration) {
        slowFor = requireNonNull(duration, "duration");
        gate = new CountDownLatch(1);
        return this;
    }

    /** Lets blocked and future calls through at once. */
    public void release() {
        slowFor = Duration.ZERO;
        gate.countDown();
        answer.countDown();
    }

    /**
     * Makes the next {@code times} calls act as the vendor would (the object is created, the update
     * published) and then fail with a {@link PortException.Kind#TIMEOUT timeout}, like a vendor whose
     * answer never arrives: the caller cannot tell whether it acted.
     *
     * @param times how many calls act and then time out
     * @return this fake
     */
    public synchronized FakePort timeoutAfterActing(int times) {
        for (int i = 0; i < times; i++) {
            failures.add(AFTER_ACTING);
        }
        return this;
    }

    /**
     * Makes the next call of {@code method} act as the vendor would, then hold its answer until
     * {@link #release()} (30 s at most): an answer that arrives too late, as when a caller's lease runs out
     * while the vendor has already acted. Other calls go on meanwhile.
     *
     * @param method the port method, e.g. {@code createChannel}
     * @return a latch that opens once the vendor acted
     */
    public synchronized CountDownLatch actThenHold(String method) {
        holdMethod = requireNonNull(method, "method");
        acted = new CountDownLatch(1);
        answer = new CountDownLatch(1);
        return acted;
    }

    private @org.jspecify.annotations.Nullable String holdMethod;
    private CountDownLatch acted = new CountDownLatch(0);
    private volatile CountDownLatch answer = new CountDownLatch(0);

    /** What the vendor created, by the key left with it as a marker (message metadata, a hidden line, …). */
    private final java.util.Map<String, Object> markers = new java.util.HashMap<>();

    /**
     * Creates something as the vendor would, every time, leaving the key with it as a marker. When the key
     * says an earlier attempt {@link IdempotencyKey#mayExist() may have acted}, it first looks for that
     * marker (a call of its own, {@code lookUp}, which can fail like any other) and returns what it finds,
     * as a careful adapter does.
     *
     * @param method the port method, e.g. {@code post}
     * @param key the idempotency key
     * @param type what is created
     * @param make creates it; runs under this fake's lock
     * @param args the arguments, as recorded
     * @param <T> what is created
     * @return what was created, or found
     */
    protected <T> T create(String method, IdempotencyKey key, Class<T> type, Supplier<T> make, Object... args) {
        if (key.mayExist()) {
            java.util.Optional<T> earlier = call("lookUp", () -> java.util.Optional.ofNullable(markers.get(key.value())).map(type::cast),
                    key.value());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        return call(method, () -> {
            T made = make.get();
            markers.putIfAbsent(key.value(), made);
            return made;
        }, args);
    }

    /** A marker in the failure queue: act, then time out. */
    private static final PortException AFTER_ACTING = new PortException("fake", PortException.Kind.TIMEOUT, "", 0, null,
            "the vendor acted, but its answer never arrived");

    /**
     * Records a call that creates nothing, after any slowness and injected failure.
     *
     * @param method the method
     * @param args the arguments
     * @throws PortException if a failure was injected
     */
    protected void record(String method, Object... args) {
        call(method, () -> null, args);
    }

    /**
     * Carries out a call as the vendor would: waits while the fake is slow, fails before acting if a
     * failure was injected, acts, records the call, and fails after acting if that was injected.
     *
     * @param method the method
     * @param act what the vendor does; runs under this fake's lock
     * @param args the arguments, as recorded
     * @param <T> the result
     * @return what {@code act} returned
     * @throws PortException if a failure was injected
     */
    protected <T> T call(String method, Supplier<T> act, Object... args) {
        if (!slowFor.isZero()) {
            try {
                gate.await(slowFor.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortException(name, PortException.Kind.TIMEOUT, "", 0, null, "interrupted");
            }
        }
        T result;
        CountDownLatch hold = null;
        synchronized (this) {
            Call call = new Call(method, List.of(args));
            attempts.add(call);
            if (refusal != null) {
                throw failure(refusal.kind(), refusal.retryAfter().orElse(null));
            }
            PortException failure = failures.poll();
            if (failure != null && failure != AFTER_ACTING) {
                throw failure;
            }
            result = act.get();
            calls.add(call);
            if (failure == AFTER_ACTING) {
                throw new PortException(name, PortException.Kind.TIMEOUT, "", 0, null, "the answer never arrived (injected by the test)");
            }
            if (method.equals(holdMethod)) {
                holdMethod = null;
                hold = answer;
                acted.countDown();
            }
        }
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS); // outside the lock: the vendor answers others meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }

    /**
     * Returns whether any successful call matches.
     *
     * @param test the condition
     * @return true if one matches
     */
    public synchronized boolean anyCall(Predicate<Call> test) {
        return calls.stream().anyMatch(test);
    }
}
