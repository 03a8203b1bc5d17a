package dev.incidentkit.micrometer;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.IncidentKitListener;
import dev.incidentkit.KitHealth;
import dev.incidentkit.OpenIncident;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.MilestoneRecorded;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.spi.Effect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for an {@link IncidentKit}: open incidents, declarations, time to acknowledge,
 * mitigate and resolve, commands, deliveries, reminders and circuit breakers. It is both the kit's
 * {@link IncidentKitListener} (for what happens) and a {@link MeterBinder} (for the gauges, read from
 * {@link IncidentKit#health()} and {@link IncidentKit#openIncidents()}).
 *
 * <pre>{@code
 * IncidentKitMetrics metrics = IncidentKitMetrics.builder().build();
 * IncidentKit kit = IncidentKit.builder()
 *     .store(store).chat(chat)
 *     .listener(metrics)      // 1. it hears what the kit does
 *     .build();
 * metrics.attach(kit);        // 2. its gauges read the kit
 * metrics.bindTo(registry);   // 3. its meters go to the registry (Spring Boot does this for a MeterBinder bean)
 * }</pre>
 *
 * <p>Steps 2 and 3 may come in either order. What the kit does before {@link #bindTo} is not counted
 * (there is no registry to count it in yet), so bind soon after building; gauges read nothing until
 * {@link #attach}. Binding to several registries counts in each.
 *
 * <p><b>Drills</b> are practice: they are left out of every {@code incidentkit.incidents.*} and
 * {@code incidentkit.incident.*} meter (so a drill never lowers the real MTTA or MTTR), and counted on
 * their own in {@code incidentkit.drills.declared} and {@code incidentkit.drills.open}. Commands,
 * deliveries and reminders count drills' work too: it is the kit's work all the same.
 *
 * <p><b>Gauges</b> read a snapshot of the kit that is kept for {@link Builder#cacheFor} (default 5 s), so a
 * scrape that reads every gauge asks the store once, not once per gauge. The time-to-X timers measure
 * from the declaration: acknowledge to the first page acknowledged, mitigate to the first time recorded
 * as mitigated (the time it happened, which people may give in the past; {@code resolve} records it if
 * nobody did), resolve to the first move to resolved. A reopened incident that is resolved again is not
 * measured again. With several replicas, each counts what it did itself, so sums across replicas are
 * right.
 *
 * <p>Thread-safe; every callback is a counter or timer update, as an {@link IncidentKitListener} must be.
 *
 * @since 0.1
 */
public final class IncidentKitMetrics implements MeterBinder, IncidentKitListener {
    /** The statuses an open incident can have, the ones the open gauge is kept for. */
    private static final List<IncidentStatus> OPEN_STATUSES = List.of(IncidentStatus.INVESTIGATING,
            IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING, IncidentStatus.RESOLVED);

    private final Tags tags;
    private final Clock clock;
    private final Duration cacheFor;
    private final CopyOnWriteArrayList<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final AtomicReference<@Nullable IncidentKit> kit = new AtomicReference<>();
    private final Map<Effect.Port, AtomicReference<BreakerState>> breakers = new EnumMap<>(Effect.Port.class);
    private @Nullable Snapshot snapshot;

    private IncidentKitMetrics(Builder b) {
        this.tags = b.tags;
        this.clock = b.clock;
        this.cacheFor = b.cacheFor;
        for (Effect.Port port : Effect.Port.values()) {
            breakers.put(port, new AtomicReference<>(BreakerState.CLOSED)); // every breaker starts closed
        }
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Gives the gauges the kit to read. Call it once, after building the kit with this object as a
     * {@linkplain IncidentKit.Builder#listener listener}.
     *
     * @param kit the kit
     * @return this object
     * @throws IllegalStateException if a kit was attached already
     */
    public IncidentKitMetrics attach(IncidentKit kit) {
        requireNonNull(kit, "kit");
        if (!this.kit.compareAndSet(null, kit)) {
            throw new IllegalStateException("a kit is attached already; make one IncidentKitMetrics per kit");
        }
        return this;
    }

    /**
     * Registers the gauges with a registry, and counts what the kit does from now on in it too. Binding
     * the same registry again changes nothing.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        requireNonNull(registry, "registry");
        for (Severity severity : Severity.values()) {
            for (IncidentStatus status : OPEN_STATUSES) {
                gauge(registry, "incidentkit.incidents.open", "Open incidents (drills left out), by severity and status",
                        s -> s.open(severity, status), "severity", tag(severity), "status", status.chatName());
            }
            declared(registry, "incidentkit.incidents.declared", severity);
            declared(registry, "incidentkit.drills.declared", severity);
        }
        gauge(registry, "incidentkit.drills.open", "Open drills (practice incidents)", Snapshot::drills);
        gauge(registry, "incidentkit.store.reachable", "1 if the store answered the last health check, else 0",
                s -> s.health().storeReachable() ? 1 : 0);
        for (Effect.Port port : Effect.Port.values()) {
            gauge(registry, "incidentkit.deliveries.pending", "Effects waiting for delivery (due or backing off)",
                    s -> s.health().storeReachable() ? s.health().pending(port) : Double.NaN, "port", tag(port));
            gauge(registry, "incidentkit.deliveries.parked", "Effects whose retries ran out, waiting for `retry`",
                    s -> s.health().storeReachable() ? s.health().parked(port) : Double.NaN, "port", tag(port));
            for (BreakerState state : BreakerState.values()) {
                AtomicReference<BreakerState> current = breakers.get(port);
                Gauge.builder("incidentkit.circuit.breaker.state", current, c -> c.get() == state ? 1 : 0)
                        .description("1 for the state the port's circuit breaker is in, 0 for the others")
                        .tags(tags).tags("port", tag(port), "state", state.tag()).strongReference(true)
                        .register(registry);
            }
        }
        registries.addIfAbsent(registry); // bound twice, it still counts once
    }

    private void declared(MeterRegistry registry, String name, Severity severity) {
        Counter.builder(name).description(name.contains("drills") ? "Drills declared" : "Incidents declared (drills left out)")
                .tags(tags).tags("severity", tag(severity)).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value, String... tagPairs) {
        Gauge.builder(name, this, m -> m.read(value)).description(description).tags(tags).tags(tagPairs).strongReference(true)
                .register(registry);
    }

    /** A gauge's value from the current snapshot; NaN (unknown) before a kit is attached or when it cannot be read. */
    private double read(ToDoubleFunction<Snapshot> value) {
        Optional<Snapshot> s = snapshot();
        return s.isPresent() ? value.applyAsDouble(s.get()) : Double.NaN;
    }

    /** The kit as of at most {@link #cacheFor} ago. */
    private synchronized Optional<Snapshot> snapshot() {
        IncidentKit k = kit.get();
        if (k == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.at().plus(cacheFor)) || now.isBefore(snapshot.at())) {
            snapshot = Snapshot.of(k, now);
        }
        return Optional.of(snapshot);
    }

    /**
     * What the gauges read, taken at one instant.
     *
     * @param at when it was taken
     * @param health the kit's health
     * @param open open incidents by severity and status, drills left out; null if they could not be read
     * @param drills open drills, NaN if they could not be read
     */
    private record Snapshot(Instant at, KitHealth health, @Nullable Map<Severity, Map<IncidentStatus, Integer>> open, double drills) {
        static Snapshot of(IncidentKit kit, Instant now) {
            KitHealth health = kit.health();
            if (!health.storeReachable()) {
                return new Snapshot(now, health, null, Double.NaN);
            }
            List<OpenIncident> incidents;
            try {
                incidents = kit.openIncidents();
            } catch (RuntimeException e) {
                return new Snapshot(now, health, null, Double.NaN); // the store went away between the two reads
            }
            Map<Severity, Map<IncidentStatus, Integer>> open = new EnumMap<>(Severity.class);
            int drills = 0;
            for (OpenIncident i : incidents) {
                if (i.drill()) {
                    drills++;
                } else {
                    open.computeIfAbsent(i.severity(), s -> new EnumMap<>(IncidentStatus.class)).merge(i.status(), 1, Integer::sum);
                }
            }
            return new Snapshot(now, health, open, drills);
        }

        double open(Severity severity, IncidentStatus status) {
            return open == null ? Double.NaN : open.getOrDefault(severity, Map.of()).getOrDefault(status, 0);
        }
    }

    @Override
    public void commandHandled(String command, CommandOutcome outcome) {
        for (MeterRegistry r : registries) {
            Counter.builder("incidentkit.commands").description("Commands handled, by command and outcome")
                    .tags(tags).tags("command", command, "outcome", outcome.tag()).register(r).increment();
        }
    }

    @Override
    public void eventsAppended(Incident incident, List<IncidentEvent> events) {
        if (registries.isEmpty()) {
            return;
        }
        for (IncidentEvent e : events) {
            if (e instanceof Declared d) {
                for (MeterRegistry r : registries) {
                    declaredCounter(r, d).increment();
                }
            } else if (!incident.drill()) {
                since(incident, e).ifPresent(measure -> {
                    for (MeterRegistry r : registries) {
                        Timer.builder("incidentkit.incident.time.to." + measure.what())
                                .description("From declaration to the incident's first " + measure.what() + " (drills left out)")
                                .tags(tags).tags("severity", tag(incident.severity())).register(r).record(measure.took());
                    }
                });
            }
        }
    }

    private Counter declaredCounter(MeterRegistry r, Declared d) {
        return Counter.builder(d.drill() ? "incidentkit.drills.declared" : "incidentkit.incidents.declared")
                .tags(tags).tags("severity", tag(d.severity())).register(r);
    }

    /** A time from declaration: which one ({@code acknowledge}, {@code mitigate}, {@code resolve}) and how long. */
    private record Measure(String what, Duration took) {}

    /** What {@code e} measures, if it is the incident's first acknowledgement, mitigation or resolution. */
    private static Optional<Measure> since(Incident incident, IncidentEvent e) {
        Instant declared = incident.declaredAt();
        if (e instanceof PageAcknowledged && e.equals(first(incident, PageAcknowledged.class, a -> true))) {
            return Optional.of(new Measure("acknowledge", between(declared, e.at())));
        }
        if (e instanceof MilestoneRecorded m && m.milestone() == Milestone.MITIGATED
                && e.equals(first(incident, MilestoneRecorded.class, r -> r.milestone() == Milestone.MITIGATED))) {
            return Optional.of(new Measure("mitigate", between(declared, m.occurredAt())));
        }
        if (e instanceof StatusChanged s && s.to() == IncidentStatus.RESOLVED
                && e.equals(first(incident, StatusChanged.class, c -> c.to() == IncidentStatus.RESOLVED))) {
            return Optional.of(new Measure("resolve", between(declared, e.at())));
        }
        return Optional.empty();
    }

    private static <E extends IncidentEvent> @Nullable E first(Incident incident, Class<E> type, java.util.function.Predicate<E> which) {
        return incident.all(type).stream().filter(which).findFirst().orElse(null);
    }

    /** From one instant to another, never negative (mitigation may be given as before the declaration). */
    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public void deliveryAttempted(Effect.Port port, DeliveryOutcome outcome, Duration took) {
        for (MeterRegistry r : registries) {
            Timer.builder("incidentkit.delivery").description("Delivery attempts through a port, by outcome, with the vendor call's time")
                    .tags(tags).tags("port", tag(port), "outcome", outcome.tag()).register(r).record(took);
        }
    }

    @Override
    public void reminderFired(String policy) {
        for (MeterRegistry r : registries) {
            Counter.builder("incidentkit.reminders.fired").description("Reminders that fell due and were sent, by policy")
                    .tags(tags).tags("policy", policy).register(r).increment();
        }
    }

    @Override
    public void circuitBreakerChanged(Effect.Port port, BreakerState state) {
        breakers.get(port).set(state);
    }

    private static String tag(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    private static String tag(Effect.Port port) {
        return port.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "IncidentKitMetrics[" + (kit.get() == null ? "no kit attached" : "attached") + ", " + registries.size() + " registries]";
    }

    /**
     * Configures {@link IncidentKitMetrics}. Each setting may be set once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Tags tags = Tags.empty();
        private Clock clock = Clock.systemUTC();
        private Duration cacheFor = Duration.ofSeconds(5);
        private final java.util.Set<String> set = new java.util.HashSet<>();

        private Builder() {}

        private void once(String name) {
            if (!set.add(name)) {
                throw new IllegalStateException(name + " was already set");
            }
        }

        /**
         * Adds tags to every meter, e.g. {@code kit=payments} when a process runs several kits.
         *
         * @param tags the tags
         * @return this builder
         */
        public Builder tags(Iterable<Tag> tags) {
            requireNonNull(tags, "tags");
            once("tags");
            this.tags = Tags.of(tags);
            return this;
        }

        /**
         * Sets the clock the gauges' snapshot is aged by (default the system clock); give the kit's clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            requireNonNull(clock, "clock");
            once("clock");
            this.clock = clock;
            return this;
        }

        /**
         * Sets how long the gauges reuse one reading of the kit (default 5 s): long enough for one scrape
         * to read every gauge from one reading, short against a scrape interval. Zero reads the kit for
         * every gauge.
         *
         * @param duration zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheFor(Duration duration) {
            requireNonNull(duration, "duration");
            once("cacheFor");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("cacheFor must be zero or positive; got " + duration);
            }
            this.cacheFor = duration;
            return this;
        }

        /**
         * Builds the metrics.
         *
         * @return the metrics, to pass to {@link IncidentKit.Builder#listener} and then {@link IncidentKitMetrics#attach}
         */
        public IncidentKitMetrics build() {
            return new IncidentKitMetrics(this);
        }
    }
}
