package dev.incidentkit.statuspage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.statuspage.internal.Components;
import dev.incidentkit.statuspage.internal.Templates;
import dev.incidentkit.statuspage.internal.StatuspageApi;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StatusPublisher} for Atlassian Statuspage (api-notes §4).
 *
 * <ul>
 *   <li>The first update of an incident opens a status page incident ({@code POST /pages/{page}/incidents})
 *       with the title, status, message, an impact from the severity, and a metadata tag naming the
 *       incidentkit incident; later updates {@code PATCH} it with their status and message, which
 *       Statuspage shows as a new incident update; {@code RESOLVED} resolves it.
 *   <li>Affected components marked in the chat ({@code components checkout=major_outage}) go out with each
 *       update as {@code component_ids} and {@code components}. Names are found in the page's component
 *       list ({@code GET /pages/{page}/components}, cached for five minutes by default) case- and
 *       punctuation-insensitively; an unknown name is refused with the page's component names. On
 *       resolve, every affected component returns to {@code operational} unless it was marked
 *       {@code under_maintenance} or {@link StatuspageConfig#restoreComponentsOnResolve()} is off.
 *   <li>{@code template <name>} reads the page's incident templates
 *       ({@code GET /pages/{page}/incident_templates}, cached like the component list) and finds the name
 *       case- and punctuation-insensitively; incidentkit then publishes the template's body with its
 *       {@code update_status} and components as an ordinary update. A drill reads the sandbox page's
 *       templates, or the public page's when there is no sandbox page (reading changes nothing).
 *   <li>Statuspage allows one request per second per API token: every call waits its turn in one queue
 *       (never dropped, in call order), and a 420 or 429 is retried after {@code Retry-After}, or after at
 *       least a second when Statuspage sends none. incidentkit delivers one incident's updates one at a
 *       time and in order, so the order holds under retries.
 *   <li>Drills go to the sandbox page when one is configured ({@link #publishesDrills()}); otherwise
 *       incidentkit keeps them in the channel and never calls this publisher for them.
 *   <li>Statuspage has no idempotency key: a create retried with the same key after an unclear failure
 *       first looks for an unresolved incident tagged with the incidentkit incident, and updates that.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the threads it started.
 *
 * @since 0.1
 */
public final class StatuspageStatusPublisher implements StatusPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatuspageStatusPublisher.class);
    private static final int NAME_LIMIT = 255;
    private static final int BODY_LIMIT = 25_000;
    private static final String METADATA_KEY = "incidentkit";

    private final StatuspageConfig config;
    private final StatuspageApi api;
    private final Components components;
    private final Templates templates;
    private final Set<String> attemptedCreates = new HashSet<>();

    private StatuspageStatusPublisher(Builder b) {
        this.config = b.config;
        this.api = new StatuspageApi(b.config.apiUrl(), b.config.token(), b.config.requestTimeout(), b.clock,
                b.retryPolicy, b.httpClient, b.scheduler, b.requestInterval, b.rateLimitWait);
        this.components = new Components(api, b.clock, b.componentCacheTtl);
        this.templates = new Templates(api, b.clock, b.componentCacheTtl);
    }

    /**
     * Starts a builder.
     *
     * @param config the page settings
     * @return the builder
     */
    public static Builder builder(StatuspageConfig config) {
        return new Builder(config);
    }

    @Override
    public Published publish(StatusUpdate update, String idempotencyKey) {
        requireNonNull(update, "update");
        requireNonNull(idempotencyKey, "idempotencyKey");
        String page = config.pageFor(update.drill()).orElseThrow(() -> new PortException("statuspage incidents",
                PortException.Kind.INVALID, "no_sandbox_page", 0, null,
                "drills never reach the public page and no sandbox page is configured (STATUSPAGE_SANDBOX_PAGE_ID)"));
        Map<String, Components.Component> affected = update.components().isEmpty() ? Map.of()
                : components.resolve(page, update.components().keySet());
        ObjectNode incident = api.object();
        incident.put("status", status(update.status()));
        incident.put("body", limit(update.message(), BODY_LIMIT));
        if (!affected.isEmpty()) {
            Map<String, String> statuses = new LinkedHashMap<>();
            affected.forEach((name, c) -> statuses.put(c.id(), componentStatus(update, update.components().get(name))));
            incident.putArray("component_ids").addAll(statuses.keySet().stream().map(incident::textNode).toList());
            ObjectNode map = incident.putObject("components");
            statuses.forEach(map::put);
        }
        Optional<String> existing = update.statusPageIncident();
        if (existing.isEmpty()) {
            boolean retry;
            synchronized (attemptedCreates) {
                retry = !attemptedCreates.add(idempotencyKey);
            }
            if (retry) {
                existing = findTagged(page, update.incident().value());
            }
        }
        JsonNode answer;
        if (existing.isPresent()) {
            answer = api.patch("incidents.update", "pages/" + page + "/incidents/" + existing.get(), wrap(incident));
            log.debug("updated status page incident {} of {} ({})", existing.get(), update.incident(), update.status());
        } else {
            incident.put("name", limit((update.drill() ? "[DRILL] " : "") + update.title(), NAME_LIMIT));
            incident.put("impact_override", impact(update.severity()));
            incident.put("deliver_notifications", !update.drill());
            incident.putObject("metadata").putObject(METADATA_KEY).put("incident", update.incident().value());
            answer = api.post("incidents.create", "pages/" + page + "/incidents", wrap(incident));
            log.debug("opened status page incident {} for {}", answer.path("id").asText(), update.incident());
        }
        String id = answer.path("id").asText(existing.orElse(""));
        if (id.isEmpty()) {
            throw new PortException("statuspage incidents", PortException.Kind.UNAVAILABLE, "no_id", 0, null,
                    "Statuspage answered without an incident id");
        }
        String url = answer.path("shortlink").asText("");
        return new Published(id, url.isBlank() ? "https://manage.statuspage.io/pages/" + page + "/incidents/" + id : url);
    }

    private ObjectNode wrap(ObjectNode incident) {
        ObjectNode body = api.object();
        body.set("incident", incident);
        return body;
    }

    /** After an unclear failure of a create: the unresolved incident tagged with ours, if it was created. */
    private Optional<String> findTagged(String page, String incident) {
        JsonNode open = api.get("incidents.unresolved", "pages/" + page + "/incidents/unresolved", Map.of());
        for (JsonNode i : open) {
            if (incident.equals(i.path("metadata").path(METADATA_KEY).path("incident").asText(null))) {
                log.debug("found status page incident {} created for {} by an earlier attempt", i.path("id").asText(), incident);
                return Optional.of(i.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private String componentStatus(StatusUpdate update, String marked) {
        if (update.status() == IncidentStatus.RESOLVED && config.restoreComponentsOnResolve()
                && !marked.equals("under_maintenance")) {
            return "operational";
        }
        return marked;
    }

    private static String status(IncidentStatus status) {
        switch (status) {
            case INVESTIGATING:
                return "investigating";
            case IDENTIFIED:
                return "identified";
            case MONITORING:
                return "monitoring";
            default:
                return "resolved"; // resolved, and the ends that imply it
        }
    }

    private static String impact(Severity severity) {
        switch (severity) {
            case SEV1:
                return "critical";
            case SEV2:
                return "major";
            default:
                return "minor";
        }
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Returns true when a sandbox page is configured, so drills' updates go there. */
    @Override
    public boolean publishesDrills() {
        return config.sandboxPageId().isPresent();
    }

    /** Checks names against the page's components (cached; the first check of a page fetches the list). */
    @Override
    public Optional<String> checkComponents(Collection<String> names, boolean drill) {
        Optional<String> page = config.pageFor(drill);
        if (page.isEmpty() || names.isEmpty()) {
            return Optional.empty();
        }
        return components.check(page.get(), names, new LinkedHashMap<>());
    }

    /** Stops the threads this publisher started; calls in flight may fail. */
    /** Finds one of the page's incident templates by name (cached; the first look-up of a page fetches them). */
    @Override
    public Optional<Template> template(String name, boolean drill) {
        requireNonNull(name, "name");
        return templates.find(templatePage(drill), name);
    }

    /** Lists the names of the page's incident templates (cached). */
    @Override
    public List<String> templateNames(boolean drill) {
        return templates.of(templatePage(drill)).stream().map(Template::name).toList();
    }

    private String templatePage(boolean drill) {
        return config.pageFor(drill).orElse(config.pageId());
    }

    @Override
    public void close() {
        api.close();
    }

    /** Names the page only. */
    @Override
    public String toString() {
        return "StatuspageStatusPublisher[" + config + "]";
    }

    /**
     * Builds a {@link StatuspageStatusPublisher}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final StatuspageConfig config;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpClient httpClient;
        private @Nullable ScheduledExecutorService scheduler;
        private Duration requestInterval = Duration.ofSeconds(1);
        private Duration rateLimitWait = Duration.ofSeconds(1);
        private Duration componentCacheTtl = Duration.ofMinutes(5);

        private Builder(StatuspageConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /**
         * Sets the clock for the request pace, the component cache and {@code Retry-After} dates; default
         * UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how calls are retried inside one delivery; default {@link RetryPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Uses this JDK HTTP client (proxies, TLS settings).
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = requireNonNull(client, "client");
            return this;
        }

        /**
         * Schedules retries and paced calls on this executor, which the caller owns; by default the
         * publisher starts one daemon thread and stops it on {@link StatuspageStatusPublisher#close()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the pace of calls for the token: one call per {@code interval}; default one second, Statuspage's
         * limit. Zero turns pacing off (for tests).
         *
         * @param interval not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder requestInterval(Duration interval) {
            requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("requestInterval is not negative; got " + interval);
            }
            this.requestInterval = interval;
            return this;
        }

        /**
         * Sets how long to wait after a 420 or 429 that carries no {@code Retry-After}; default one second.
         *
         * @param wait not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder rateLimitWait(Duration wait) {
            requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("rateLimitWait is not negative; got " + wait);
            }
            this.rateLimitWait = wait;
            return this;
        }

        /**
         * Sets how long the page's component list and incident templates are kept; default five minutes.
         *
         * @param ttl positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder componentCacheTtl(Duration ttl) {
            requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("componentCacheTtl is positive; got " + ttl);
            }
            this.componentCacheTtl = ttl;
            return this;
        }

        /**
         * Builds the publisher.
         *
         * @return the publisher
         */
        public StatuspageStatusPublisher build() {
            return new StatuspageStatusPublisher(this);
        }
    }
}
