package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.IncidentKitException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A port could not do what it was asked: the typed outcome of a vendor error, a timeout or a rate
 * limit. The outbox decides from {@link #kind()} and {@link #retryAfter()} whether to retry or to give up
 * and tell the IMOC, never from the message text.
 *
 * <p>Messages name the operation and the vendor's error code, never a token or a request body.
 *
 * @since 0.1
 */
public final class PortException extends IncidentKitException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure it was, which decides whether a retry can help. */
    public enum Kind {
        /** The vendor asked us to slow down; retry after {@link #retryAfter()}. Retryable. */
        RATE_LIMITED(true),
        /** The vendor is down or answered 5xx. Retryable. */
        UNAVAILABLE(true),
        /** No answer in time; the outcome is unknown, so the retry must be idempotent. Retryable. */
        TIMEOUT(true),
        /** The credentials are missing, wrong or lack a scope. Not retryable: a person must fix the configuration. */
        UNAUTHORIZED(false),
        /** The target (channel, incident, issue) does not exist or is not visible. Not retryable. */
        NOT_FOUND(false),
        /** The vendor refused the request as invalid. Not retryable. */
        INVALID(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Returns whether retrying can help. @return true if retryable */
        public boolean retryable() {
            return retryable;
        }
    }

    private final String port;
    private final Kind kind;
    private final String vendorCode;
    private final int httpStatus;
    private final @Nullable Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param port the port and operation, e.g. {@code "slack chat.postMessage"}
     * @param kind what kind of failure
     * @param vendorCode the vendor's own error code, e.g. {@code channel_not_found}; empty if none
     * @param httpStatus the HTTP status, 0 if there was no response
     * @param retryAfter how long the vendor asked us to wait, or null
     * @param message what went wrong and what to do, without secrets
     */
    public PortException(String port, Kind kind, String vendorCode, int httpStatus, @Nullable Duration retryAfter,
                         String message) {
        super(requireNonNull(port, "port") + " failed (" + requireNonNull(kind, "kind").name().toLowerCase(java.util.Locale.ROOT)
                + (requireNonNull(vendorCode, "vendorCode").isEmpty() ? "" : ", " + vendorCode)
                + (httpStatus == 0 ? "" : ", HTTP " + httpStatus) + "): " + requireNonNull(message, "message"));
        this.port = requireNonNull(port, "port");
        this.kind = requireNonNull(kind, "kind");
        this.vendorCode = requireNonNull(vendorCode, "vendorCode");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** Returns the port and operation. @return e.g. {@code slack chat.postMessage} */
    public String port() {
        return port;
    }

    /** Returns the kind of failure. @return the kind */
    public Kind kind() {
        return kind;
    }

    /** Returns whether retrying can help. @return true if retryable */
    public boolean retryable() {
        return kind.retryable();
    }

    /** Returns the vendor's error code. @return the code, empty if none */
    public String vendorCode() {
        return vendorCode;
    }

    /** Returns the HTTP status. @return the status, 0 if there was no response */
    public int httpStatus() {
        return httpStatus;
    }

    /** Returns how long the vendor asked us to wait before retrying. @return the wait, if the vendor said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
