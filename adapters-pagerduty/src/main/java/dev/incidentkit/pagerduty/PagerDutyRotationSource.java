package dev.incidentkit.pagerduty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.Person;
import dev.incidentkit.pagerduty.internal.PagerDutyRest;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.RotationSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RotationSource} kept in PagerDuty: who is on call for a schedule or an escalation policy, read
 * from {@code GET /oncalls} (with {@code include[]=users}, every page of the answer).
 *
 * <ul>
 *   <li>{@link #onCall(Instant)}: the user whose on-call covers the instant, at the lowest escalation
 *       level (an open-ended {@code end} counts as forever).
 *   <li>{@link #next(Instant)}: the user on call when that on-call ends; empty if it never ends.
 *   <li>{@link #members()}: everyone on call from now over the {@link Builder#membersHorizon horizon}
 *       (default four weeks), in order of their first shift.
 * </ul>
 *
 * <p>People are PagerDuty users ({@link PagerDutyDirectory}'s form) unless a {@link Builder#people people
 * directory} is given: then each user's email is looked up there, so the rotation hands out the kit's own
 * people (e.g. Slack users), with their {@code "pagerduty"} handle added. Thread-safe. No caching.
 *
 * @since 0.1
 */
public final class PagerDutyRotationSource implements RotationSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PagerDutyRotationSource.class);

    private final PagerDutyRest rest;
    private final Clock clock;
    private final Map<String, String> filter;
    private final @Nullable Directory people;
    private final Duration horizon;
    private final String source;

    private PagerDutyRotationSource(Builder b) {
        PagerDutyConfig c = b.config;
        this.rest = new PagerDutyRest(c.apiUrl(), c.requireApiToken("PagerDutyRotationSource"), null, c.requestTimeout(), b.clock, b.retryPolicy,
                b.httpClient);
        this.clock = b.clock;
        this.people = b.people;
        this.horizon = b.horizon;
        if (c.scheduleId() != null) {
            this.filter = Map.of("schedule_ids[]", c.scheduleId());
            this.source = "schedule " + c.scheduleId();
        } else {
            this.filter = Map.of("escalation_policy_ids[]", requireNonNull(c.escalationPolicyId(), "escalationPolicyId"));
            this.source = "escalation policy " + c.escalationPolicyId();
        }
    }

    /**
     * Starts a builder. The config's {@code scheduleId} is used if set, else its {@code escalationPolicyId}.
     *
     * @param config the account
     * @return the builder
     */
    public static Builder builder(PagerDutyConfig config) {
        return new Builder(config);
    }

    /** One on-call entry. */
    private record Shift(JsonNode user, int level, Instant start, @Nullable Instant end) {
        boolean covers(Instant at) {
            return !start.isAfter(at) && (end == null || end.isAfter(at));
        }
    }

    /**
     * Returns who is on call at an instant.
     *
     * @param at the instant
     * @return the person, or empty if nobody is
     * @throws PortException if PagerDuty cannot be reached or refuses the key
     */
    @Override
    public Optional<Person> onCall(Instant at) {
        requireNonNull(at, "at");
        return current(at).map(s -> person(s.user()));
    }

    /**
     * Returns who is on call when the on-call running at {@code at} ends.
     *
     * @param at the instant
     * @return the person, or empty if nobody is on call then or the current on-call never ends
     * @throws PortException if PagerDuty cannot be reached or refuses the key
     */
    @Override
    public Optional<Person> next(Instant at) {
        requireNonNull(at, "at");
        Optional<Shift> now = current(at);
        if (now.isEmpty() || now.get().end() == null) {
            return Optional.empty();
        }
        return current(requireNonNull(now.get().end())).map(s -> person(s.user()));
    }

    /**
     * Returns everyone on call from now over the horizon, in order of their first shift.
     *
     * @return the people, possibly empty
     * @throws PortException if PagerDuty cannot be reached or refuses the key
     */
    @Override
    public List<Person> members() {
        Instant now = clock.instant();
        Map<String, JsonNode> byUser = new LinkedHashMap<>();
        shifts(now, now.plus(horizon)).stream()
                .sorted(Comparator.comparing(Shift::start).thenComparingInt(Shift::level))
                .forEach(s -> byUser.putIfAbsent(s.user().path("id").asText(), s.user()));
        return byUser.values().stream().map(this::person).toList();
    }

    private Optional<Shift> current(Instant at) {
        return shifts(at, at.plusSeconds(60)).stream().filter(s -> s.covers(at))
                .min(Comparator.comparingInt(Shift::level).thenComparing(Shift::start));
    }

    private List<Shift> shifts(Instant since, Instant until) {
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("since", since.toString());
        query.put("until", until.toString());
        query.put("include[]", "users");
        return rest.list("GET /oncalls", "oncalls", query, "oncalls", found -> false).stream()
                .filter(o -> !o.path("user").path("id").asText("").isEmpty())
                .map(o -> new Shift(o.path("user"), o.path("escalation_level").asInt(1),
                        time(o.path("start")).orElse(Instant.MIN), time(o.path("end")).orElse(null)))
                .toList();
    }

    private static Optional<Instant> time(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty(); // null: a permanent on-call
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Person person(JsonNode user) {
        Person pd = PagerDutyDirectory.person(user);
        if (people == null) {
            return pd;
        }
        Optional<String> email = pd.handle("email");
        if (email.isEmpty()) {
            return pd;
        }
        try {
            Optional<Person> known = people.findByEmail(email.get());
            if (known.isPresent()) {
                Map<String, String> handles = new LinkedHashMap<>(known.get().handles());
                handles.putIfAbsent("pagerduty", pd.id());
                handles.putIfAbsent("email", email.get());
                return new Person(known.get().id(), known.get().displayName(), known.get().zone(), handles);
            }
        } catch (PortException e) {
            log.warn("could not look up an on-call person in the people directory: {}", e.getMessage());
        }
        return pd;
    }

    /** Closes the connection. */
    @Override
    public void close() {
        rest.close();
    }

    @Override
    public String toString() {
        return "PagerDutyRotationSource[" + source + "]";
    }

    /**
     * Builds a {@link PagerDutyRotationSource}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final PagerDutyConfig config;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpClient httpClient;
        private @Nullable Directory people;
        private Duration horizon = Duration.ofDays(28);

        private Builder(PagerDutyConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /**
         * Sets the clock {@link #members()} starts from; default UTC system clock.
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
         * Sets how far ahead {@link #members()} looks; default 28 days (PagerDuty allows up to 90).
         *
         * @param horizon between one hour and 90 days
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder membersHorizon(Duration horizon) {
            requireNonNull(horizon, "horizon");
            if (horizon.compareTo(Duration.ofHours(1)) < 0 || horizon.compareTo(Duration.ofDays(90)) > 0) {
                throw new IllegalArgumentException("membersHorizon is between 1 hour and 90 days; got " + horizon);
            }
            this.horizon = horizon;
            return this;
        }

        /**
         * Builds the source.
         *
         * @return the source
         * @throws IllegalArgumentException if the config has no {@code apiToken}, or neither a schedule nor an
         *     escalation policy
         */
        public PagerDutyRotationSource build() {
            List<String> missing = config.missingFor("rotation");
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("a PagerDuty rotation needs " + String.join(", ", missing));
            }
            return new PagerDutyRotationSource(this);
        }
    }
}
