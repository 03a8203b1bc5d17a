package dev.incidentkit.internal;

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
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.Effect;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each pending effect through its port, one incident and port at a time in order,
 * with exponential backoff and jitter between attempts (longer if the vendor said so), a circuit breaker
 * per port, and the outcome appended to the timeline as events. When retries run out the effect is
 * parked (never dropped) and a {@link DeliveryFailed} event tells the channel how to retry.
 *
 * <p>Retry state lives in the store, not on a sleeping thread, so a restart resumes where it stopped
 * and tests drive it with a test clock. Resilience4j provides the backoff function and the breakers.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** How deliveries are retried. */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {}

    /**
     * Who claims effects for delivery, and for how long: several replicas on one store each deliver only
     * what they claimed; a replica that dies mid-delivery lets its lease run out.
     */
    public record Claims(String owner, Duration lease, int batch) {}

    private final IncidentStore store;
    private final Clock clock;
    private final ChatGateway chat;
    private final @Nullable Pager pager;
    private final @Nullable StatusPublisher statusPublisher;
    private final @Nullable IssueTracker issues;
    private final EffectPlanner planner;
    private final java.util.function.Function<Incident, String> report;
    private final BiConsumer<IncidentId, ChannelBound> onChannelBound;
    private final RetryPolicy retry;
    private final Claims claims;
    private final IntervalFunction backoff;
    private final Map<Effect.Port, CircuitBreaker> breakers = new EnumMap<>(Effect.Port.class);

    public Outbox(IncidentStore store, Clock clock, ChatGateway chat, @Nullable Pager pager,
                  @Nullable StatusPublisher statusPublisher, @Nullable IssueTracker issues, EffectPlanner planner,
                  java.util.function.Function<Incident, String> report, BiConsumer<IncidentId, ChannelBound> onChannelBound,
                  RetryPolicy retry, Claims claims) {
        this.store = store;
        this.clock = clock;
        this.chat = chat;
        this.pager = pager;
        this.statusPublisher = statusPublisher;
        this.issues = issues;
        this.planner = planner;
        this.report = report;
        this.onChannelBound = onChannelBound;
        this.retry = retry;
        this.claims = claims;
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
            breakers.put(port, CircuitBreaker.of("incidentkit-" + port.name().toLowerCase(java.util.Locale.ROOT), config));
        }
    }

    /**
     * Delivers every effect that is due now and that this outbox could claim, in order per incident and
     * port: the store hands out only the oldest waiting effect of each lane, so a lane whose head is
     * waiting for a retry, or is claimed by another replica, stays put.
     */
    public synchronized void deliverDue() {
        Set<Long> seen = new HashSet<>();
        while (true) { // outcomes may cause new effects (a bookmark for a new link), and heads move on: claim again
            Instant now = clock.instant();
            List<PendingEffect> claimed = store.claimDue(claims.owner(), now, claims.lease(), claims.batch());
            boolean delivered = false;
            for (PendingEffect pending : claimed) {
                if (seen.add(pending.id())) { // never twice in one round, whatever the store hands back
                    deliver(pending, clock.instant());
                    delivered = true;
                }
            }
            if (!delivered) {
                break;
            }
        }
    }

    /** Tries one claimed effect; every path ends the claim (delivered, retry later, or parked). */
    private boolean deliver(PendingEffect pending, Instant now) {
        Effect effect = pending.effect();
        CircuitBreaker breaker = breakers.get(effect.port());
        if (!breaker.tryAcquirePermission()) {
            store.effectRetryLater(pending.id(), now.plus(Duration.ofSeconds(30)));
            return false;
        }
        Instant start = clock.instant();
        try {
            Incident incident = Incident.replay(pending.incident(), store.load(pending.incident()));
            List<Result> results = perform(incident, effect);
            breaker.onSuccess(Duration.between(start, clock.instant()).toNanos(), TimeUnit.NANOSECONDS);
            store.effectDelivered(pending.id());
            if (!results.isEmpty()) {
                appendResults(pending.incident(), results);
            }
            return true;
        } catch (RuntimeException e) {
            breaker.onError(Duration.between(start, clock.instant()).toNanos(), TimeUnit.NANOSECONDS, e);
            return failed(pending, e, now);
        }
    }

    private boolean failed(PendingEffect pending, RuntimeException e, Instant now) {
        PortException port = e instanceof PortException p ? p : null;
        boolean retryable = port == null || port.retryable();
        int attempts = pending.attempts() + 1;
        if (retryable && attempts < retry.maxAttempts()) {
            Duration wait = Duration.ofMillis(backoff.apply(attempts));
            if (port != null && port.retryAfter().isPresent() && port.retryAfter().get().compareTo(wait) > 0) {
                wait = port.retryAfter().get();
            }
            LOG.warn("{} for {} failed (attempt {} of {}), retrying in {}: {}", pending.effect().description(),
                    pending.incident(), attempts, retry.maxAttempts(), wait, e.getMessage());
            store.effectRetryLater(pending.id(), now.plus(wait));
            return false;
        }
        String reason = port != null ? port.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.error("{} for {} failed for good after {} attempt(s); parked until someone types `retry`: {}",
                pending.effect().description(), pending.incident(), attempts, reason);
        store.effectFailed(pending.id());
        String what = pending.effect() instanceof Effect.Post p && p.message().kind() == dev.incidentkit.spi.ChatMessage.Kind.ALERT
                ? "post alert" : pending.effect().description();
        appendResults(pending.incident(), List.of((seq, at) -> new DeliveryFailed(seq, at, PersonRef.BOT,
                pending.effect().key(), what, reason)));
        return true; // a parked effect does not hold up the lane
    }

    /** Makes a result event once its sequence number and time are known. */
    @FunctionalInterface
    private interface Result {
        IncidentEvent make(long seq, Instant at);
    }

    private List<Result> perform(Incident incident, Effect effect) {
        IncidentId id = incident.id();
        if (effect instanceof Effect.CreateChannel c) {
            ChatGateway.Channel channel = chat.createChannel(c.name(), c.key());
            return List.of((seq, at) -> new ChannelBound(seq, at, PersonRef.BOT, channel.id(), channel.name()));
        }
        if (effect instanceof Effect.Page p) {
            Pager.Page page = required(pager, "pager").page(new Pager.PageRequest(id, p.target(),
                    id + " " + incident.severity().name() + " " + incident.title(), incident.severity(), incident.drill()), p.key());
            List<Result> out = new ArrayList<>();
            out.add((seq, at) -> new Paged(seq, at, PersonRef.BOT, p.target(), p.reason()));
            if (!page.url().isEmpty()) {
                out.add((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT, LinkKind.PAGE, page.url(),
                        "page for " + p.target().name(), page.reference()));
            }
            return out;
        }
        if (effect instanceof Effect.ResolvePages r) {
            required(pager, "pager").resolve(id, r.key());
            return List.of();
        }
        if (effect instanceof Effect.PublishStatus s) {
            Optional<LinkAdded> existing = link(incident, LinkKind.STATUS_PAGE, "status page");
            StatusPublisher.Published published = required(statusPublisher, "status page").publish(
                    new StatusPublisher.StatusUpdate(id, existing.map(LinkAdded::reference).filter(r -> !r.isEmpty()),
                            incident.title(), s.status(), s.message(), incident.severity(), incident.components(),
                            incident.drill()), s.key());
            return existing.isPresent() ? List.of() : List.of((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT,
                    LinkKind.STATUS_PAGE, published.url(), "status page", published.statusPageIncident()));
        }
        if (effect instanceof Effect.FileReport f) {
            IssueTracker tracker = required(issues, "issue tracker");
            String body = report.apply(incident) + context(incident);
            Optional<LinkAdded> existing = link(incident, LinkKind.ISSUE, "service-disruption report");
            if (existing.isPresent()) {
                tracker.updateBody(new IssueTracker.Issue(existing.get().reference(), existing.get().url()), body);
                return List.of();
            }
            IssueTracker.Issue issue = tracker.open(new IssueTracker.NewIssue(id,
                    "Service disruption: " + id + " " + incident.title(), body,
                    List.of("incident", incident.severity().name().toLowerCase(java.util.Locale.ROOT)),
                    roleHolders(incident)), f.key());
            return List.of((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT, LinkKind.ISSUE, issue.url(),
                    "service-disruption report", issue.id()));
        }
        if (effect instanceof Effect.FileFollowUp f) {
            String report = link(incident, LinkKind.ISSUE, "service-disruption report")
                    .map(l -> " Service-disruption report: " + l.url()).orElse("");
            IssueTracker.Issue issue = required(issues, "issue tracker").open(new IssueTracker.NewIssue(id,
                    f.text(), "Follow-up #" + f.number() + " of " + id + " (" + incident.title() + ")." + report,
                    List.of("follow-up", "incident"), incident.imoc().map(List::of).orElse(List.of())), f.key());
            return List.of((seq, at) -> new LinkAdded(seq, at, PersonRef.BOT, LinkKind.ISSUE, issue.url(),
                    "follow-up #" + f.number(), issue.id()));
        }
        String channel = incident.channel().map(ChannelBound::channelId).orElseThrow(() -> new PortException(
                "chat", PortException.Kind.UNAVAILABLE, "", 0, null, id + " has no channel yet"));
        if (effect instanceof Effect.Invite i) {
            chat.invite(channel, i.people());
        } else if (effect instanceof Effect.SetTopic) {
            chat.setTopic(channel, Messages.topic(incident));
        } else if (effect instanceof Effect.Post p) {
            ChatGateway.MessageRef ref = chat.post(channel, p.message(), p.key());
            if (p.pin()) {
                chat.pin(ref);
            }
        } else if (effect instanceof Effect.Bookmark b) {
            chat.bookmark(channel, b.title(), b.url());
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

    private static <T> T required(@Nullable T port, String name) {
        if (port == null) {
            throw new PortException(name, PortException.Kind.INVALID, "", 0, null, "no " + name + " is configured");
        }
        return port;
    }

    /** Appends result events (and the effects they cause), re-reading the incident on a conflict. */
    private void appendResults(IncidentId id, List<Result> results) {
        for (int attempt = 0; ; attempt++) {
            Incident incident = Incident.replay(id, store.load(id));
            Instant now = clock.instant();
            List<IncidentEvent> events = new ArrayList<>();
            long seq = incident.version();
            for (Result r : results) {
                events.add(r.make(++seq, now));
            }
            try {
                store.append(id, incident.version(), events, planner.plan(incident, events));
                events.stream().filter(ChannelBound.class::isInstance).map(ChannelBound.class::cast)
                        .forEach(bound -> onChannelBound.accept(id, bound));
                return;
            } catch (ConcurrencyConflictException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }
}
