package dev.incidentkit.slack;

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
 * How to reach a Slack workspace. Its {@code toString} shows no secret.
 *
 * @param botToken the bot token ({@code xoxb-…}), sent only in the {@code Authorization} header
 * @param signingSecret the app's signing secret, to verify Slack's requests
 * @param apiUrl the Web API's base URL, {@code https://slack.com/api} unless a proxy, GovSlack or a fake
 * @param noteReaction the reaction that turns a message into a timeline note, without colons, e.g.
 *     {@code pushpin}
 * @param requestTimeout how long one Web API call may take
 * @since 0.1
 */
public record SlackConfig(Secret botToken, Secret signingSecret, URI apiUrl, String noteReaction,
                          Duration requestTimeout) {

    /** Slack's public Web API. */
    public static final URI DEFAULT_API_URL = URI.create("https://slack.com/api");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the rule and value if the URL is not http(s), the reaction
     *     is blank or holds colons or spaces, or the timeout is not positive
     */
    public SlackConfig {
        requireNonNull(botToken, "botToken");
        requireNonNull(signingSecret, "signingSecret");
        requireNonNull(apiUrl, "apiUrl");
        requireNonNull(noteReaction, "noteReaction");
        requireNonNull(requestTimeout, "requestTimeout");
        Settings.httpUrl(apiUrl, "apiUrl");
        if (noteReaction.isBlank() || !noteReaction.matches("[a-z0-9_+\\-']+")) {
            throw new IllegalArgumentException(
                    "noteReaction is a reaction name without colons, like pushpin; got '" + noteReaction + "'");
        }
        Settings.positive(requestTimeout, "requestTimeout");
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
     * Reads the settings from any key-value source, e.g. {@code SlackConfig.from(System::getenv)}:
     * {@code SLACK_BOT_TOKEN} and {@code SLACK_SIGNING_SECRET} (required), {@code SLACK_API_URL}
     * (default {@code https://slack.com/api}), {@code SLACK_NOTE_REACTION} (default {@code pushpin}).
     *
     * @param source returns a setting's value, or null if unset
     * @return the config
     * @throws IllegalArgumentException naming every missing or bad setting (never their values)
     */
    public static SlackConfig from(Function<String, @Nullable String> source) {
        requireNonNull(source, "source");
        List<String> missing = new ArrayList<>();
        String token = source.apply("SLACK_BOT_TOKEN");
        String signing = source.apply("SLACK_SIGNING_SECRET");
        if (token == null || token.isBlank()) {
            missing.add("SLACK_BOT_TOKEN (the bot token, xoxb-…)");
        }
        if (signing == null || signing.isBlank()) {
            missing.add("SLACK_SIGNING_SECRET (Basic Information › App Credentials)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Slack settings missing: " + String.join(", ", missing));
        }
        Builder b = builder().botToken(Secret.of(token)).signingSecret(Secret.of(signing));
        String url = source.apply("SLACK_API_URL");
        if (url != null && !url.isBlank()) {
            b.apiUrl(URI.create(url.strip()));
        }
        String reaction = source.apply("SLACK_NOTE_REACTION");
        if (reaction != null && !reaction.isBlank()) {
            b.noteReaction(reaction.strip().replace(":", ""));
        }
        return b.build();
    }

    /**
     * Builds a {@link SlackConfig}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Secret botToken;
        private @Nullable Secret signingSecret;
        private URI apiUrl = DEFAULT_API_URL;
        private String noteReaction = "pushpin";
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * Sets the bot token.
         *
         * @param token the token
         * @return this builder
         */
        public Builder botToken(Secret token) {
            this.botToken = requireNonNull(token, "token");
            return this;
        }

        /**
         * Sets the signing secret.
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder signingSecret(Secret secret) {
            this.signingSecret = requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Sets the Web API's base URL; default {@code https://slack.com/api}.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder apiUrl(URI url) {
            this.apiUrl = requireNonNull(url, "url");
            return this;
        }

        /**
         * Sets the reaction that turns a message into a note; default {@code pushpin}.
         *
         * @param reaction the name without colons
         * @return this builder
         */
        public Builder noteReaction(String reaction) {
            this.noteReaction = requireNonNull(reaction, "reaction");
            return this;
        }

        /**
         * Sets how long one Web API call may take; default 10 s.
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
         * @throws IllegalArgumentException naming every missing setting, or a bad value
         */
        public SlackConfig build() {
            List<String> missing = new ArrayList<>();
            if (botToken == null) {
                missing.add("botToken");
            }
            if (signingSecret == null) {
                missing.add("signingSecret");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Slack settings missing: " + String.join(", ", missing));
            }
            return new SlackConfig(botToken, signingSecret, apiUrl, noteReaction, requestTimeout);
        }
    }
}
