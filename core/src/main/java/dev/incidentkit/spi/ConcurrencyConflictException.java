package dev.incidentkit.spi;

import dev.incidentkit.IncidentKitException;
import dev.incidentkit.incident.IncidentId;

/**
 * An append was decided on a version of an incident that is no longer current: someone else appended
 * first. Reload, decide again, and retry; nothing was written.
 *
 * @since 0.1
 */
public final class ConcurrencyConflictException extends IncidentKitException {
    private static final long serialVersionUID = 1L;

    private final IncidentId incident;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * Creates the exception.
     *
     * @param incident the incident
     * @param expectedVersion the version the append expected
     * @param actualVersion the version the store holds
     */
    public ConcurrencyConflictException(IncidentId incident, long expectedVersion, long actualVersion) {
        super(java.util.Objects.requireNonNull(incident, "incident") + " is at version " + actualVersion + ", not " + expectedVersion
                + ": someone else changed it first; reload it, decide again and retry");
        this.incident = incident;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * Returns the incident.
     *
     * @return the id
     */
    public IncidentId incident() {
        return incident;
    }

    /**
     * Returns the version the append expected.
     *
     * @return the expected version
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * Returns the version the store holds.
     *
     * @return the actual version
     */
    public long actualVersion() {
        return actualVersion;
    }
}
