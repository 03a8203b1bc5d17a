package dev.incidentkit.spi;

import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where incidents' timelines are kept: an append-only log of events per incident, with optimistic
 * concurrency, and the outbox of side effects those events cause.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use, including by several processes
 * sharing one database where the implementation supports it.
 *
 * <p>It also remembers accepted inbound deliveries ({@link DeliveryLog}), so replays are recognised by
 * every replica sharing it.
 *
 * <p><b>Concurrency:</b> {@link #append} carries the version the caller decided on. If another append
 * got there first, it fails with {@link ConcurrencyConflictException} and changes nothing; the caller
 * reloads, decides again on the fresh state, and retries. Nothing is ever overwritten.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.IncidentStoreContract</a>
 * @since 0.1
 */
public interface IncidentStore extends DeliveryLog {

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
     * Loads the events of an incident's timeline that follow {@code version}, so that a caller holding the
     * incident's state at that version catches up without reading the whole timeline. The default reads
     * the whole timeline and drops the first {@code version} events; durable stores read only the new ones.
     *
     * @param id the incident
     * @param version how many events the caller has already
     * @return the events with {@code seq > version}, in order; empty if there are none
     * @throws IllegalArgumentException if {@code version} is negative
     * @since 0.1
     */
    default List<IncidentEvent> loadAfter(IncidentId id, long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version is 0 or more; got " + version);
        }
        List<IncidentEvent> all = load(id);
        return version >= all.size() ? List.of() : all.subList((int) version, all.size());
    }

    /**
     * Lists the incidents that are still open: declared, and neither closed nor cancelled.
     *
     * @return their ids, oldest first
     */
    List<IncidentId> openIncidents();

    /**
     * Finds the open incident bound to a chat channel (its latest {@code channel_bound} event), so that every
     * replica, and one started after the channel was bound, answers a command typed in that channel. The
     * default reads every open incident; a store with many may index the binding instead.
     *
     * @param channelId the chat platform's channel id
     * @return the incident, if an open one is bound to the channel
     * @since 0.1
     */
    default Optional<IncidentId> incidentOfChannel(String channelId) {
        java.util.Objects.requireNonNull(channelId, "channelId");
        for (IncidentId id : openIncidents()) {
            List<IncidentEvent> events = load(id);
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof dev.incidentkit.incident.ChannelBound bound) {
                    if (bound.channelId().equals(channelId)) {
                        return Optional.of(id);
                    }
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Records when an incident's next reminder falls due, as the reminder scheduler last planned it, so that
     * every replica finds the incidents with something due by one query ({@link #remindersDueBy}) instead of
     * reading every open incident. The default keeps nothing (see {@link #remindersDueBy}).
     *
     * @param id the incident
     * @param at when its next reminder is due; empty if none is
     * @since 0.1
     */
    default void planReminders(IncidentId id, Optional<Instant> at) {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(at, "at");
    }

    /**
     * Lists the incidents whose next reminder, as last planned by any replica ({@link #planReminders}), is due
     * at or before {@code now}.
     *
     * @param now the current time
     * @return the incidents, earliest due first; empty (not an empty list) if this store keeps no due
     *     times, as by default, in which case the scheduler finds them by reading every open incident
     * @since 0.1
     */
    default Optional<List<IncidentId>> remindersDueBy(Instant now) {
        java.util.Objects.requireNonNull(now, "now");
        return Optional.empty();
    }

    /**
     * Lists the closed incidents that still have open follow-ups ({@code follow_up_added} without a
     * matching {@code follow_up_closed}), for the reminders that go on after close. The default returns
     * none, which turns those reminders off for a store that does not implement it.
     *
     * @return their ids, oldest first
     */
    default List<IncidentId> closedWithOpenFollowUps() {
        return List.of();
    }

    /**
     * Returns every effect waiting for delivery, due or not, in append order. Parked effects (see
     * {@link Completion.Parked}) are not included.
     *
     * @return the waiting effects, oldest first
     */
    List<PendingEffect> pendingEffects();

    /**
     * Returns every parked effect (see {@link Completion.Parked}): those whose retries ran out, kept until
     * {@link #requeueFailedEffects} puts them back, in append order. A health check and metrics read it.
     * The default returns none, which is right only for a store that never parks; every store that
     * implements {@link #complete} should override it.
     *
     * @return the parked effects, oldest first
     * @since 0.1
     */
    default List<PendingEffect> parkedEffects() {
        return List.of();
    }

    /**
     * Claims the effects that are due for delivery, so that of several replicas sharing this store only
     * one delivers each effect at a time.
     *
     * <p>An effect can be claimed when it is waiting (not parked), its {@code notBefore} is at or before
     * {@code now}, nobody holds an unexpired claim on it, and it is the oldest waiting effect of its
     * <em>lane</em> (its incident and {@link Effect#port() port}): effects of a lane are delivered in
     * append order, so a lane whose oldest effect is not due, or is claimed, yields nothing. The claim
     * lasts until {@code now + lease}, {@link #renew} extends it, and {@link #complete} or
     * {@link #release} ends it. A claimant that dies lets the lease run out, after which another claimant
     * gets the effect again. A claim is never handed to anyone, not even its own owner, before it expires.
     *
     * <p>Each claim gets a new token, and the store records that an attempt is under way: the next claim of
     * the same effect reports {@link Claim#mayHaveRun()} until a completion says the vendor cannot have
     * acted.
     *
     * @param owner who claims, e.g. the replica's name; recorded for people looking at the store and for
     *     {@link #release}
     * @param now the claimant's current time, against which {@code notBefore} and leases are compared
     * @param lease how long the claim lasts unless renewed
     * @param limit the most effects to claim
     * @return the claims, oldest first, at most one per lane
     * @throws IllegalArgumentException if {@code owner} is blank, {@code lease} is not positive or
     *     {@code limit} is less than 1
     * @since 0.1
     */
    List<Claim> claimDue(String owner, Instant now, Duration lease, int limit);

    /**
     * Extends a claim while its delivery is still running.
     *
     * @param claim the claim, as {@link #claimDue} returned it
     * @param now the claimant's current time
     * @param lease how long from {@code now} the claim lasts
     * @return true if extended; false if the claim had run out or the effect was claimed by someone else or
     *     completed meanwhile, in which case the caller no longer owns the delivery
     * @since 0.1
     */
    boolean renew(Claim claim, Instant now, Duration lease);

    /**
     * Ends a claimed delivery: appends the completion's outcome events and effects and changes the effect's
     * state, in one atomic operation, fenced by the claim's token. If the claim is no longer the effect's
     * current one, or its lease ran out before {@code now}, nothing at all is written and the outcome is
     * dropped: whoever holds the effect now delivers it.
     *
     * @param claim the claim, as {@link #claimDue} returned it
     * @param now the claimant's current time
     * @param completion how the delivery ended
     * @return true if written; false if the claim was expired or foreign and nothing was written
     * @throws ConcurrencyConflictException if the outcome's events do not follow the incident's current
     *     version; nothing is written and the claim stays, so the caller may renumber them and try again
     * @since 0.1
     */
    boolean complete(Claim claim, Instant now, Completion completion);

    /**
     * Ends every claim an owner holds, on a clean shutdown or when a replica restarts under the same name,
     * so that the effects are taken over at once rather than when the leases run out. Whether an attempt
     * may have run is kept.
     *
     * @param owner the owner named to {@link #claimDue}
     * @return how many claims were released
     * @since 0.1
     */
    int release(String owner);

    /**
     * Checks that a batch is non-empty and numbered on from the expected version: the rule every store
     * applies before writing.
     *
     * @param id the incident
     * @param expectedVersion the version the batch follows
     * @param batch the events
     * @throws IllegalArgumentException if the batch is empty or misnumbered
     * @since 0.1
     */
    static void checkAppend(IncidentId id, long expectedVersion, List<IncidentEvent> batch) {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(batch, "batch");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion is 0 or more; got " + expectedVersion);
        }
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("nothing to append to " + id + ": events is empty");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).seq() != expectedVersion + 1 + i) {
                throw new IllegalArgumentException("events appended to " + id + " at version " + expectedVersion
                        + " must be numbered from " + (expectedVersion + 1) + " without gaps; event " + i
                        + " has seq " + batch.get(i).seq());
            }
        }
    }

    /**
     * Checks the arguments of {@link #claimDue}, as every implementation should.
     *
     * @param owner who claims
     * @param now the current time
     * @param lease how long the claim lasts
     * @param limit the most effects to claim
     * @throws IllegalArgumentException if {@code owner} is blank, {@code lease} is not positive or
     *     {@code limit} is less than 1
     * @since 0.1
     */
    static void checkClaim(String owner, Instant now, Duration lease, int limit) {
        java.util.Objects.requireNonNull(now, "now");
        if (java.util.Objects.requireNonNull(owner, "owner").isBlank()) {
            throw new IllegalArgumentException("owner names who claims, e.g. the replica's name; got a blank one");
        }
        if (java.util.Objects.requireNonNull(lease, "lease").isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive; got " + lease);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1; got " + limit);
        }
    }

    /**
     * Puts an incident's parked effects back in the queue, due at once, keeping their place in their
     * lane; parked effects that {@code superseded} accepts are dropped instead (for example a status
     * update older than one that went out since).
     *
     * @param id the incident
     * @param now the current time
     * @param superseded which parked effects are no longer wanted
     * @return the effects requeued
     */
    List<Effect> requeueFailedEffects(IncidentId id, Instant now, java.util.function.Predicate<Effect> superseded);
}
