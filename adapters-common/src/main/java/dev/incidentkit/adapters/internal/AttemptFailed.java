package dev.incidentkit.adapters.internal;

import dev.incidentkit.spi.PortException;

/**
 * One failed attempt, carried between an attempt and the retry decision: the typed failure, and whether
 * the vendor may have acted on the request (a timeout or a 5xx) or surely did not (a rate limit, a refused
 * connection). Never leaves the client; callers see the {@link PortException}.
 */
public final class AttemptFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PortException failure;
    private final boolean maybeApplied;

    /** Wraps a failure. */
    public AttemptFailed(PortException failure, boolean maybeApplied) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.maybeApplied = maybeApplied;
    }

    /** Returns the typed failure. */
    public PortException failure() {
        return failure;
    }

    /** Returns whether the vendor may have acted on the request. */
    public boolean maybeApplied() {
        return maybeApplied;
    }
}
