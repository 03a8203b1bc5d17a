package dev.incidentkit.jdbc;

import dev.incidentkit.IncidentKitException;

/**
 * The database failed or refused an operation of {@link JdbcIncidentStore}: it could not be reached, its
 * schema is missing or newer than this release, or a statement failed. The cause is the driver's
 * {@link java.sql.SQLException}, when there is one. A stale append is never this exception but
 * {@link dev.incidentkit.spi.ConcurrencyConflictException}.
 *
 * @since 0.1
 */
public final class JdbcStoreException extends IncidentKitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do about it
     * @param cause the driver's exception
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do about it
     */
    public JdbcStoreException(String message) {
        super(message);
    }
}
