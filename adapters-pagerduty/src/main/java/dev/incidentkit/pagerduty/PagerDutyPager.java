package dev.incidentkit.pagerduty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.pagerduty.internal.IncidentKeys;
import dev.incidentkit.pagerduty.internal.PagerDutyErrors;
import dev.incidentkit.pagerduty.internal.PagerDutyEvents;
import dev.incidentkit.pagerduty.internal.PagerDutyRest;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Pager} for PagerDuty, in one of two modes chosen when building it:
 *
 * <ul>
 *   <li>{@link #restApi(PagerDutyConfig)}: {@code POST /incidents} on the configured service, assigned to
 *       the paged person's PagerDuty user (found by the {@code "pagerduty"} or {@code "email"} handle the
 *       {@link Builder#people people directory} knows, or a PagerDuty user id as the person's id), or to
 *       the escalation policy when the person has no PagerDuty account or
 *       {@link Builder#assignToEscalationPolicy()} is set. Needs {@code apiToken}, {@code fromEmail} (sent as
 *       {@code From}) and {@code serviceId}. Pages carry the PagerDuty incident's id and {@code html_url}.
 *   <li>{@link #eventsApi(PagerDutyConfig)}: a {@code trigger} event to {@code /v2/enqueue} with the
 *       service integration's {@code routingKey}; PagerDuty's service rules decide who is notified, and the
 *       paged person is named in {@code custom_details}. Pages carry the {@code dedup_key} and no URL.
 * </ul>
 *
 * <p><b>A page is per incident and person.</b> Each page carries a key derived from the incidentkit
 * incident and the paged person alone, {@code incidentkit/INC-42/U024BE7LH}: the REST {@code incident_key} or
 * the Events {@code dedup_key}. Paging another person for the same incident (an escalation to the next IMOC,
 * a new IMOC after a hand-off) is a page of its own, and reaches that person.
 *
 * <p><b>Idempotency.</b> The key is the marker PagerDuty itself keeps, and PagerDuty de-duplicates by it:
 * while a page is open, PagerDuty folds a repeated Events {@code trigger} with its {@code dedup_key} into the
 * open alert, and refuses a second open REST incident with its {@code incident_key} on the service (400),
 * whereupon this pager lists the incidents with that key and returns the open one (api-notes §3.6). So a page
 * retried after an unclear outcome (a timeout, a crash mid-call) pages nobody twice, and no extra look-up is
 * needed when {@link IdempotencyKey#mayExist()} is true. The pager keeps no record of what it paged:
 * {@link #resolve} derives each person's key again, so it works across restarts and replicas. Once a page
 * is resolved, paging the same person again for the incident opens a new page, as PagerDuty does. Webhooks
 * carry the key back, which is how {@link PagerDutyInbound} maps PagerDuty incidents to incidentkit ones.
 *
 * <p><b>Resolving</b> resolves each paged person's open PagerDuty incidents with their key
 * ({@code PUT /incidents/{id}}, "already resolved" counts as done), or sends a {@code resolve} event per key
 * (PagerDuty drops it when the alert is already resolved). With {@link Builder#notes(boolean)} a note is
 * added when paging and before resolving a REST incident; {@link #note} adds one on demand.
 *
 * <p>Severity: SEV1 and SEV2 page with {@code high} urgency (events: {@code critical}, {@code error}),
 * SEV3 and SEV4 with {@code low} ({@code warning}, {@code info}). Drills are titled {@code [DRILL] …}.
 * Rate limits (429, code 2020) wait for {@code ratelimit-reset} and retry; failures are
 * {@link PortException}s with PagerDuty's code. Thread-safe. {@link #close()} closes its connections.
 *
 * @since 0.1
 */
public final class PagerDutyPager implements Pager, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PagerDutyPager.class);
    private static final Pattern USER_ID = Pattern.compile("P[A-Z0-9]{5,13}");
    private static final int SUMMARY_LIMIT = 1024;

    /**
     * Which PagerDuty API pages.
     *
     * @since 0.1
     */
    public enum Mode {
        /** REST API v2 incidents, assigned to a person or an escalation policy. */
        REST_API,
        /** Events API v2 alerts on a service integration. */
        EVENTS_API
    }

    private final PagerDutyConfig config;
    private final Mode mode;
    private final @Nullable PagerDutyRest rest;
    private final @Nullable PagerDutyEvents events;
    private final @Nullable PagerDutyDirectory pagerDutyUsers;
    private final @Nullable Directory people;
    private final boolean escalationPolicyOnly;
    private final boolean notes;
    /** PagerDuty incidents that declared an incidentkit incident, adopted as its first page (in memory only). */
    private final Map<IncidentId, Adopted> adopted = new ConcurrentHashMap<>();
    private final Map<String, Page> expected = new ConcurrentHashMap<>();

    private record Adopted(PersonRef target, Page page) {}

    private PagerDutyPager(Builder b) {
        this.config = b.config;
        this.mode = b.mode;
        Secret token = config.apiToken();
        this.rest = token == null ? null : new PagerDutyRest(config.apiUrl(), token, config.fromEmail(),
                config.requestTimeout(), b.clock, b.retryPolicy, b.httpClient);
        this.events = mode == Mode.EVENTS_API
                ? new PagerDutyEvents(config.eventsUrl(), config.requestTimeout(), b.clock, b.retryPolicy, b.httpClient)
                : null;
        this.pagerDutyUsers = rest == null ? null : new PagerDutyDirectory(rest, false);
        this.people = b.people;
        this.escalationPolicyOnly = b.escalationPolicyOnly;
        this.notes = b.notes;
    }

    /**
     * Starts a builder for paging through REST API v2 incidents.
     *
     * @param config the account; needs {@code apiToken}, {@code fromEmail} and {@code serviceId}
     * @return the builder
     */
    public static Builder restApi(PagerDutyConfig config) {
        return new Builder(config, Mode.REST_API);
    }

    /**
     * Starts a builder for paging through Events API v2.
     *
     * @param config the account; needs only {@code routingKey}
     * @return the builder
     */
    public static Builder eventsApi(PagerDutyConfig config) {
        return new Builder(config, Mode.EVENTS_API);
    }

    /**
     * Returns the mode chosen when building.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Returns a directory of the account's users that shares this pager's connection.
     *
     * @return the directory; closing it does nothing
     * @throws IllegalStateException if the config has no {@code apiToken} (events mode with the routing key
     *     alone)
     */
    public PagerDutyDirectory directory() {
        if (pagerDutyUsers == null) {
            throw new IllegalStateException("this pager has no REST API key, so no directory; set PAGERDUTY_TOKEN");
        }
        return pagerDutyUsers;
    }

    /**
     * Pages a person for an incident, or returns that person's page if it is still open.
     *
     * @param request what to page
     * @param idempotencyKey stable across retries; PagerDuty de-duplicates by the page's own key (incident and
     *     person), so {@link IdempotencyKey#mayExist()} needs no extra look-up
     * @return the page: the PagerDuty incident id and URL (REST), or the {@code dedup_key} (events)
     * @throws PortException if PagerDuty refuses or cannot be reached, or (REST) the person has no
     *     PagerDuty user and no escalation policy is configured
     */
    @Override
    public Page page(PageRequest request, IdempotencyKey idempotencyKey) {
        requireNonNull(request, "request");
        requireNonNull(idempotencyKey, "idempotencyKey");
        Page declaredFrom = adoptedPage(request);
        if (declaredFrom != null) {
            log.debug("{} was declared from PagerDuty incident {}; that is {}'s page", request.incident(),
                    declaredFrom.reference(), request.target().id());
            return declaredFrom;
        }
        return mode == Mode.REST_API ? pageIncident(request) : pageEvent(request);
    }

    private Page pageIncident(PageRequest request) {
        PagerDutyRest rest = rest();
        String key = IncidentKeys.of(request.incident(), request.target());
        ObjectNode incident = rest.object();
        incident.put("type", "incident");
        incident.put("title", title(request));
        incident.putObject("service").put("id", requireNonNull(config.serviceId(), "serviceId"))
                .put("type", "service_reference");
        incident.put("urgency", request.severity().level() <= 2 ? "high" : "low");
        incident.put("incident_key", key);
        incident.putObject("body").put("type", "incident_body")
                .put("details", "Paged by incidentkit for " + request.incident() + " (" + request.severity().name()
                        + "). Acknowledge here or type `ack` in the incident channel.");
        Optional<String> user = escalationPolicyOnly ? Optional.empty() : pagerDutyUserOf(request.target());
        if (user.isPresent()) {
            incident.putArray("assignments").addObject().putObject("assignee").put("id", user.get())
                    .put("type", "user_reference");
        } else if (config.escalationPolicyId() != null) {
            incident.putObject("escalation_policy").put("id", config.escalationPolicyId())
                    .put("type", "escalation_policy_reference");
        } else {
            throw new PortException("pagerduty POST /incidents", Kind.INVALID, "", 0, null,
                    "no PagerDuty user found for " + request.target().id()
                            + " and no escalation policy is configured; give the person a \"pagerduty\" or \"email\" "
                            + "handle in the directory, or set PAGERDUTY_ESCALATION_POLICY_ID");
        }
        ObjectNode body = rest.object();
        body.set("incident", incident);
        Page page;
        try {
            page = toPage(rest.post("POST /incidents", "incidents", body, true).path("incident"));
        } catch (PortException e) {
            if (e.kind() != Kind.INVALID || e.httpStatus() != 400) {
                throw e;
            }
            // PagerDuty refuses a second open incident with the same incident_key: that is this person's page
            List<JsonNode> open = openIncidents(key);
            if (open.isEmpty()) {
                throw e;
            }
            log.debug("{} already has an open PagerDuty incident for {}; returning it", request.incident(),
                    request.target().id());
            return toPage(open.get(0));
        }
        if (notes) {
            addNote(page.reference(), "incidentkit paged " + request.target().name() + " for " + request.incident() + ".");
        }
        return page;
    }

    private Page pageEvent(PageRequest request) {
        PagerDutyEvents ev = requireNonNull(events, "events");
        ObjectNode event = ev.object();
        event.put("routing_key", requireNonNull(config.routingKey(), "routingKey").reveal());
        event.put("event_action", "trigger");
        String key = IncidentKeys.of(request.incident(), request.target());
        event.put("dedup_key", key);
        ObjectNode payload = event.putObject("payload");
        String summary = title(request);
        payload.put("summary", summary.length() > SUMMARY_LIMIT ? summary.substring(0, SUMMARY_LIMIT - 1) + "…" : summary);
        payload.put("source", "incidentkit");
        payload.put("severity", eventSeverity(request.severity()));
        payload.put("component", request.incident().value());
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident", request.incident().value());
        details.put("severity", request.severity().name());
        details.put("page", request.target().name());
        details.put("drill", request.drill());
        event.put("client", "incidentkit");
        JsonNode answer = ev.enqueue(event);
        return new Page(answer.path("dedup_key").asText(key), "");
    }

    private static String title(PageRequest request) {
        return (request.drill() ? "[DRILL] " : "") + request.summary();
    }

    private static String eventSeverity(Severity s) {
        return switch (s) {
            case SEV1 -> "critical";
            case SEV2 -> "error";
            case SEV3 -> "warning";
            case SEV4 -> "info";
        };
    }

    /** The PagerDuty user to assign: the id itself, the person's handles, or their email looked up. */
    private Optional<String> pagerDutyUserOf(PersonRef target) {
        if (USER_ID.matcher(target.id()).matches()) {
            return Optional.of(target.id());
        }
        Optional<Person> known = Optional.empty();
        if (people != null) {
            try {
                known = people.find(target);
            } catch (PortException e) {
                log.warn("could not look up {} in the people directory: {}", target.id(), e.getMessage());
            }
        }
        Optional<String> handle = known.flatMap(p -> p.handle("pagerduty"));
        if (handle.isPresent()) {
            return handle;
        }
        Optional<String> email = known.flatMap(p -> p.handle("email"))
                .or(() -> target.id().contains("@") ? Optional.of(target.id()) : Optional.empty());
        return email.flatMap(directory()::findByEmail).map(Person::id);
    }

    private List<JsonNode> openIncidents(String key) {
        return rest().list("GET /incidents", "incidents", Map.of("incident_key", key), "incidents", found -> false)
                .stream().filter(i -> !i.path("status").asText().equals("resolved")).toList();
    }

    private static Page toPage(JsonNode incident) {
        String id = incident.path("id").asText("");
        if (id.isEmpty()) {
            throw new PortException("pagerduty POST /incidents", Kind.INVALID, "", 0, null,
                    "PagerDuty's answer has no incident id");
        }
        return new Page(id, incident.path("html_url").asText(""));
    }

    /**
     * Resolves the pages of everyone paged for the incident, each found by its key; pages already resolved
     * (or never opened) are left as they are.
     *
     * @param incident the incident
     * @param paged everyone paged for it
     * @param idempotencyKey stable across retries; resolving twice is harmless either way
     * @throws PortException if PagerDuty refuses or cannot be reached
     */
    @Override
    public void resolve(IncidentId incident, List<PersonRef> paged, IdempotencyKey idempotencyKey) {
        requireNonNull(incident, "incident");
        requireNonNull(paged, "paged");
        requireNonNull(idempotencyKey, "idempotencyKey");
        for (PersonRef person : paged) {
            String key = IncidentKeys.of(incident, person);
            if (mode == Mode.EVENTS_API) {
                PagerDutyEvents ev = requireNonNull(events, "events");
                ObjectNode event = ev.object();
                event.put("routing_key", requireNonNull(config.routingKey(), "routingKey").reveal());
                event.put("event_action", "resolve");
                event.put("dedup_key", key);
                ev.enqueue(event);
            } else {
                for (JsonNode open : openIncidents(key)) {
                    resolveIncident(open.path("id").asText(), incident);
                }
            }
        }
        Adopted declaredFrom = adopted.remove(incident);
        if (declaredFrom != null) {
            resolveIncident(declaredFrom.page().reference(), incident);
        }
    }

    private void resolveIncident(String pagerDutyId, IncidentId incident) {
        if (notes) {
            addNote(pagerDutyId, incident + " was resolved in incidentkit.");
        }
        ObjectNode body = rest().object();
        body.putObject("incident").put("type", "incident_reference").put("status", "resolved");
        try {
            rest().put("PUT /incidents/{id}", "incidents/" + pagerDutyId, body);
        } catch (PortException e) {
            if (!e.vendorCode().equals(PagerDutyErrors.ALREADY_RESOLVED)) {
                throw e;
            }
        }
    }

    /**
     * Adds a note to the open PagerDuty incidents of the people paged for an incident, found by their keys
     * (in events mode PagerDuty gives the incident the alert's {@code dedup_key}), e.g. for a key timeline
     * event. Needs {@code apiToken} and {@code fromEmail}.
     *
     * @param incident the incidentkit incident
     * @param paged everyone paged for it
     * @param text the note
     * @return how many PagerDuty incidents got the note
     * @throws PortException if PagerDuty refuses or cannot be reached, or no {@code fromEmail} is set
     * @throws IllegalStateException if no {@code apiToken} is set
     */
    public int note(IncidentId incident, List<PersonRef> paged, String text) {
        requireNonNull(incident, "incident");
        requireNonNull(paged, "paged");
        requireNonNull(text, "text");
        Set<String> ids = new LinkedHashSet<>();
        for (PersonRef person : paged) {
            openIncidents(IncidentKeys.of(incident, person)).forEach(i -> ids.add(i.path("id").asText()));
        }
        Adopted a = adopted.get(incident);
        if (a != null) {
            ids.add(a.page().reference());
        }
        ids.forEach(id -> addNote(id, text));
        return ids.size();
    }

    private void addNote(String pagerDutyId, String text) {
        ObjectNode body = rest().object();
        body.putObject("note").put("content", text);
        rest().post("POST /incidents/{id}/notes", "incidents/" + pagerDutyId + "/notes", body, false);
    }

    /**
     * Remembers that the kit is about to declare an incident from an existing PagerDuty incident with this
     * title: the first page whose summary ends with the title adopts that PagerDuty incident as the paged
     * person's page (PagerDuty already pages its assignee). Pages to anyone else are pages of their own.
     */
    void expectDeclaration(String title, String pagerDutyId, String url) {
        expected.put(title, new Page(pagerDutyId, url));
    }

    /** The adopted PagerDuty incident, if this is the adopting page or that page again. */
    private @Nullable Page adoptedPage(PageRequest request) {
        Adopted known = adopted.get(request.incident());
        if (known != null) {
            return known.target().id().equals(request.target().id()) ? known.page() : null;
        }
        for (Map.Entry<String, Page> e : expected.entrySet()) {
            if (request.summary().endsWith(" " + e.getKey()) && expected.remove(e.getKey(), e.getValue())) {
                adopted.put(request.incident(), new Adopted(request.target(), e.getValue()));
                return e.getValue();
            }
        }
        return null;
    }

    private PagerDutyRest rest() {
        if (rest == null) {
            throw new IllegalStateException("this PagerDuty call needs the REST API; set PAGERDUTY_TOKEN");
        }
        return rest;
    }

    /** Closes the connections. */
    @Override
    public void close() {
        if (rest != null) {
            rest.close();
        }
        if (events != null) {
            events.close();
        }
    }

    @Override
    public String toString() {
        return "PagerDutyPager[" + mode + ", " + config.apiUrl() + (mode == Mode.EVENTS_API ? ", " + config.eventsUrl() : "") + "]";
    }

    /**
     * Builds a {@link PagerDutyPager}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final PagerDutyConfig config;
        private final Mode mode;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpClient httpClient;
        private @Nullable Directory people;
        private boolean escalationPolicyOnly;
        private boolean notes;

        private Builder(PagerDutyConfig config, Mode mode) {
            this.config = requireNonNull(config, "config");
            this.mode = mode;
        }

        /**
         * Sets the clock the HTTP client reads {@code Retry-After} dates with; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how failed calls are retried; default {@link RetryPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Uses this JDK HTTP client.
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the directory the kit's people come from (e.g. the chat's), to find the paged person's
         * {@code "pagerduty"} or {@code "email"} handle; REST mode only.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder people(Directory directory) {
            this.people = requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Assigns every REST incident to the configured escalation policy instead of the paged person.
         *
         * @return this builder
         */
        public Builder assignToEscalationPolicy() {
            this.escalationPolicyOnly = true;
            return this;
        }

        /**
         * Adds incident notes when paging and before resolving REST incidents; default off. In events mode
         * it needs {@code apiToken} and {@code fromEmail} and is used by {@link PagerDutyPager#note}.
         *
         * @param on whether to add notes
         * @return this builder
         */
        public Builder notes(boolean on) {
            this.notes = on;
            return this;
        }

        /**
         * Builds the pager.
         *
         * @return the pager
         * @throws IllegalArgumentException naming every setting the mode still needs
         */
        public PagerDutyPager build() {
            List<String> missing = new java.util.ArrayList<>(config.missingFor(mode == Mode.REST_API ? "rest" : "events"));
            if (mode == Mode.REST_API && escalationPolicyOnly && config.escalationPolicyId() == null) {
                missing.add("PAGERDUTY_ESCALATION_POLICY_ID (assignToEscalationPolicy is set)");
            }
            if (mode == Mode.EVENTS_API && notes && config.apiToken() == null) {
                missing.add("PAGERDUTY_TOKEN (notes are on)");
            }
            if (mode == Mode.EVENTS_API && notes && config.fromEmail() == null) {
                missing.add("PAGERDUTY_FROM_EMAIL (notes are on)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("PagerDuty " + (mode == Mode.REST_API ? "REST" : "Events") + " paging needs "
                        + String.join(", ", missing));
            }
            return new PagerDutyPager(this);
        }
    }
}
