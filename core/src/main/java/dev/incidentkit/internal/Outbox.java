package dev.incidentkit.internal;

import dev.incidentkit.IncidentKitListener;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.Claim;
import dev.incidentkit.spi.Completion;
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.PendingEffect;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each pending effect through its port, in order within its lane (incident and
 * port), lanes side by side on a bounded executor so that a hung vendor holds only its own lanes, with
 * exponential backoff and jitter between attempts (longer if the vendor said so), a circuit breaker per
 * port, and the outcome appended to the timeline as events. When retries run out the effect is parked
 * (never dropped) and a {@link DeliveryFailed} event tells the channel how to retry.
 *
 * <p>Every claim carries a token and a lease, renewed on each {@link #deliverDue()} while its delivery
 * runs. Completing an effect writes its outcome events and its new state in one atomic store operation,
 * fenced by the token: a replica whose claim ran out cannot overwrite its successor's work. An attempt
 * whose outcome is unknown (a timeout, a crash) makes the next one pass {@link IdempotencyKey#mayExist()},
 * so the adapter looks for its vendor-kept marker before creating anything again.
 *
 * <p>Retry state lives in the store, not on a sleeping thread, so a restart resumes where it stopped
 * and tests drive it with a test clock. Resilience4j provides the backoff function and the breakers.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** How often an outcome is renumbered and tried again when the incident changed meanwhile. */
    private static final int MAX_OUTCOME_ATTEMPTS = 20;
    /** How long a delivery waits whose port's circuit breaker is open: it spends no attempt. */
    private static final Duration BREAKER_WAIT = Duration.ofSeconds(10);

    /** How deliveries are retried. */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {}

    /**
     * Who claims effects for delivery, for how long, and how many lanes it delivers at once: several
     * replicas on one store each deliver only what they claimed; a replica that dies mid-delivery lets its
     * lease run out, and a live one renews its leases while its deliveries run.
     */
    public record Claims(String owner, Duration lease, int lanes) {}

    /** The ports effects go through; absent ones are null objects ({@code Pager.none()}, …). */
    public record Ports(ChatGateway chat, Pager pager, StatusPublisher statusPublisher, IssueTracker issues,
                        Function<Incident, Optional<IssueTracker>> ownTracker) {
        public Ports(ChatGateway chat, Pager pager, StatusPublisher statusPublisher, IssueTracker issues) {
            this(chat, pager, statusPublisher, issues, incident -> Optional.empty());
        }

        /** Where an incident's report and follow-ups are filed: its type's own tracker, else the shared one. */
        IssueTracker issuesFor(Incident incident) {
            return ownTracker.apply(incident).orElse(issues);
        }
    }

    private final IncidentStore store;
    private final Incidents incidents;
    private final Clock clock;
    private final Ports ports;
    private final EffectPlanner planner;
    private final Function<Incident, String> report;
    /** Told of the events each outcome appended, with the incident after them, once they are in the store. */
    private final BiConsumer<Incident, List<IncidentEvent>> onOutcome;
    private final RetryPolicy retry;
    private final Claims claims;
    private final Executor executor;
    private final Listeners listeners;
    private final IntervalFunction backoff;
    private final Map<Effect.Port, CircuitBreaker> breakers = new EnumMap<>(Effect.Port.class);
    private final Semaphore slots;
    /** Claims whose delivery runs now, with when each was last renewed. */
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean passRequested = new AtomicBoolean();
    private final AtomicBoolean passRunning = new AtomicBoolean();
    private volatile boolean closed;

    private static final class InFlight {
        final Claim claim;
        volatile Instant renewed;

        InFlight(Claim claim, Instant renewed) {
            this.claim = claim;
            this.renewed = renewed;
        }
    }

    public Outbox(IncidentStore store, Incidents incidents, Clock clock, Ports ports, EffectPlanner planner, Function<Incident, String> report,
                  BiConsumer<Incident, List<IncidentEvent>> onOutcome, RetryPolicy retry, Claims claims, Executor executor,
                  Listeners listeners) {
        this.store = store;
        this.incidents = incidents;
        this.clock = clock;
        this.ports = ports;
        this.planner = planner;
        this.report = report;
        this.onOutcome = onOutcome;
        this.retry = retry;
        this.claims = claims;
        this.executor = executor;
        this.listeners = listeners;
        this.slots = new Semaphore(claims.lanes());
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), 2.0, 0.5, retry.maxBackoff());
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .clock(clock)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .recordException(t -> !(t instanceof PortException p) || p.kind() == PortException.Kind.UNAVAILABLE
                        || p.kind() == PortException.Kind.TIMEOUT)
                .build();
        for (Effect.Port port : Effect.Port.values()) {
            CircuitBreaker breaker = CircuitBreaker.of("incidentkit-" + port.name().toLowerCase(Locale.ROOT), config);
            breaker.getEventPublisher().onStateTransition(t -> listeners.circuitBreakerChanged(port, state(t.getStateTransition().getToState().name())));
            breakers.put(port, breaker);
        }
    }

    /** A breaker's state by its name (a member typed with the breaker's own enum would name its vendor's package). */
    private static IncidentKitListener.BreakerState state(String name) {
        return switch (name) {
            case "OPEN", "FORCED_OPEN" -> IncidentKitListener.BreakerState.OPEN;
            case "HALF_OPEN" -> IncidentKitListener.BreakerState.HALF_OPEN;
            default -> IncidentKitListener.BreakerState.CLOSED; // closed, disabled, metrics only: calls go through
        };
    }

    /**
     * Returns the ports whose circuit breaker is open now (half-open ones let trial calls through and are
     * not counted).
     *
     * @return the ports
     */
    public java.util.Set<Effect.Port> openBreakers() {
        java.util.Set<Effect.Port> open = java.util.EnumSet.noneOf(Effect.Port.class);
        breakers.forEach((port, breaker) -> {
            if (state(breaker.getState().name()) == IncidentKitListener.BreakerState.OPEN) {
                open.add(port);
            }
        });
        return open;
    }

    /**
     * Renews the leases of the deliveries running now, then claims every effect that is due and that a
     * free lane can take, and hands each to the executor. Returns without waiting for a vendor (unless the
     * executor runs tasks on the calling thread). The store hands out only the oldest waiting effect of
     * each lane, so a lane whose head is waiting for a retry, or is claimed by another replica, stays put.
     * Safe to call from any thread, as often as wanted: concurrent calls fold into one pass.
     */
    public void deliverDue() {
        passRequested.set(true);
        while (!closed && passRequested.get() && passRunning.compareAndSet(false, true)) {
            try {
                while (!closed && passRequested.getAndSet(false)) {
                    renewInFlight();
                    claimAndSubmit();
                }
            } finally {
                passRunning.set(false);
            }
        }
    }

    /** Extends the lease of each running delivery once a third of it has passed. */
    private void renewInFlight() {
        Instant now = clock.instant();
        Duration third = claims.lease().dividedBy(3);
        for (InFlight f : inFlight.values()) {
            if (Duration.between(f.renewed, now).compareTo(third) >= 0) {
                if (store.renew(f.claim, now, claims.lease())) {
                    f.renewed = now;
                } else if (inFlight.containsKey(f.claim.effectId())) {
                    LOG.warn("lost the claim on {} for {} (its lease ran out); another replica delivers it, and this one's"
                            + " outcome will be dropped", f.claim.pending().effect().description(), f.claim.pending().incident());
                }
            }
        }
    }

    private void claimAndSubmit() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        Instant now = clock.instant();
        for (Claim claim : store.claimDue(claims.owner(), now, claims.lease(), free)) {
            slots.acquireUninterruptibly(); // only a pass takes permits, one pass at a time: never waits
            inFlight.put(claim.effectId(), new InFlight(claim, now));
            try {
                executor.execute(() -> run(claim));
            } catch (RejectedExecutionException e) {
                inFlight.remove(claim.effectId());
                slots.release();
                LOG.debug("delivery executor refused {}; its claim runs out and it is delivered later", claim.effectId());
            }
        }
    }

    private void run(Claim claim) {
        try {
            deliver(claim);
        } catch (RuntimeException e) {
            LOG.warn("delivering {} for {} failed inside incidentkit; it is tried again when its claim runs out: {}",
                    claim.pending().effect().description(), claim.pending().incident(), e.toString());
        } finally {
            inFlight.remove(claim.effectId());
            slots.release();
        }
        deliverDue(); // the lane's next effect may be due at once
    }

    /** Stops claiming, and releases the claims of deliveries not running, so another replica takes them at once. */
    public void close() {
        closed = true;
        int released = store.release(claims.owner());
        if (released > 0) {
            LOG.info("released {} delivery claim(s) held by {}", released, claims.owner());
        }
    }

    /** Tries one claimed effect; every path ends the claim (delivered, retry later, or parked) unless it was lost. */
    private void deliver(Claim claim) {
        PendingEffect pending = claim.pending();
        Effect effect = pending.effect();
        Instant now = clock.instant();
        Incident incident = incidents.current(pending.incident());
        if (needsChannel(effect) && incident.channel().isEmpty()) {
            // not possible yet: the channel is still being created; wait without spending an attempt
            complete(claim, new Completion.RetryLater(now.plus(retry.initialBackoff()), false, claim.mayHaveRun()));
            return;
        }
        CircuitBreaker breaker = breakers.get(effect.port());
        if (!breaker.tryAcquirePermission()) {
            complete(claim, new Completion.RetryLater(now.plus(BREAKER_WAIT), false, claim.mayHaveRun()));
            return;
        }
        Instant start = clock.instant();
        List<Result> results;
        Duration took;
        try {
            results = perform(incident, effect, claim.idempotencyKey());
            took = Duration.between(start, clock.instant());
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            Duration failedAfter = Duration.between(start, clock.instant());
            breaker.onError(failedAfter.toNanos(), TimeUnit.NANOSECONDS, e);
            failed(claim, e, failedAfter);
            return;
        }
        listeners.deliveryAttempted(effect.port(), IncidentKitListener.DeliveryOutcome.DELIVERED, took);
        complete(claim, results, Completion.Delivered::new);
    }

    private static boolean needsChannel(Effect effect) {
        return effect.port() == Effect.Port.CHAT && !(effect instanceof Effect.CreateChannel);
    }

    private void failed(Claim claim, RuntimeException e, Duration took) {
        PendingEffect pending = claim.pending();
        PortException port = e instanceof PortException p ? p : null;
        boolean retryable = port == null || port.retryable();
        // the vendor may have acted: no answer, a 5xx that may come from a proxy, or a failure of our own
        boolean ambiguous = port == null || port.kind() == PortException.Kind.TIMEOUT
                || port.kind() == PortException.Kind.UNAVAILABLE;
        int attempts = pending.attempts() + 1;
        Instant now = clock.instant();
        if (retryable && attempts < retry.maxAttempts()) {
            Duration wait = Duration.ofMillis(backoff.apply(attempts));
            if (port != null && port.retryAfter().isPresent() && port.retryAfter().get().compareTo(wait) > 0) {
                wait = port.retryAfter().get();
            }
            LOG.warn("{} for {} failed (attempt {} of {}), retrying in {}: {}", pending.effect().description(),
                    pending.incident(), attempts, retry.maxAttempts(), wait, e.getMessage());
            listeners.deliveryAttempted(pending.effect().port(), IncidentKitListener.DeliveryOutcome.RETRIED, took);
            complete(claim, new Completion.RetryLater(now.plus(wait), true, claim.mayHaveRun() || ambiguous));
            return;
        }
        String reason = port != null ? port.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.error("{} for {} failed for good after {} attempt(s); parked until someone types `retry`: {}",
                pending.effect().description(), pending.incident(), attempts, reason);
        listeners.deliveryAttempted(pending.effect().port(), IncidentKitListener.DeliveryOutcome.PARKED, took);
        String what = pending.effect() instanceof Effect.Post p && p.message().kind() == ChatMessage.Kind.ALERT
                ? "post alert" : pending.effect().description();
        complete(claim, List.of((seq, at) -> new DeliveryFailed(seq, at, PersonRef.BOT, pending.effect().key(), what, reason)),
                Completion.Parked::new);
    }

    /** Ends a claim with no outcome to append. */
    private void complete(Claim claim, Completion completion) {
        if (!store.complete(claim, clock.instant(), completion)) {
            lost(claim);
        }
    }

    /**
     * Ends a claim together with its outcome events (and the effects they cause), numbered on from the
     * incident's current version; renumbered on fresh state when the incident changed meanwhile.
     */
    private void complete(Claim claim, List<Result> results, Function<Completion.Outcome, Completion> how) {
        IncidentId id = claim.pending().incident();
        for (int attempt = 1; ; attempt++) {
            Completion.Outcome outcome = Completion.Outcome.NONE;
            List<IncidentEvent> events = new ArrayList<>();
            @Nullable Incident after = null;
            if (!results.isEmpty()) {
                Incident incident = incidents.current(id);
                Instant now = clock.instant();
                long seq = incident.version();
                for (Result r : results) {
                    events.add(r.make(++seq, now));
                }
                outcome = new Completion.Outcome(incident.version(), events, planner.plan(incident, events));
                after = incident;
                for (IncidentEvent e : events) {
                    after = after.evolve(e);
                }
            }
            try {
                if (!store.complete(claim, clock.instant(), how.apply(outcome))) {
                    lost(claim);
                    return;
                }
                if (after != null) {
                    onOutcome.accept(after, events);
                }
                return;
            } catch (ConcurrencyConflictException e) {
                if (attempt >= MAX_OUTCOME_ATTEMPTS) {
                    throw e; // the claim runs out; the next holder looks for the vendor's marker first
                }
            }
        }
    }

    private static void lost(Claim claim) {
        LOG.warn("the claim on {} for {} ran out or was taken over before it ended; its outcome is dropped and the"
                + " current holder delivers it, looking for what this attempt left first",
                claim.pending().effect().description(), claim.pending().incident());
    }

    /** Makes a result event once its sequence number and time are known. */
    @FunctionalInterface
    private interface Result {
        IncidentEvent make(long seq, Instant at);
    }

    private List<Result> perform(Incident incident, Effect effect, IdempotencyKey key) {
        IncidentId id = incident.id();
        if (effect instanceof Effect.CreateChannel c) {
            if (incident.channel().isPresent()) {
                return List.of(); // bound meanwhile (`channel #…` before the creation went through): nothing to create
            }
            ChatGateway.Channel channel = c.privateChannel()
                    ? ports.chat().createChannel(c.name(), ChatGateway.Visibility.PRIVATE, key)
                    : ports.chat().createChannel(c.name(), key);
            return List.of((seq, at) -> new ChannelBound(seq, at, PersonRef.BOT, channel.id(), channel.name()));
        }
        if (effect instanceof Effect.Page p) {
            Pager.Page page = ports.pager().page(new Pager.PageRequest(id, p.target(),
                    id + " " + incident.severity().name() + " " + incident.title(), incident.severity(), incident.drill()), key);
            List<Result> out = new ArrayList<>();
            out.add((seq, at) -> new Paged(seq, at, PersonRef.BOT, p.target(), p.reason()));
            if (!page.url().isEmpty()) {
                out.add((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT, LinkKind.PAGE, page.url(),
                        "page for " + p.target().name(), page.reference()));
            }
            return out;
        }
        if (effect instanceof Effect.ResolvePages r) {
            List<PersonRef> paged = incident.all(Paged.class).stream().map(Paged::target)
                    .collect(java.util.stream.Collectors.toMap(PersonRef::id, t -> t, (a, b) -> a, java.util.LinkedHashMap::new))
                    .values().stream().toList();
            ports.pager().resolve(id, paged, key);
            return List.of();
        }
        if (effect instanceof Effect.PublishStatus s) {
            Optional<LinkAdded> existing = link(incident, LinkKind.STATUS_PAGE, "status page");
            StatusPublisher.Published published = ports.statusPublisher().publish(
                    new StatusPublisher.StatusUpdate(id, existing.map(LinkAdded::reference).filter(r -> !r.isEmpty()),
                            incident.title(), s.status(), s.message(), incident.severity(), incident.components(),
                            incident.drill()), key);
            return existing.isPresent() ? List.of() : List.of((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT,
                    LinkKind.STATUS_PAGE, published.url(), "status page", published.statusPageIncident()));
        }
        if (effect instanceof Effect.MarkComponents m) {
            ports.statusPublisher().markComponents(m.components(), incident.drill());
            return List.of();
        }
        if (effect instanceof Effect.FileReport) {
            IssueTracker tracker = ports.issuesFor(incident);
            String body = report.apply(incident) + context(incident);
            Optional<LinkAdded> existing = link(incident, LinkKind.ISSUE, "service-disruption report");
            if (existing.isPresent()) {
                tracker.updateBody(new IssueTracker.Issue(existing.get().reference(), existing.get().url()), body);
                return List.of();
            }
            IssueTracker.Issue issue = tracker.open(new IssueTracker.NewIssue(id,
                    "Service disruption: " + id + " " + incident.title(), body,
                    List.of("incident", incident.severity().name().toLowerCase(java.util.Locale.ROOT)),
                    roleHolders(incident)), key);
            return List.of((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT, LinkKind.ISSUE, issue.url(),
                    "service-disruption report", issue.id()));
        }
        if (effect instanceof Effect.FileFollowUp f) {
            String report = link(incident, LinkKind.ISSUE, "service-disruption report")
                    .map(l -> " Service-disruption report: " + l.url()).orElse("");
            IssueTracker.Issue issue = ports.issuesFor(incident).open(new IssueTracker.NewIssue(id,
                    f.text(), "Follow-up #" + f.number() + " of " + id + " (" + incident.title() + ")." + report,
                    List.of("follow-up", "incident"), incident.imoc().map(List::of).orElse(List.of())), key);
            return List.of((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT, LinkKind.ISSUE, issue.url(),
                    "follow-up #" + f.number(), issue.id()));
        }
        String channel = incident.channel().map(ChannelBound::channelId).orElseThrow(() -> new PortException(
                "chat", PortException.Kind.UNAVAILABLE, "", 0, null, id + " has no channel yet"));
        // the chat platform is asked only for what it can do (ChatGateway.capabilities()); what it cannot is
        // said in the channel instead: the kick-off names it, and a bookmark becomes a message with the link
        java.util.Set<ChatGateway.Capability> can = ports.chat().capabilities();
        if (effect instanceof Effect.Invite i) {
            ports.chat().invite(channel, i.people());
        } else if (effect instanceof Effect.SetTopic) {
            if (can.contains(ChatGateway.Capability.TOPIC)) {
                ports.chat().setTopic(channel, Messages.topic(incident));
            }
        } else if (effect instanceof Effect.Post p) {
            boolean pin = p.pin() && can.contains(ChatGateway.Capability.PIN);
            ChatMessage message = p.message().kind() == ChatMessage.Kind.KICKOFF ? Messages.withLimits(p.message(), can) : p.message();
            ChatGateway.MessageRef ref = ports.chat().post(channel, message, key);
            if (pin) {
                ports.chat().pin(ref);
            }
        } else if (effect instanceof Effect.Bookmark b) {
            if (can.contains(ChatGateway.Capability.BOOKMARK)) {
                ports.chat().bookmark(channel, b.title(), b.url());
            } else {
                ports.chat().post(channel, Messages.link(incident, b.title(), b.url()), key);
            }
        } else if (effect instanceof Effect.ArchiveChannel) {
            boolean archives = can.contains(ChatGateway.Capability.ARCHIVE);
            String report = link(incident, LinkKind.ISSUE, "service-disruption report").map(LinkAdded::url)
                    .orElse("not filed; type `timeline` for the record");
            ports.chat().post(channel, Messages.archiving(incident, report, archives), key);
            if (archives) {
                ports.chat().archive(channel);
            }
        } else {
            throw new IllegalStateException("unhandled " + effect);
        }
        return List.of();
    }

    /** Where the incident lives elsewhere, for the report issue: its channel and its status page incident. */
    private static String context(Incident incident) {
        List<String> parts = new ArrayList<>();
        incident.channel().ifPresent(c -> parts.add("Incident channel: #" + c.channelName() + " (`" + c.channelId() + "`)"));
        link(incident, LinkKind.STATUS_PAGE, "status page").ifPresent(l -> parts.add("Status page incident: " + l.url()));
        return parts.isEmpty() ? "" : "\n\n---\n" + String.join(" · ", parts) + "\n";
    }

    /** The people holding roles now, IMOC first, each once. */
    private static List<PersonRef> roleHolders(Incident incident) {
        java.util.Map<String, PersonRef> byId = new java.util.LinkedHashMap<>();
        incident.imoc().ifPresent(p -> byId.put(p.id(), p));
        incident.roles().values().forEach(p -> byId.putIfAbsent(p.id(), p));
        return List.copyOf(byId.values());
    }

    private static Optional<LinkAdded> link(Incident incident, LinkKind kind, String label) {
        return incident.links().stream().filter(l -> l.kind() == kind && l.label().equals(label)).findFirst();
    }
}
