package dev.incidentkit.statuspage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.statuspage.internal.Components;
import dev.incidentkit.statuspage.internal.Templates;
import dev.incidentkit.statuspage.internal.StatuspageApi;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
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
 *   <li>Components marked in the chat can also be set on their own ({@link #markComponents}).
 *   <li>Statuspage has no idempotency key: the create and each update leave the key in the incident's
 *       {@code metadata}, and a call whose earlier attempt may have acted looks for it first (see
 *       {@link #publish}). Nothing is remembered in memory.
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
    private static final String UPDATE_METADATA_KEY = "incidentkit_update";
    private static final int PER_PAGE = 100;
    private static final int LOOKUP_PAGES = 5;
    private static final Set<String> COMPONENT_STATUSES = Set.of("operational", "under_maintenance",
            "degraded_performance", "partial_outage", "major_outage");

    private final StatuspageConfig config;
    private final StatuspageApi api;
    private final Components components;
    private final Templates templates;

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

    /**
     * Publishes an update: the first opens the status page incident, later ones update it.
     *
     * <p><b>Safe to repeat, by markers Statuspage keeps.</b> Statuspage has no idempotency key, and both calls
     * create something customers see (an incident; an entry in its {@code incident_updates}), so neither is
     * repeated blindly:
     * <ul>
     *   <li>The {@code POST} that opens the incident carries {@code metadata.incidentkit} =
     *       {@code {"incident": <incidentkit id>, "key": <idempotency key>}}. When {@link IdempotencyKey#mayExist()}, the page's unresolved incidents, then
     *       its most recent ones, are searched for that marker first, and the incident found is returned
     *       instead of opening a second one.
     *   <li>Each later {@code PATCH} writes {@code metadata.incidentkit_update} = {@code {"key": <its key>}}
     *       in the same request, so the marker is there exactly when the update is (a top-level entry of its
     *       own, so it leaves the create's marker alone). When {@link IdempotencyKey#mayExist()},
     *       the incident is read first ({@code GET}) and the {@code PATCH} is skipped if the marker names
     *       this key. If the incident carries no incidentkit metadata at all (a vendor that dropped it), the
     *       newest entry of {@code incident_updates} with the same status and text counts as applied.
     *       incidentkit sends one incident's updates one at a time and in order, so a retried update is
     *       always the last one that may have been applied, and "last applied key" is enough.
     *   <li>Neither write is retried inside one call after a timeout or 5xx (the outcome is unknown); the
     *       outbox retries with {@link IdempotencyKey#again}, which looks first.
     * </ul>
     *
     * @throws PortException {@code INVALID} for a drill without a sandbox page or an unknown component;
     *     {@code TIMEOUT}/{@code UNAVAILABLE}/{@code RATE_LIMITED} when Statuspage does not answer well
     */
    @Override
    public Published publish(StatusUpdate update, IdempotencyKey key) {
        requireNonNull(update, "update");
        requireNonNull(key, "key");
        String page = pageFor(update.drill(), "statuspage incidents");
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
        ObjectNode metadata = incident.putObject("metadata");
        Optional<String> existing = update.statusPageIncident();
        JsonNode answer;
        if (existing.isEmpty()) {
            if (key.mayExist()) {
                Optional<JsonNode> earlier = findOpenedWith(page, key.value());
                if (earlier.isPresent()) {
                    log.debug("status page incident {} for {} was opened by an earlier attempt ({})",
                            earlier.get().path("id").asText(), update.incident(), key);
                    return published(page, earlier.get(), "");
                }
            }
            metadata.putObject(METADATA_KEY).put("incident", update.incident().value()).put("key", key.value());
            incident.put("name", limit((update.drill() ? "[DRILL] " : "") + update.title(), NAME_LIMIT));
            incident.put("impact_override", impact(update.severity()));
            incident.put("deliver_notifications", !update.drill());
            answer = api.post("incidents.create", incidentsPath(page), wrap(incident));
            log.debug("opened status page incident {} for {}", answer.path("id").asText(), update.incident());
        } else {
            String path = incidentsPath(page) + "/" + existing.get();
            if (key.mayExist()) {
                JsonNode current = api.get("incidents.get", path, Map.of());
                if (applied(current, key.value(), incident)) {
                    log.debug("update {} of status page incident {} was applied by an earlier attempt", key, existing.get());
                    return published(page, current, existing.get());
                }
            }
            metadata.putObject(UPDATE_METADATA_KEY).put("key", key.value());
            answer = api.patchOnce("incidents.update", path, wrap(incident));
            log.debug("updated status page incident {} of {} ({})", existing.get(), update.incident(), update.status());
        }
        return published(page, answer, existing.orElse(""));
    }

    private Published published(String page, JsonNode answer, String knownId) {
        String id = answer.path("id").asText(knownId);
        if (id.isEmpty()) {
            throw new PortException("statuspage incidents", PortException.Kind.UNAVAILABLE, "no_id", 0, null,
                    "Statuspage answered without an incident id");
        }
        String url = answer.path("shortlink").asText("");
        return new Published(id, url.isBlank() ? "https://manage.statuspage.io/pages/" + page + "/incidents/" + id : url);
    }

    private String pageFor(boolean drill, String port) {
        return config.pageFor(drill).orElseThrow(() -> new PortException(port, PortException.Kind.INVALID,
                "no_sandbox_page", 0, null,
                "drills never reach the public page and no sandbox page is configured (STATUSPAGE_SANDBOX_PAGE_ID)"));
    }

    private static String incidentsPath(String page) {
        return "pages/" + page + "/incidents";
    }

    private ObjectNode wrap(ObjectNode incident) {
        ObjectNode body = api.object();
        body.set("incident", incident);
        return body;
    }

    /**
     * Looks for the incident an earlier attempt opened with this key: among the unresolved incidents (all
     * of them, 100 a page), then the most recent ones (in case it was resolved since).
     */
    private Optional<JsonNode> findOpenedWith(String page, String key) {
        for (String list : List.of("incidents.unresolved", "incidents.list")) {
            for (int n = 1; n <= LOOKUP_PAGES; n++) {
                JsonNode found = list.equals("incidents.unresolved")
                        ? api.get(list, incidentsPath(page) + "/unresolved", Map.of("page", Integer.toString(n),
                                "per_page", Integer.toString(PER_PAGE)))
                        : api.get(list, incidentsPath(page), Map.of("page", Integer.toString(n),
                                "limit", Integer.toString(PER_PAGE)));
                for (JsonNode i : found) {
                    if (key.equals(i.path("metadata").path(METADATA_KEY).path("key").asText(null))) {
                        return Optional.of(i);
                    }
                }
                if (found.size() < PER_PAGE) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the incident shows that the update with this key (and these fields) was applied. */
    private static boolean applied(JsonNode incident, String key, ObjectNode update) {
        JsonNode metadata = incident.path("metadata");
        if (metadata.path(UPDATE_METADATA_KEY).isObject() || metadata.path(METADATA_KEY).isObject()) {
            return key.equals(metadata.path(UPDATE_METADATA_KEY).path("key").asText(null));
        }
        JsonNode newest = null;
        for (JsonNode u : incident.path("incident_updates")) {
            if (newest == null || u.path("created_at").asText("").compareTo(newest.path("created_at").asText("")) > 0) {
                newest = u;
            }
        }
        return newest != null && newest.path("status").asText("").equals(update.path("status").asText())
                && newest.path("body").asText("").equals(update.path("body").asText());
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

    /** Returns true: components are set on their own with {@link #markComponents}. */
    @Override
    public boolean marksComponents() {
        return true;
    }

    /**
     * Sets each named component's status on the page ({@code PATCH /pages/{page}/components/{id}} with
     * {@code {"component":{"status":…}}}), one call per component, in the order given. Setting a status is
     * idempotent, so these calls are retried after a timeout and a repeat is harmless. Everything is checked
     * before anything is sent: an unknown name or status changes nothing. A drill's components are set on the
     * sandbox page; without one, a drill is refused like its updates.
     *
     * @param components name as typed to status ({@code operational}, {@code under_maintenance},
     *     {@code degraded_performance}, {@code partial_outage}, {@code major_outage})
     * @param drill whether it is for a drill
     * @throws PortException {@code INVALID} with vendor code {@code unknown_component} naming the unknown
     *     names and the page's components, {@code unknown_status} for a status Statuspage does not have, or
     *     {@code no_sandbox_page} for a drill without a sandbox page; or as Statuspage fails
     */
    @Override
    public void markComponents(Map<String, String> components, boolean drill) {
        requireNonNull(components, "components");
        String page = pageFor(drill, "statuspage components");
        List<String> badStatuses = components.entrySet().stream().filter(e -> !COMPONENT_STATUSES.contains(e.getValue()))
                .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").toList();
        if (!badStatuses.isEmpty()) {
            throw new PortException("statuspage components", PortException.Kind.INVALID, "unknown_status", 0, null,
                    "Statuspage has no component status " + String.join(", ", badStatuses) + "; use one of "
                            + COMPONENT_STATUSES.stream().sorted().toList());
        }
        Map<String, Components.Component> found = components.isEmpty() ? Map.of()
                : this.components.resolve(page, components.keySet());
        for (Map.Entry<String, Components.Component> e : found.entrySet()) {
            ObjectNode body = api.object();
            body.putObject("component").put("status", components.get(e.getKey()));
            api.patch("components.update", "pages/" + page + "/components/" + e.getValue().id(), body);
            log.debug("set component {} on page {} to {}", e.getValue().id(), page, components.get(e.getKey()));
        }
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

    /** Stops the threads this publisher started; calls in flight may fail. */
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
