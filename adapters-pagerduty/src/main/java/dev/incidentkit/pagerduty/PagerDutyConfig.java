package dev.incidentkit.pagerduty;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.internal.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a PagerDuty account. Its {@code toString} shows no secret. Which settings are needed
 * depends on what you use:
 *
 * <ul>
 *   <li>{@link PagerDutyPager#eventsApi} pages through Events API v2: {@code routingKey} alone;
 *   <li>{@link PagerDutyPager#restApi} pages through REST incidents: {@code apiToken}, {@code fromEmail} and
 *       {@code serviceId} (plus {@code escalationPolicyId} to page a policy instead of, or when there is no,
 *       PagerDuty user);
 *   <li>{@link PagerDutyRotationSource} and {@link PagerDutyDirectory}: {@code apiToken}, and for the
 *       rotation {@code scheduleId} or {@code escalationPolicyId};
 *   <li>{@link PagerDutyInbound}: {@code apiToken} and {@code webhookSecret}, and {@code declareServiceIds} to
 *       declare incidents when PagerDuty incidents trigger on those services.
 * </ul>
 *
 * <p>A config needs {@code apiToken} or {@code routingKey}; {@link #missingFor(String)} names what a part
 * still needs.
 *
 * @param apiToken the REST API key, sent only as {@code Authorization: Token token=…}; or null when only
 *     Events API v2 paging is used
 * @param fromEmail the email of a PagerDuty user on the account, sent as {@code From} on writes; or null
 * @param webhookSecret the webhook subscription's signing secret; or null
 * @param routingKey the Events API v2 integration key of a service; or null
 * @param serviceId the service REST incidents are opened on, e.g. {@code PWIXJZS}; or null
 * @param escalationPolicyId an escalation policy id; or null
 * @param scheduleId an on-call schedule id; or null
 * @param declareServiceIds services whose triggered incidents declare an incidentkit incident; empty for
 *     none (the default)
 * @param apiUrl the REST base URL, {@code https://api.pagerduty.com} unless the EU region, a proxy or a fake
 * @param eventsUrl the Events API base URL (without {@code /v2}), {@code https://events.pagerduty.com}
 *     unless the EU region, a proxy or a fake
 * @param requestTimeout how long one call may take
 * @since 0.1
 */
public record PagerDutyConfig(@Nullable Secret apiToken, @Nullable String fromEmail, @Nullable Secret webhookSecret,
                              @Nullable Secret routingKey, @Nullable String serviceId,
                              @Nullable String escalationPolicyId, @Nullable String scheduleId,
                              Set<String> declareServiceIds, URI apiUrl, URI eventsUrl, Duration requestTimeout) {

    private static final String NEEDS_A_KEY = "PagerDuty settings missing: PAGERDUTY_TOKEN (a REST API key: "
            + "Integrations › API Access Keys) or PAGERDUTY_ROUTING_KEY (an Events API v2 integration key of a service, "
            + "enough for paging alone)";

    /** PagerDuty's public REST API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.pagerduty.com");
    /** PagerDuty's public Events API. */
    public static final URI DEFAULT_EVENTS_URL = URI.create("https://events.pagerduty.com");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the rule and value if neither {@code apiToken} nor
     *     {@code routingKey} is set, a URL is not http(s), the From email has no {@code @}, an id is blank or
     *     holds spaces, or the timeout is not positive
     */
    public PagerDutyConfig {
        if (apiToken == null && routingKey == null) {
            throw new IllegalArgumentException(NEEDS_A_KEY);
        }
        requireNonNull(apiUrl, "apiUrl");
        requireNonNull(eventsUrl, "eventsUrl");
        requireNonNull(requestTimeout, "requestTimeout");
        declareServiceIds = Set.copyOf(requireNonNull(declareServiceIds, "declareServiceIds"));
        Settings.httpUrl(apiUrl, "apiUrl");
        Settings.httpUrl(eventsUrl, "eventsUrl");
        String events = eventsUrl.toString().replaceAll("/+$", "");
        if (events.endsWith("/v2")) {
            eventsUrl = URI.create(events.substring(0, events.length() - 3)); // we add /v2/enqueue ourselves
        }
        if (fromEmail != null && (!fromEmail.contains("@") || fromEmail.strip().contains(" "))) {
            throw new IllegalArgumentException("fromEmail is the email of a PagerDuty user; got '" + fromEmail + "'");
        }
        id(serviceId, "serviceId");
        id(escalationPolicyId, "escalationPolicyId");
        id(scheduleId, "scheduleId");
        declareServiceIds.forEach(s -> id(s, "declareServiceIds"));
        Settings.positive(requestTimeout, "requestTimeout");
    }


    private static void id(@Nullable String id, String name) {
        if (id != null && (id.isBlank() || id.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException(name + " holds PagerDuty ids like PWIXJZS, without spaces; got '" + id + "'");
        }
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the settings from any key-value source, e.g. {@code PagerDutyConfig.from(System::getenv)}:
     * {@code PAGERDUTY_TOKEN} and/or {@code PAGERDUTY_ROUTING_KEY} (one is required; the routing key alone
     * pages through Events API v2), {@code PAGERDUTY_FROM_EMAIL}, {@code PAGERDUTY_WEBHOOK_SECRET},
     * {@code PAGERDUTY_SERVICE_ID}, {@code PAGERDUTY_ESCALATION_POLICY_ID},
     * {@code PAGERDUTY_SCHEDULE_ID}, {@code PAGERDUTY_DECLARE_SERVICE_IDS} (comma-separated),
     * {@code PAGERDUTY_API_URL} (default {@code https://api.pagerduty.com}) and {@code PAGERDUTY_EVENTS_URL}
     * (default {@code https://events.pagerduty.com}). Blank values count as unset.
     *
     * @param source returns a setting's value, or null if unset
     * @return the config
     * @throws IllegalArgumentException naming every missing or bad setting (never a secret's value)
     */
    public static PagerDutyConfig from(Function<String, @Nullable String> source) {
        requireNonNull(source, "source");
        Function<String, @Nullable String> get = k -> {
            String v = source.apply(k);
            return v == null || v.isBlank() ? null : v.strip();
        };
        Builder b = builder();
        String token = get.apply("PAGERDUTY_TOKEN");
        if (token != null) {
            b.apiToken(Secret.of(token));
        }
        String from = get.apply("PAGERDUTY_FROM_EMAIL");
        if (from != null) {
            b.fromEmail(from);
        }
        String webhook = get.apply("PAGERDUTY_WEBHOOK_SECRET");
        if (webhook != null) {
            b.webhookSecret(Secret.of(webhook));
        }
        String routing = get.apply("PAGERDUTY_ROUTING_KEY");
        if (routing != null) {
            b.routingKey(Secret.of(routing));
        }
        String service = get.apply("PAGERDUTY_SERVICE_ID");
        if (service != null) {
            b.serviceId(service);
        }
        String policy = get.apply("PAGERDUTY_ESCALATION_POLICY_ID");
        if (policy != null) {
            b.escalationPolicyId(policy);
        }
        String schedule = get.apply("PAGERDUTY_SCHEDULE_ID");
        if (schedule != null) {
            b.scheduleId(schedule);
        }
        String declare = get.apply("PAGERDUTY_DECLARE_SERVICE_IDS");
        if (declare != null) {
            b.declareServiceIds(Arrays.stream(declare.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        }
        String api = get.apply("PAGERDUTY_API_URL");
        if (api != null) {
            b.apiUrl(URI.create(api));
        }
        String events = get.apply("PAGERDUTY_EVENTS_URL");
        if (events != null) {
            b.eventsUrl(URI.create(events));
        }
        return b.build();
    }

    /**
     * Returns what a mode or part still needs, for start-up messages: e.g. {@code [PAGERDUTY_FROM_EMAIL]}.
     *
     * @param part one of {@code rest}, {@code events}, {@code rotation}, {@code inbound}
     * @return the missing settings' environment names; empty if the part can run
     * @throws IllegalArgumentException for an unknown part
     */
    public List<String> missingFor(String part) {
        List<String> missing = new ArrayList<>();
        switch (requireNonNull(part, "part")) {
            case "rest" -> {
                token(missing);
                if (fromEmail == null) {
                    missing.add("PAGERDUTY_FROM_EMAIL");
                }
                if (serviceId == null) {
                    missing.add("PAGERDUTY_SERVICE_ID");
                }
            }
            case "events" -> {
                if (routingKey == null) {
                    missing.add("PAGERDUTY_ROUTING_KEY");
                }
            }
            case "rotation" -> {
                token(missing);
                if (scheduleId == null && escalationPolicyId == null) {
                    missing.add("PAGERDUTY_SCHEDULE_ID or PAGERDUTY_ESCALATION_POLICY_ID");
                }
            }
            case "inbound" -> {
                token(missing);
                if (webhookSecret == null) {
                    missing.add("PAGERDUTY_WEBHOOK_SECRET");
                }
            }
            default -> throw new IllegalArgumentException("part is one of rest, events, rotation, inbound; got '" + part + "'");
        }
        return missing;
    }

    private void token(List<String> missing) {
        if (apiToken == null) {
            missing.add("PAGERDUTY_TOKEN");
        }
    }

    /**
     * Returns the REST API key, for the parts that call the REST API.
     *
     * @param part what needs it, named in the failure, e.g. {@code PagerDutyRotationSource}
     * @return the key
     * @throws IllegalArgumentException if no key is set
     */
    Secret requireApiToken(String part) {
        if (apiToken == null) {
            throw new IllegalArgumentException(part + " calls PagerDuty's REST API and needs PAGERDUTY_TOKEN "
                    + "(a REST API key: Integrations › API Access Keys)");
        }
        return apiToken;
    }

    /**
     * Builds a {@link PagerDutyConfig}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Secret apiToken;
        private @Nullable String fromEmail;
        private @Nullable Secret webhookSecret;
        private @Nullable Secret routingKey;
        private @Nullable String serviceId;
        private @Nullable String escalationPolicyId;
        private @Nullable String scheduleId;
        private Set<String> declareServiceIds = Set.of();
        private URI apiUrl = DEFAULT_API_URL;
        private URI eventsUrl = DEFAULT_EVENTS_URL;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * Sets the REST API key.
         *
         * @param token the key
         * @return this builder
         */
        public Builder apiToken(Secret token) {
            this.apiToken = requireNonNull(token, "token");
            return this;
        }

        /**
         * Sets the email sent as {@code From} on writes.
         *
         * @param email a PagerDuty user's email
         * @return this builder
         */
        public Builder fromEmail(String email) {
            this.fromEmail = requireNonNull(email, "email");
            return this;
        }

        /**
         * Sets the webhook subscription's signing secret.
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder webhookSecret(Secret secret) {
            this.webhookSecret = requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Sets the Events API v2 integration key.
         *
         * @param key the key
         * @return this builder
         */
        public Builder routingKey(Secret key) {
            this.routingKey = requireNonNull(key, "key");
            return this;
        }

        /**
         * Sets the service REST incidents are opened on.
         *
         * @param id the service id
         * @return this builder
         */
        public Builder serviceId(String id) {
            this.serviceId = requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the escalation policy.
         *
         * @param id the policy id
         * @return this builder
         */
        public Builder escalationPolicyId(String id) {
            this.escalationPolicyId = requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the on-call schedule.
         *
         * @param id the schedule id
         * @return this builder
         */
        public Builder scheduleId(String id) {
            this.scheduleId = requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the services whose triggered incidents declare an incidentkit incident; default none.
         *
         * @param ids service ids
         * @return this builder
         */
        public Builder declareServiceIds(Set<String> ids) {
            this.declareServiceIds = Set.copyOf(requireNonNull(ids, "ids"));
            return this;
        }

        /**
         * Sets the REST base URL; default {@code https://api.pagerduty.com}.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder apiUrl(URI url) {
            this.apiUrl = requireNonNull(url, "url");
            return this;
        }

        /**
         * Sets the Events API base URL; default {@code https://events.pagerduty.com}.
         *
         * @param url the URL, without {@code /v2}
         * @return this builder
         */
        public Builder eventsUrl(URI url) {
            this.eventsUrl = requireNonNull(url, "url");
            return this;
        }

        /**
         * Sets how long one call may take; default 10 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException if neither the API token nor the routing key is set, or a value is bad
         */
        public PagerDutyConfig build() {
            return new PagerDutyConfig(apiToken, fromEmail, webhookSecret, routingKey, serviceId, escalationPolicyId,
                    scheduleId, declareServiceIds, apiUrl, eventsUrl, requestTimeout);
        }
    }
}
