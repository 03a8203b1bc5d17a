package dev.incidentkit.pagerduty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dev.incidentkit.IncidentCommands;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.http.JdkHttpBinding;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.webhook.InboundGate;
import dev.incidentkit.adapters.webhook.InboundGate.Delivery;
import dev.incidentkit.adapters.webhook.InboundGate.Key;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.pagerduty.internal.IncidentKeys;
import dev.incidentkit.spi.DeliveryLog;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.PortException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PagerDuty's webhooks v3 in, framework-neutral: give {@link #handle(InboundRequest)} the raw request and send
 * back the {@link InboundResponse}; {@link #httpHandler()} binds it to the JDK's {@code HttpServer} (usually at
 * {@code /webhooks/pagerduty}).
 *
 * <p><b>Checks, before anything else</b>, by the {@link InboundGate}: POST only (else 405), at most
 * {@link Builder#maxBodyBytes the body limit} (else 413), and {@code X-PagerDuty-Signature} holding a
 * {@code v1=} HMAC-SHA256 of the raw body with the subscription's secret (any of several, as during secret
 * rotation; compared in constant time), else 401. PagerDuty signs no timestamp, so freshness is judged from
 * the signed {@code event.occurred_at}: older than {@link Builder#maxEventAge the maximum age} (default 48
 * hours, PagerDuty's retry horizon) or more than five minutes ahead of the injected clock gets 401; a body
 * that is not a v3 event gets 400. A delivery whose {@code X-Webhook-Id} (PagerDuty's retries repeat it) or
 * signed event id was already accepted is answered 200 {@code already handled} and not handled again; the
 * memory is the {@link DeliveryLog} (the kit's store), so it holds across replicas and restarts, and a
 * replayed {@code incident.triggered} never declares a second incident. Rejected requests never reach the
 * kit, and bodies are never logged.
 *
 * <p><b>What is handled</b> (on the executor; the answer is 202 at once, as PagerDuty recommends):
 *
 * <ul>
 *   <li>{@code incident.acknowledged} of a PagerDuty incident the kit paged (its {@code incident_key} is
 *       {@code incidentkit/INC-42/<person id>}, see {@link PagerDutyPager}): records {@link Command.Acknowledge} on that
 *       incident as the acknowledging user, so the timeline shows {@code PageAcknowledged} and the
 *       acknowledgement reminder stops. The user is mapped to the kit's person by email through the
 *       {@link Builder#people people directory} (e.g. Slack's); without one, or without a match, the person
 *       is the PagerDuty user itself.
 *   <li>{@code incident.triggered} on a service in {@link PagerDutyConfig#declareServiceIds()} (opt-in),
 *       unless the kit opened it: declares an incident with the PagerDuty title, as its first assignee
 *       (who becomes IMOC), with the severity from the priority ({@code P1}→SEV1, {@code P2}→SEV2,
 *       {@code P3}→SEV3, lower→SEV4) or else the urgency ({@code high}→SEV2, {@code low}→SEV3), or from
 *       {@link Builder#severityMapping your mapping}. With {@link Builder#pager the pager} given, the kit's page
 *       for that incident is the PagerDuty incident itself: nobody is paged twice, and resolving it in the
 *       kit resolves it in PagerDuty.
 *   <li>Everything else is answered 202 and ignored.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the threads and connection it started.
 *
 * @since 0.1
 */
public final class PagerDutyInbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PagerDutyInbound.class);
    private static final String CHANNEL = "pagerduty";
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    private static final PersonRef PAGERDUTY = new PersonRef("pagerduty", "PagerDuty");

    private final PagerDutyConfig config;
    private final IncidentCommands commands;
    private final Clock clock;
    private final WebhookVerifier verifier;
    private final PagerDutyDirectory pagerDutyUsers;
    private final boolean ownsUsers;
    private final @Nullable Directory people;
    private final @Nullable PagerDutyPager pager;
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final Duration maxEventAge;
    private final DeliveryLog deliveries;
    private final InboundGate gate;
    private final Map<String, Severity> severities;
    private final ObjectMapper json = new ObjectMapper();

    private PagerDutyInbound(Builder b) {
        this.config = b.config;
        this.commands = b.commands;
        this.clock = b.clock;
        this.verifier = WebhookVerifier.pagerDuty(requireNonNull(b.config.webhookSecret(), "webhookSecret"));
        if (b.pager != null) {
            this.pagerDutyUsers = b.pager.directory();
            this.ownsUsers = false;
        } else {
            this.pagerDutyUsers = PagerDutyDirectory.create(b.config, b.clock, RetryPolicy.defaults());
            this.ownsUsers = true;
        }
        this.people = b.people;
        this.pager = b.pager;
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "incidentkit-pagerduty-inbound");
                t.setDaemon(true);
                return t;
            });
            this.executor = ownedExecutor;
        }
        this.maxEventAge = b.maxEventAge;
        this.deliveries = b.deliveries;
        this.gate = InboundGate.of("pagerduty", verifier, b.deliveries, b.clock, b.maxBodyBytes);
        this.severities = Map.copyOf(b.severities);
    }

    /**
     * Starts a builder.
     *
     * @param config the account; needs {@code webhookSecret}
     * @param commands what records acknowledgements and declares incidents, usually {@code IncidentKit}
     * @param deliveries remembers accepted deliveries, so a replay or retry is not acted on twice by any
     *     replica: usually the kit's {@code IncidentStore}
     * @return the builder
     */
    public static Builder builder(PagerDutyConfig config, IncidentCommands commands, DeliveryLog deliveries) {
        return new Builder(config, commands, deliveries);
    }

    /**
     * Handles one webhook delivery.
     *
     * @param request the raw request
     * @return the response to send; never throws for anything in the request
     */
    public InboundResponse handle(InboundRequest request) {
        return gate.handle(request, this::route);
    }

    /** Reads a verified delivery: stale or not an event is rejected; else handled once per delivery. */
    private Delivery route(InboundRequest request) {
        JsonNode event;
        try {
            event = json.readTree(request.body()).path("event");
        } catch (IOException e) {
            return Delivery.reject(400, "the body is not JSON");
        }
        String type = event.path("event_type").asText("");
        String eventId = event.path("id").asText("").strip();
        Optional<Instant> occurred = instant(event.path("occurred_at"));
        if (type.isEmpty() || eventId.isEmpty() || occurred.isEmpty()) {
            return Delivery.reject(400, "not a webhooks v3 event");
        }
        Instant now = clock.instant();
        if (occurred.get().isBefore(now.minus(maxEventAge)) || occurred.get().isAfter(now.plus(FUTURE_SKEW))) {
            log.warn("rejected a stale PagerDuty webhook ({} occurred at {})", type, occurred.get());
            return Delivery.reject(401, "stale event");
        }
        // X-Webhook-Id names the delivery (PagerDuty's retries repeat it) but is not signed; the event id is,
        // so a captured body replayed under a new X-Webhook-Id is a repeat too.
        List<Key> keys = new ArrayList<>();
        request.header("X-Webhook-Id").map(String::strip).filter(w -> !w.isEmpty()).ifPresent(w -> keys.add(new Key("webhook", w)));
        keys.add(new Key("event", eventId));
        return Delivery.once(keys, maxEventAge.plus(FUTURE_SKEW), () -> {
            try {
                executor.execute(() -> dispatch(type, event));
            } catch (RuntimeException e) {
                log.error("could not queue a PagerDuty {} webhook; it is lost: {}", type, e.toString());
                return InboundResponse.text(503, "busy; try again");
            }
            return InboundResponse.text(202, "accepted");
        });
    }

    private void dispatch(String type, JsonNode event) {
        try {
            if (type.equals("incident.acknowledged")) {
                acknowledged(event);
            } else if (type.equals("incident.triggered")) {
                triggered(event);
            } else {
                log.debug("ignored a PagerDuty {} webhook", type);
            }
        } catch (RuntimeException e) {
            log.error("could not handle a PagerDuty {} webhook; it is lost: {}", type, e.toString());
        }
    }

    private void acknowledged(JsonNode event) {
        JsonNode data = event.path("data");
        Optional<IncidentId> id = IncidentKeys.parse(data.path("incident_key").asText(""));
        if (id.isEmpty()) {
            log.debug("ignored an acknowledgement of a PagerDuty incident incidentkit did not page");
            return;
        }
        JsonNode agent = event.path("agent");
        if (!agent.path("type").asText("").startsWith("user")) {
            log.debug("ignored an acknowledgement of {} without a user agent", id.get());
            return;
        }
        PersonRef actor = person(agent);
        Reply reply = commands.handle(id, new Command.Acknowledge(), actor, CHANNEL);
        log.debug("recorded PagerDuty acknowledgement of {} by {}: {}", id.get(), actor.id(), reply.text());
    }

    private void triggered(JsonNode event) {
        JsonNode data = event.path("data");
        String service = data.path("service").path("id").asText("");
        String pagerDutyId = data.path("id").asText("");
        if (!config.declareServiceIds().contains(service) || pagerDutyId.isEmpty()) {
            return;
        }
        if (IncidentKeys.parse(data.path("incident_key").asText("")).isPresent()) {
            return; // the kit opened it: declaring again would loop
        }
        if (!deliveries.firstSeen("pagerduty-declared", pagerDutyId, clock.instant(), maxEventAge.plus(FUTURE_SKEW))) {
            return; // declared already, from another event about the same PagerDuty incident
        }
        String title = data.path("title").asText("").strip();
        if (title.isEmpty()) {
            title = "PagerDuty incident #" + data.path("number").asText(pagerDutyId);
        }
        Severity sev = severity(data);
        JsonNode assignee = data.path("assignees").path(0);
        PersonRef actor = assignee.isObject() ? person(assignee) : PAGERDUTY;
        if (pager != null) {
            pager.expectDeclaration(title, pagerDutyId, data.path("html_url").asText(""));
        }
        Reply reply = commands.handle(Optional.empty(), new Command.Declare(sev, title, false), actor, CHANNEL);
        log.info("declared an incident from PagerDuty incident {} on service {}: {}", pagerDutyId, service,
                reply.text().lines().findFirst().orElse(""));
    }

    /**
     * The configured mapping by priority name, then by urgency; else priority {@code P1}…{@code P3} to
     * SEV1…SEV3, lower priorities to SEV4; without a priority, urgency {@code high} to SEV2, else SEV3.
     */
    private Severity severity(JsonNode incident) {
        String priority = incident.path("priority").path("summary").asText("").strip();
        String urgency = incident.path("urgency").asText("").strip();
        for (String key : List.of(priority, urgency)) {
            for (Map.Entry<String, Severity> e : severities.entrySet()) {
                if (!key.isEmpty() && e.getKey().equalsIgnoreCase(key)) {
                    return e.getValue();
                }
            }
        }
        priority = priority.toUpperCase(Locale.ROOT);
        if (priority.matches("P[1-9]")) {
            int p = priority.charAt(1) - '0';
            return p == 1 ? Severity.SEV1 : p == 2 ? Severity.SEV2 : p == 3 ? Severity.SEV3 : Severity.SEV4;
        }
        return incident.path("urgency").asText("").equals("high") ? Severity.SEV2 : Severity.SEV3;
    }

    /** Maps a PagerDuty user reference to the kit's person, by email through the people directory. */
    private PersonRef person(JsonNode userRef) {
        String userId = userRef.path("id").asText("");
        String name = userRef.path("summary").asText("").strip();
        PersonRef fallback = userId.isEmpty() || userId.chars().anyMatch(Character::isWhitespace) ? PAGERDUTY
                : new PersonRef(userId, name.isEmpty() ? userId : name);
        if (fallback == PAGERDUTY) {
            return fallback;
        }
        try {
            Optional<Person> pd = pagerDutyUsers.findById(userId);
            if (people == null || pd.isEmpty()) {
                return pd.map(Person::ref).orElse(fallback);
            }
            Optional<String> email = pd.get().handle("email");
            return email.flatMap(people::findByEmail).map(Person::ref).orElse(pd.get().ref());
        } catch (PortException e) {
            log.warn("could not map PagerDuty user {} to a person: {}", userId, e.getMessage());
            return fallback;
        }
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns a handler for the JDK's {@link com.sun.net.httpserver.HttpServer}:
     *
     * <pre>{@code
     * server.createContext("/webhooks/pagerduty", inbound.httpHandler());
     * }</pre>
     *
     * @return the handler
     */
    public HttpHandler httpHandler() {
        return JdkHttpBinding.handler(this::handle, gate.maxBodyBytes());
    }

    /** Stops the thread and connection this inbound started (not those of a shared pager). */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        if (ownsUsers) {
            pagerDutyUsers.close();
        }
    }

    @Override
    public String toString() {
        return "PagerDutyInbound[" + verifier + ", declares on " + config.declareServiceIds().size() + " services]";
    }

    /**
     * Builds a {@link PagerDutyInbound}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final PagerDutyConfig config;
        private final IncidentCommands commands;
        private final DeliveryLog deliveries;
        private Clock clock = Clock.systemUTC();
        private @Nullable Directory people;
        private @Nullable PagerDutyPager pager;
        private @Nullable Executor executor;
        private Duration maxEventAge = Duration.ofHours(48);
        private int maxBodyBytes = 512 * 1024;
        private Map<String, Severity> severities = Map.of();

        private Builder(PagerDutyConfig config, IncidentCommands commands, DeliveryLog deliveries) {
            this.config = requireNonNull(config, "config");
            this.commands = requireNonNull(commands, "commands");
            this.deliveries = requireNonNull(deliveries, "deliveries");
        }

        /**
         * Sets the clock events' {@code occurred_at} is checked against; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Maps PagerDuty users to the kit's people by email through this directory (e.g. the chat's).
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder people(Directory directory) {
            this.people = requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Shares the pager's connection for user look-ups, and lets an incident declared from PagerDuty use
         * that PagerDuty incident as its page.
         *
         * @param pager the pager the kit pages with
         * @return this builder
         */
        public Builder pager(PagerDutyPager pager) {
            this.pager = requireNonNull(pager, "pager");
            return this;
        }

        /**
         * Handles accepted webhooks on this executor, which the caller owns; by default one daemon thread,
         * stopped on {@link PagerDutyInbound#close()}. Tests may pass {@code Runnable::run}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how old an event may be; default 48 hours (PagerDuty retries that long).
         *
         * @param age positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxEventAge(Duration age) {
            requireNonNull(age, "age");
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("maxEventAge is positive; got " + age);
            }
            this.maxEventAge = age;
            return this;
        }

        /**
         * Sets the largest body accepted; default 512 KiB (PagerDuty drops webhooks above 256 KB).
         *
         * @param bytes at least 1 KiB
         * @return this builder
         * @throws IllegalArgumentException if below 1024
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes is at least 1024; got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Sets the severity of incidents declared from PagerDuty by the PagerDuty incident's priority name
         * (e.g. {@code "P1"}, {@code "Critical"}) or urgency ({@code "high"}, {@code "low"}), compared
         * case-insensitively; the priority is looked up first. Unmapped values fall back to the default
         * mapping described on {@link PagerDutyInbound}.
         *
         * @param mapping priority names and urgencies to severities
         * @return this builder
         */
        public Builder severityMapping(Map<String, Severity> mapping) {
            this.severities = Map.copyOf(requireNonNull(mapping, "mapping"));
            return this;
        }

        /**
         * Builds the inbound side.
         *
         * @return the inbound
         * @throws IllegalArgumentException if the config has no webhook secret (the subscription's) or no
         *     {@code apiToken} (to find the acknowledging user)
         */
        public PagerDutyInbound build() {
            List<String> missing = config.missingFor("inbound");
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("PagerDuty webhooks need " + String.join(", ", missing)
                        + " (the subscription's secret, and a REST API key to find the acknowledging user)");
            }
            return new PagerDutyInbound(this);
        }
    }
}
