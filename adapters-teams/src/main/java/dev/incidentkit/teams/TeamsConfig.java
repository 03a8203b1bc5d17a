package dev.incidentkit.teams;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.internal.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one Microsoft Teams team as a bot. Its {@code toString} shows no secret.
 *
 * <p>One Microsoft Entra app serves as the bot (its id is the Bot Framework app id) and as the Graph client
 * (api-notes-teams §2, §11: implied, not stated by Microsoft). Its tokens come from the client-credentials
 * flow at {@code <loginUrl>/<tenantId>/oauth2/v2.0/token}, one for the Bot Connector and one for Graph.
 *
 * @param appId the bot's Microsoft App ID (the Entra application id), the {@code aud} of inbound tokens
 * @param appPassword the app's client secret, sent only in the token request's form body
 * @param tenantId the Entra tenant (directory) id of the team; tokens are requested from it (a single-tenant
 *     bot) and inbound activities from other tenants are refused
 * @param teamId the team's Microsoft 365 group id (a GUID, Graph's {@code team-id}), where incident
 *     channels are created
 * @param serviceUrl the Bot Connector endpoint used until an activity tells the real one (which the gateway
 *     then keeps); default {@code https://smba.trafficmanager.net/teams/}
 * @param graphUrl Microsoft Graph's base URL, default {@code https://graph.microsoft.com/v1.0}
 * @param loginUrl the Entra token service, default {@code https://login.microsoftonline.com}
 * @param openIdMetadataUrl where inbound tokens' signing keys are announced, default
 *     {@code https://login.botframework.com/v1/.well-known/openidconfiguration}
 * @param requestTimeout how long one call may take
 * @param targetedMessages whether to use Teams' targeted ("only you can see this") messages, a public
 *     developer preview, for {@code postEphemeral}; off by default
 * @since 0.1
 */
public record TeamsConfig(String appId, Secret appPassword, String tenantId, String teamId, URI serviceUrl,
                          URI graphUrl, URI loginUrl, URI openIdMetadataUrl, Duration requestTimeout,
                          boolean targetedMessages) {

    /** The public cloud's Bot Connector endpoint for proactive sends (api-notes-teams §4.2). */
    public static final URI DEFAULT_SERVICE_URL = URI.create("https://smba.trafficmanager.net/teams/");
    /** Microsoft Graph v1.0. */
    public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.microsoft.com/v1.0");
    /** The Microsoft Entra token service. */
    public static final URI DEFAULT_LOGIN_URL = URI.create("https://login.microsoftonline.com");
    /** The Bot Framework's OpenID metadata for Connector-to-bot tokens (api-notes-teams §3.2 step 2). */
    public static final URI DEFAULT_OPENID_METADATA_URL =
            URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the rule and value if an id is blank or holds spaces, a URL is
     *     not http(s), or the timeout is not positive
     */
    public TeamsConfig {
        id(appId, "appId");
        requireNonNull(appPassword, "appPassword");
        id(tenantId, "tenantId");
        id(teamId, "teamId");
        for (URI u : List.of(requireNonNull(serviceUrl, "serviceUrl"), requireNonNull(graphUrl, "graphUrl"),
                requireNonNull(loginUrl, "loginUrl"), requireNonNull(openIdMetadataUrl, "openIdMetadataUrl"))) {
            Settings.httpUrl(u, "a Teams URL");
        }
        requireNonNull(requestTimeout, "requestTimeout");
        Settings.positive(requestTimeout, "requestTimeout");
    }

    private static void id(String value, String name) {
        requireNonNull(value, name);
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " is an id without spaces; got '" + value + "'");
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
     * Reads the settings from any key-value source, e.g. {@code TeamsConfig.from(System::getenv)}:
     * {@code TEAMS_APP_ID}, {@code TEAMS_APP_PASSWORD}, {@code TEAMS_TENANT_ID}, {@code TEAMS_TEAM_ID}
     * (required); {@code TEAMS_SERVICE_URL}, {@code TEAMS_GRAPH_URL}, {@code TEAMS_LOGIN_URL},
     * {@code TEAMS_OPENID_METADATA_URL} (to point at other endpoints: a national cloud or a fake) and
     * {@code TEAMS_TARGETED_MESSAGES} ({@code true} to use the preview) are optional.
     *
     * @param source returns a setting's value, or null if unset
     * @return the config
     * @throws IllegalArgumentException naming every missing or bad setting (never their values)
     */
    public static TeamsConfig from(Function<String, @Nullable String> source) {
        requireNonNull(source, "source");
        List<String> missing = new ArrayList<>();
        String appId = value(source, "TEAMS_APP_ID", "the bot's Microsoft App ID", missing);
        String password = value(source, "TEAMS_APP_PASSWORD", "the app's client secret", missing);
        String tenant = value(source, "TEAMS_TENANT_ID", "the Entra tenant id", missing);
        String team = value(source, "TEAMS_TEAM_ID", "the team's group id", missing);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Teams settings missing: " + String.join(", ", missing));
        }
        Builder b = builder().appId(appId).appPassword(Secret.of(password)).tenantId(tenant).teamId(team);
        optional(source, "TEAMS_SERVICE_URL").ifPresent(u -> b.serviceUrl(URI.create(u)));
        optional(source, "TEAMS_GRAPH_URL").ifPresent(u -> b.graphUrl(URI.create(u)));
        optional(source, "TEAMS_LOGIN_URL").ifPresent(u -> b.loginUrl(URI.create(u)));
        optional(source, "TEAMS_OPENID_METADATA_URL").ifPresent(u -> b.openIdMetadataUrl(URI.create(u)));
        optional(source, "TEAMS_TARGETED_MESSAGES").ifPresent(v -> b.targetedMessages(Boolean.parseBoolean(v)));
        return b.build();
    }

    private static String value(Function<String, @Nullable String> source, String key, String what, List<String> missing) {
        String v = source.apply(key);
        if (v == null || v.isBlank()) {
            missing.add(key + " (" + what + ")");
            return "";
        }
        return v.strip();
    }

    private static java.util.Optional<String> optional(Function<String, @Nullable String> source, String key) {
        String v = source.apply(key);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v.strip());
    }

    /** Names the app, tenant, team and endpoints; never the password. */
    @Override
    public String toString() {
        return "TeamsConfig[appId=" + appId + ", tenantId=" + tenantId + ", teamId=" + teamId + ", serviceUrl="
                + serviceUrl + ", graphUrl=" + graphUrl + ", targetedMessages=" + targetedMessages + "]";
    }

    /**
     * Builds a {@link TeamsConfig}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable String appId;
        private @Nullable Secret appPassword;
        private @Nullable String tenantId;
        private @Nullable String teamId;
        private URI serviceUrl = DEFAULT_SERVICE_URL;
        private URI graphUrl = DEFAULT_GRAPH_URL;
        private URI loginUrl = DEFAULT_LOGIN_URL;
        private URI openIdMetadataUrl = DEFAULT_OPENID_METADATA_URL;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private boolean targetedMessages;

        private Builder() {}

        /** Sets the bot's Microsoft App ID. @param id the id @return this builder */
        public Builder appId(String id) {
            this.appId = requireNonNull(id, "id");
            return this;
        }

        /** Sets the app's client secret. @param secret the secret @return this builder */
        public Builder appPassword(Secret secret) {
            this.appPassword = requireNonNull(secret, "secret");
            return this;
        }

        /** Sets the Entra tenant id. @param id the id @return this builder */
        public Builder tenantId(String id) {
            this.tenantId = requireNonNull(id, "id");
            return this;
        }

        /** Sets the team's group id. @param id the id @return this builder */
        public Builder teamId(String id) {
            this.teamId = requireNonNull(id, "id");
            return this;
        }

        /** Sets the Bot Connector endpoint used before any activity arrived. @param url the URL @return this builder */
        public Builder serviceUrl(URI url) {
            this.serviceUrl = requireNonNull(url, "url");
            return this;
        }

        /** Sets Microsoft Graph's base URL. @param url the URL @return this builder */
        public Builder graphUrl(URI url) {
            this.graphUrl = requireNonNull(url, "url");
            return this;
        }

        /** Sets the token service's base URL. @param url the URL @return this builder */
        public Builder loginUrl(URI url) {
            this.loginUrl = requireNonNull(url, "url");
            return this;
        }

        /** Sets the OpenID metadata URL of inbound tokens. @param url the URL @return this builder */
        public Builder openIdMetadataUrl(URI url) {
            this.openIdMetadataUrl = requireNonNull(url, "url");
            return this;
        }

        /** Sets how long one call may take; default 10 s. @param timeout positive @return this builder */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Uses targeted messages (developer preview) for {@code postEphemeral}; default off.
         *
         * @param on whether to use them
         * @return this builder
         */
        public Builder targetedMessages(boolean on) {
            this.targetedMessages = on;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException naming every missing setting, or a bad value
         */
        public TeamsConfig build() {
            List<String> missing = new ArrayList<>();
            if (appId == null) {
                missing.add("appId");
            }
            if (appPassword == null) {
                missing.add("appPassword");
            }
            if (tenantId == null) {
                missing.add("tenantId");
            }
            if (teamId == null) {
                missing.add("teamId");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Teams settings missing: " + String.join(", ", missing));
            }
            return new TeamsConfig(appId, appPassword, tenantId, teamId, serviceUrl, graphUrl, loginUrl,
                    openIdMetadataUrl, requestTimeout, targetedMessages);
        }
    }
}
