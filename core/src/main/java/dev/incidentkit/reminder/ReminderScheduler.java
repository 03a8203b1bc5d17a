package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.internal.Checks;
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link ReminderEngine} for every open incident in an {@link IncidentStore}: it wakes up
 * (through a {@link Scheduler}) when the next reminder is due, fires what is due, and hands the
 * {@link ReminderFired} events to a {@link Sink}, which by default appends them to the store.
 *
 * <p><b>Exactly once.</b> A fired reminder is an event on the incident's timeline, appended with the
 * version the decision was made on. If another scheduler (another process, or one from before a
 * restart) got there first, the append fails with {@link ConcurrencyConflictException}; this scheduler
 * then reloads the incident and decides again, and finds the reminder already fired. So each (incident,
 * key, due instant) fires once, across restarts and any number of schedulers on one store.
 *
 * <pre>{@code
 * ReminderScheduler reminders = ReminderScheduler.builder()
 *         .store(store)
 *         .engine(ReminderEngine.builder().policies(ReminderPolicies.defaults()).build())
 *         .clock(clock)
 *         .scheduler(Scheduler.singleThread(clock))
 *         .sink((incident, due, events) -> { store.append(incident.id(), incident.version(), events); post(due); })
 *         .build()
 *         .start();
 * }</pre>
 *
 * <p>Call {@link #reschedule()} after appending to an incident (a new page, a status change) so that an
 * earlier reminder is not missed. Thread-safe; {@link #close()} stops it.
 *
 * @since 0.1
 */
public final class ReminderScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderScheduler.class);

    private final IncidentStore store;
    private final ReminderEngine engine;
    private final Clock clock;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final Sink sink;
    private final Duration retryDelay;
    private final int maxAttempts;
    /** The most rounds of reminders one pass fires for an incident, each made due by the one before. */
    private static final int MAX_ROUNDS = 4;
    private final Duration rescanEvery;
    /** How often a run reads every watched incident when the store keeps every replica's due times. */
    private static final Duration STORE_RESCAN = Duration.ofHours(1);
    private final DueIndex index = new DueIndex();
    private final java.util.Set<IncidentId> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private @Nullable Instant lastScan;

    private Scheduler.@Nullable Scheduled pending;
    private @Nullable Instant pendingAt;
    private boolean closed;

    /**
     * What happens to reminders that fell due: record them and tell people.
     *
     * <p>An implementation appends {@code events} to the store with {@code incident.version()} as the
     * expected version <em>before</em> acting on the reminders, and lets a
     * {@link ConcurrencyConflictException} propagate: it means someone else fired them first, and the
     * scheduler will reload and decide again. Acting only after a successful append is what makes each
     * reminder reach people once. Any other exception is logged, and the reminders are tried again after
     * the retry delay.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface Sink {
        /**
         * Records and delivers reminders that fell due.
         *
         * @param incident the incident, as the reminders were decided on
         * @param due the reminders, one per key
         * @param events the {@link ReminderFired} events recording them, numbered on from the incident's version
         * @throws ConcurrencyConflictException if the incident changed since it was loaded
         */
        void fire(Incident incident, List<Reminder> due, List<IncidentEvent> events);

        /**
         * The default sink: appends the events to the store and does nothing else.
         *
         * @param store the store
         * @return the sink
         */
        static Sink appendingTo(IncidentStore store) {
            requireNonNull(store, "store");
            return (incident, due, events) -> store.append(incident.id(), incident.version(), events);
        }
    }

    private ReminderScheduler(Builder b) {
        this.store = b.store;
        this.engine = b.engine;
        this.clock = b.clock;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : Scheduler.singleThread(b.clock);
        this.sink = b.sink != null ? b.sink : Sink.appendingTo(b.store);
        this.retryDelay = b.retryDelay;
        this.maxAttempts = b.maxAttempts;
        this.rescanEvery = b.rescanEvery;
    }

    /**
     * Returns a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts: fires whatever is due now and schedules the next wake-up.
     *
     * @return this scheduler
     * @throws IllegalStateException if closed
     */
    public synchronized ReminderScheduler start() {
        checkOpen();
        runDue();
        return this;
    }

    /**
     * Fires every reminder due now across all open incidents, then schedules the next wake-up. Call it
     * after the clock jumps (each key fires once, for its latest due instant).
     *
     * @return the events recorded by this call, in the order fired
     * @throws IllegalStateException if closed
     */
    public synchronized List<ReminderFired> runDue() {
        checkOpen();
        Instant now = clock.instant();
        List<ReminderFired> fired = new ArrayList<>();
        boolean failed = false;
        Optional<List<IncidentId>> dueInStore = store.remindersDueBy(now); // planned by any replica
        // with due times in the store, a full scan only catches up what no replica planned: hourly is plenty
        Duration every = dueInStore.isPresent() && rescanEvery.compareTo(STORE_RESCAN) < 0 && !rescanEvery.isZero()
                ? STORE_RESCAN : rescanEvery;
        boolean full = lastScan == null || every.isZero() || !now.isBefore(lastScan.plus(every));
        java.util.Set<IncidentId> ids = new java.util.LinkedHashSet<>();
        if (full) { // every watched incident: what others changed shows up here
            ids.addAll(watched());
            // and those the store no longer lists but that still have something due (a closed incident's channel
            // to archive): planned once, by the run after the append that closed them
            ids.addAll(index.ids());
            index.clear();
            lastScan = now;
        } else {
            ids.addAll(index.dueBy(now));
            dueInStore.ifPresent(ids::addAll);
        }
        for (java.util.Iterator<IncidentId> i = changed.iterator(); i.hasNext(); i.remove()) {
            ids.add(i.next()); // changed since the last run: plan (and fire) them again
        }
        for (IncidentId id : ids) {
            try {
                Pass pass = fireDue(id, now, fired);
                failed |= !pass.recorded();
                Optional<Instant> next = pass.recorded() ? pass.next() : Optional.of(now.plus(retryDelay));
                index.put(id, next);
                store.planReminders(id, next);
            } catch (RuntimeException e) {
                LOG.warn("Reminders of {} could not be evaluated; retrying in {}", id, retryDelay, e);
                index.put(id, Optional.of(now.plus(retryDelay)));
                failed = true;
            }
        }
        schedule(now, index.first().filter(at -> at.isAfter(now)), true, failed);
        return fired;
    }

    /**
     * Marks one incident to be planned again on the next run, after something was appended to it that can
     * make a reminder due sooner or later (a page, a status change, a note): the run then finds it without
     * reading every incident. Never blocks. A host that appends without telling the scheduler is seen on the next full scan (see
     * {@link Builder#rescanEvery}).
     *
     * @param id the incident
     */
    public void replan(IncidentId id) {
        changed.add(requireNonNull(id, "id")); // never waits for a run under way: the next run plans it
    }

    /**
     * What one pass over an incident found: whether its due reminders were recorded, and when its next
     * reminder is due, so the wake-up is planned from the same load as the firing.
     */
    private record Pass(boolean recorded, Optional<Instant> next) {}

    /**
     * Fires what is due for one incident, and again what that makes due at once (the second silence
     * reminder makes the still-there question due), up to {@value #MAX_ROUNDS} rounds in one pass.
     */
    private Pass fireDue(IncidentId id, Instant now, List<ReminderFired> fired) {
        int conflicts = 0;
        for (int round = 0; ; ) {
            List<IncidentEvent> timeline = store.load(id); // after a round, also what the sink wrote (offers, pages)
            if (timeline.isEmpty()) {
                return new Pass(true, Optional.empty());
            }
            Incident incident = Incident.replay(id, timeline);
            List<Reminder> due = engine.due(incident, now);
            if (due.isEmpty()) {
                return new Pass(true, engine.nextDue(incident, now));
            }
            if (round == MAX_ROUNDS) {
                return new Pass(true, Optional.of(now)); // a chain this long waits for the next pass
            }
            List<IncidentEvent> events = engine.fire(incident, due, now);
            try {
                sink.fire(incident, due, events);
                for (IncidentEvent e : events) {
                    fired.add((ReminderFired) e);
                }
                LOG.debug("Fired {} reminder(s) for {}", events.size(), id);
                round++;
            } catch (ConcurrencyConflictException e) {
                if (++conflicts == maxAttempts) {
                    LOG.warn("{} kept changing while firing reminders ({} attempts); retrying in {}", id, maxAttempts, retryDelay);
                    return new Pass(false, Optional.empty());
                }
                LOG.debug("{} changed while firing reminders (attempt {}); deciding again", id, conflicts);
            } catch (RuntimeException e) {
                LOG.warn("Reminders {} of {} could not be delivered; retrying in {}",
                        due.stream().map(Reminder::key).toList(), id, retryDelay, e);
                return new Pass(false, Optional.empty());
            }
        }
    }

    /** The incidents reminders may be due for: the open ones, and closed ones with follow-ups still open. */
    private List<IncidentId> watched() {
        List<IncidentId> ids = new ArrayList<>(store.openIncidents());
        for (IncidentId id : store.closedWithOpenFollowUps()) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Returns when the next reminder is due across all open incidents, as of now.
     *
     * @return the instant (at or before now if one is due already), or empty if none is scheduled
     */
    public synchronized Optional<Instant> nextDue() {
        return nextDue(clock.instant());
    }

    private Optional<Instant> nextDue(Instant now) {
        Instant next = null;
        for (IncidentId id : watched()) {
            try {
                Optional<Instant> n = engine.nextDue(Incident.replay(id, store.load(id)), now);
                if (n.isPresent() && (next == null || n.get().isBefore(next))) {
                    next = n.get();
                }
            } catch (RuntimeException e) {
                LOG.warn("Reminders of {} could not be evaluated", id, e);
            }
        }
        return Optional.ofNullable(next);
    }

    /**
     * Recomputes when to wake up next. Call it after appending to an incident, since a new event (a page,
     * a status change) can make a reminder due sooner than the wake-up already scheduled.
     *
     * @throws IllegalStateException if closed
     */
    public synchronized void reschedule() {
        checkOpen();
        Instant now = clock.instant();
        schedule(now, nextDue(now), false, false);
    }

    /**
     * Returns when the scheduler will wake up next.
     *
     * @return the instant, or empty if nothing is scheduled
     */
    public synchronized Optional<Instant> wakeUpAt() {
        return Optional.ofNullable(pendingAt);
    }

    private void schedule(Instant now, Optional<Instant> next, boolean afterRun, boolean failed) {
        if (pending != null) {
            pending.cancel();
            pending = null;
            pendingAt = null;
        }
        Instant at = next.orElse(null);
        Instant retry = now.plus(retryDelay);
        if (afterRun && at != null && !at.isAfter(now)) {
            at = retry; // something due now could not be recorded: do not spin, try again later
        }
        if (failed && (at == null || at.isAfter(retry))) {
            at = retry;
        }
        if (at == null) {
            return;
        }
        pendingAt = at;
        pending = scheduler.schedule(at, this::wake);
    }

    private void wake() {
        synchronized (this) {
            if (closed) {
                return;
            }
            pending = null;
            pendingAt = null;
            try {
                runDue();
            } catch (RuntimeException e) {
                LOG.error("Reminder run failed; retrying in {}", retryDelay, e);
                if (!closed) {
                    pendingAt = clock.instant().plus(retryDelay);
                    pending = scheduler.schedule(pendingAt, this::wake);
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this ReminderScheduler is closed; build a new one");
        }
    }

    /** Cancels the next wake-up and stops the scheduler's thread if it made its own. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pending != null) {
            pending.cancel();
            pending = null;
            pendingAt = null;
        }
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    @Override
    public String toString() {
        return "ReminderScheduler[" + engine + ", " + scheduler + "]";
    }

    /**
     * Configures a {@link ReminderScheduler}. The store, engine and clock are required; each setting may
     * be given once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable IncidentStore store;
        private @Nullable ReminderEngine engine;
        private @Nullable Clock clock;
        private @Nullable Scheduler scheduler;
        private @Nullable Sink sink;
        private Duration retryDelay = Duration.ofMinutes(1);
        private int maxAttempts = 5;
        private Duration rescanEvery = Duration.ZERO;

        private Builder() {}

        private static <T> T once(@Nullable T earlier, T value, String name) {
            requireNonNull(value, name);
            if (earlier != null) {
                throw new IllegalStateException(name + " was already set to " + earlier);
            }
            return value;
        }

        /**
         * Sets the store whose open incidents get reminders. Required.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(IncidentStore store) {
            this.store = once(this.store, store, "store");
            return this;
        }

        /**
         * Sets the engine. Required.
         *
         * @param engine the engine
         * @return this builder
         */
        public Builder engine(ReminderEngine engine) {
            this.engine = once(this.engine, engine, "engine");
            return this;
        }

        /**
         * Sets the clock. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = once(this.clock, clock, "clock");
            return this;
        }

        /**
         * Sets how to wake up; by default a {@link Scheduler#singleThread} of its own, closed with this
         * scheduler. A scheduler given here is not closed by {@link ReminderScheduler#close()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = once(this.scheduler, scheduler, "scheduler");
            return this;
        }

        /**
         * Sets what to do with reminders that fell due; by default {@link Sink#appendingTo} the store.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder sink(Sink sink) {
            this.sink = once(this.sink, sink, "sink");
            return this;
        }

        /**
         * Sets how long to wait before retrying reminders that could not be delivered; 1 minute by default.
         *
         * @param delay positive, whole seconds
         * @return this builder
         */
        public Builder retryDelay(Duration delay) {
            this.retryDelay = Checks.positiveSeconds(delay, "retry delay");
            return this;
        }

        /**
         * Sets how often a run reads every watched incident (default zero: every run does). Between full
         * scans a run touches only the incidents whose next reminder is due, as planned at the last scan,
         * after each firing and on {@link ReminderScheduler#replan}; so a tick costs the same with 10 or
         * 10,000 open incidents, and a change appended without {@code replan} (by another replica, say) is
         * seen within this interval. A store that keeps every replica's due times
         * ({@link IncidentStore#remindersDueBy}) shows those changes on the next run, and full scans then run
         * at most hourly.
         *
         * @param interval zero, or positive
         * @return this builder
         */
        public Builder rescanEvery(Duration interval) {
            if (requireNonNull(interval, "interval").isNegative()) {
                throw new IllegalArgumentException("rescanEvery is zero or positive; got " + interval);
            }
            this.rescanEvery = interval;
            return this;
        }

        /**
         * Builds the scheduler; call {@link ReminderScheduler#start()} to start it.
         *
         * @return the scheduler
         * @throws IllegalStateException naming every required setting that is missing
         */
        public ReminderScheduler build() {
            List<String> missing = new ArrayList<>();
            if (store == null) {
                missing.add("store(IncidentStore)");
            }
            if (engine == null) {
                missing.add("engine(ReminderEngine)");
            }
            if (clock == null) {
                missing.add("clock(Clock)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("a ReminderScheduler needs " + String.join(", ", missing));
            }
            return new ReminderScheduler(this);
        }
    }
}
