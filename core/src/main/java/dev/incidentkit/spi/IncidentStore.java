package dev.incidentkit.spi;

import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import java.time.Instant;
import java.util.List;

/**
 * Where incidents' timelines are kept: an append-only log of events per incident, with optimistic
 * concurrency, and the outbox of side effects those events cause.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use, including by several processes
 * sharing one database where the implementation supports it.
 *
 * <p><b>Concurrency:</b> {@link #append} carries the version the caller decided on. If another append
 * got there first, it fails with {@link ConcurrencyConflictException} and changes nothing; the caller
 * reloads, decides again on the fresh state, and retries. Nothing is ever overwritten.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.IncidentStoreContract</a>
 * @since 0.1
 */
public interface IncidentStore {

    /**
     * Allocates a new incident id, never handed out before by this store (even if never used).
     *
     * @return the id, e.g. {@code INC-42}
     */
    IncidentId nextId();

    /**
     * Appends events that cause no side effect, atomically: all of them or none.
     *
     * @param id the incident
     * @param expectedVersion the version the caller decided on: the number of events it saw, 0 for a new
     *     incident
     * @param events the new events; their {@code seq} run from {@code expectedVersion + 1} without gaps
     * @throws ConcurrencyConflictException if the incident's version is no longer {@code expectedVersion}
     * @throws IllegalArgumentException if {@code events} is empty or not numbered on from
     *     {@code expectedVersion}
     */
    default void append(IncidentId id, long expectedVersion, List<IncidentEvent> events) {
        append(id, expectedVersion, events, List.of());
    }

    /**
     * Appends events and the effects they cause, atomically: all of them or none (the outbox).
     *
     * @param id the incident
     * @param expectedVersion the version the caller decided on
     * @param events the new events, numbered on from {@code expectedVersion + 1}
     * @param effects the side effects to deliver, in order; pending from {@code events}' time
     * @throws ConcurrencyConflictException if the incident's version is no longer {@code expectedVersion}
     * @throws IllegalArgumentException if {@code events} is empty or misnumbered
     */
    void append(IncidentId id, long expectedVersion, List<IncidentEvent> events, List<Effect> effects);

    /**
     * Loads an incident's timeline.
     *
     * @param id the incident
     * @return its events in order, empty if there is no such incident
     */
    List<IncidentEvent> load(IncidentId id);

    /**
     * Lists the incidents that are still open: declared, and neither closed nor cancelled.
     *
     * @return their ids, oldest first
     */
    List<IncidentId> openIncidents();

    /**
     * Returns every effect waiting for delivery, due or not, in append order. Parked effects (see
     * {@link #effectFailed}) are not included.
     *
     * @return the waiting effects, oldest first
     */
    List<PendingEffect> pendingEffects();

    /**
     * Marks an effect delivered: it leaves the outbox.
     *
     * @param effectId the effect's id
     */
    void effectDelivered(long effectId);

    /**
     * Records a failed attempt that will be retried.
     *
     * @param effectId the effect's id
     * @param notBefore when to try again
     */
    void effectRetryLater(long effectId, Instant notBefore);

    /**
     * Parks an effect whose retries ran out. It stays in the store, out of the delivery queue, until
     * {@link #requeueFailedEffects} puts it back.
     *
     * @param effectId the effect's id
     */
    void effectFailed(long effectId);

    /**
     * Puts an incident's parked effects back in the queue, due at once.
     *
     * @param id the incident
     * @param now the current time
     * @return the effects requeued
     */
    List<Effect> requeueFailedEffects(IncidentId id, Instant now);
}
