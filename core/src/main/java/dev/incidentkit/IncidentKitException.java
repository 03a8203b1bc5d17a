package dev.incidentkit;

/**
 * The unchecked root of every exception incidentkit throws on purpose.
 *
 * <p>People's mistakes (bad chat text, a command that is not allowed now) are never exceptions: they
 * are values such as {@link dev.incidentkit.command.ParseResult.Unparsed} and
 * {@link dev.incidentkit.incident.Decision.Rejected}. Exceptions are for programmer mistakes and for
 * conditions a caller handles in code, such as {@link dev.incidentkit.spi.ConcurrencyConflictException}.
 *
 * @since 0.1
 */
public abstract class IncidentKitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what went wrong and what to do about it.
     *
     * @param message what went wrong, never containing a secret
     */
    protected IncidentKitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause.
     *
     * @param message what went wrong, never containing a secret
     * @param cause the underlying failure
     */
    protected IncidentKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
