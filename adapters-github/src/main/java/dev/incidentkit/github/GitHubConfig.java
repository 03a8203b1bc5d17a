package dev.incidentkit.github;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.internal.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a GitHub repository. Its {@code toString} shows no secret.
 *
 * @param token supplies the token for each call, so a GitHub App installation token that refreshes fits
 *     as well as a fixed personal access token; sent only as {@code Authorization: Bearer …}
 * @param owner the repository's owner, e.g. {@code acme}
 * @param repo the repository's name, e.g. {@code incidents}
 * @param webhookSecret the webhook's secret, to verify {@code X-Hub-Signature-256}; empty if webhooks are
 *     not used
 * @param apiUrl the REST API's base URL, {@code https://api.github.com} unless GitHub Enterprise Server
 *     ({@code https://HOST/api/v3}), a proxy or a fake
 * @param requestTimeout how long one API call may take
 * @since 0.1
 */
public record GitHubConfig(Supplier<Secret> token, String owner, String repo, Optional<Secret> webhookSecret, URI apiUrl,
                           Duration requestTimeout) {

    /** GitHub's public REST API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the rule and value if the owner or repository name is not
     *     valid, the URL is not http(s), or the timeout is not positive
     */
    public GitHubConfig {
        requireNonNull(token, "token");
        requireNonNull(owner, "owner");
        requireNonNull(repo, "repo");
        requireNonNull(webhookSecret, "webhookSecret");
        requireNonNull(apiUrl, "apiUrl");
        requireNonNull(requestTimeout, "requestTimeout");
        if (!OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner is a GitHub user or organisation name, like acme; got '" + owner + "'");
        }
        if (!REPO.matcher(repo).matches() || repo.equals(".") || repo.equals("..")) {
            throw new IllegalArgumentException("repo is a repository name, like incidents; got '" + repo + "'");
        }
        Settings.httpUrl(apiUrl, "apiUrl");
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
     * Reads the settings from any key-value source, e.g. {@code GitHubConfig.from(System::getenv)}:
     * {@code GITHUB_TOKEN} and {@code GITHUB_REPO} ({@code owner/name}) (required),
     * {@code GITHUB_WEBHOOK_SECRET} (for webhooks), {@code GITHUB_API_URL} (default
     * {@code https://api.github.com}).
     *
     * @param source returns a setting's value, or null if unset
     * @return the config
     * @throws IllegalArgumentException naming every missing or bad setting (never their values)
     */
    public static GitHubConfig from(Function<String, @Nullable String> source) {
        requireNonNull(source, "source");
        List<String> missing = new ArrayList<>();
        String token = source.apply("GITHUB_TOKEN");
        String repo = source.apply("GITHUB_REPO");
        if (token == null || token.isBlank()) {
            missing.add("GITHUB_TOKEN (a token with the issues scope, or a GitHub App installation token)");
        }
        if (repo == null || repo.isBlank()) {
            missing.add("GITHUB_REPO (owner/name of the repository for reports)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("GitHub settings missing: " + String.join(", ", missing));
        }
        Builder b = builder().token(Secret.of(token.strip())).repository(repo.strip());
        String secret = source.apply("GITHUB_WEBHOOK_SECRET");
        if (secret != null && !secret.isBlank()) {
            b.webhookSecret(Secret.of(secret));
        }
        String url = source.apply("GITHUB_API_URL");
        if (url != null && !url.isBlank()) {
            b.apiUrl(URI.create(url.strip()));
        }
        return b.build();
    }

    /**
     * Returns {@code owner/repo}.
     *
     * @return the repository's full name
     */
    public String repository() {
        return owner + "/" + repo;
    }

    /** Names the repository and URL, never a secret. */
    @Override
    public String toString() {
        return "GitHubConfig[" + repository() + ", " + apiUrl + (webhookSecret.isPresent() ? ", webhooks" : "") + "]";
    }

    /**
     * Builds a {@link GitHubConfig}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Supplier<Secret> token;
        private @Nullable String owner;
        private @Nullable String repo;
        private @Nullable Secret webhookSecret;
        private URI apiUrl = DEFAULT_API_URL;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * Sets a fixed token.
         *
         * @param token the token
         * @return this builder
         */
        public Builder token(Secret token) {
            requireNonNull(token, "token");
            this.token = () -> token;
            return this;
        }

        /**
         * Sets where each call gets its token, e.g. a cache of GitHub App installation tokens.
         *
         * @param token supplies the current token; called on every attempt
         * @return this builder
         */
        public Builder tokenSupplier(Supplier<Secret> token) {
            this.token = requireNonNull(token, "token");
            return this;
        }

        /**
         * Sets the repository as {@code owner/name}.
         *
         * @param fullName e.g. {@code acme/incidents}
         * @return this builder
         * @throws IllegalArgumentException if it is not {@code owner/name}
         */
        public Builder repository(String fullName) {
            requireNonNull(fullName, "fullName");
            String[] parts = fullName.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("the repository is owner/name, like acme/incidents; got '" + fullName + "'");
            }
            this.owner = parts[0];
            this.repo = parts[1];
            return this;
        }

        /**
         * Sets the webhook's secret.
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder webhookSecret(Secret secret) {
            this.webhookSecret = requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Sets the REST API's base URL; default {@code https://api.github.com}.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder apiUrl(URI url) {
            this.apiUrl = requireNonNull(url, "url");
            return this;
        }

        /**
         * Sets how long one API call may take; default 10 s.
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
        public GitHubConfig build() {
            List<String> missing = new ArrayList<>();
            if (token == null) {
                missing.add("token");
            }
            if (owner == null || repo == null) {
                missing.add("repository");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("GitHub settings missing: " + String.join(", ", missing));
            }
            return new GitHubConfig(token, owner, repo, Optional.ofNullable(webhookSecret), apiUrl, requestTimeout);
        }
    }
}
