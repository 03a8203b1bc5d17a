package dev.incidentkit.statuspage;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.internal.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a Statuspage page. Its {@code toString} shows no secret.
 *
 * @param token the API key, sent only as {@code Authorization: OAuth <key>}, never in a URL
 * @param pageId the public page's id, e.g. {@code gytm4qzbx9t6}
 * @param sandboxPageId a practice page for drills; without one, drills' updates stay in the channel
 * @param apiUrl the API's base URL, {@code https://api.statuspage.io/v1} unless a proxy or a fake
 * @param restoreComponentsOnResolve whether resolving sets every affected component back to
 *     {@code operational} (components marked {@code under_maintenance} are left as they are)
 * @param requestTimeout how long one API call may take
 * @since 0.1
 */
public record StatuspageConfig(Secret token, String pageId, Optional<String> sandboxPageId, URI apiUrl,
                               boolean restoreComponentsOnResolve, Duration requestTimeout) {

    /** Statuspage's public API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.statuspage.io/v1");

    private static final Pattern PAGE_ID = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the rule and value if a page id is not a plain id, the URL is
     *     not http(s), or the timeout is not positive
     */
    public StatuspageConfig {
        requireNonNull(token, "token");
        requireNonNull(pageId, "pageId");
        requireNonNull(sandboxPageId, "sandboxPageId");
        requireNonNull(apiUrl, "apiUrl");
        requireNonNull(requestTimeout, "requestTimeout");
        if (!PAGE_ID.matcher(pageId).matches()) {
            throw new IllegalArgumentException("pageId is the page's id from the API info page, like gytm4qzbx9t6; got '"
                    + pageId + "'");
        }
        sandboxPageId.ifPresent(id -> {
            if (!PAGE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("sandboxPageId is a page id, like gytm4qzbx9t6; got '" + id + "'");
            }
            if (id.equals(pageId)) {
                throw new IllegalArgumentException("sandboxPageId must differ from pageId (" + pageId
                        + "): drills never reach the public page");
            }
        });
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
     * Reads the settings from any key-value source, e.g. {@code StatuspageConfig.from(System::getenv)}:
     * {@code STATUSPAGE_TOKEN} and {@code STATUSPAGE_PAGE_ID} (required), {@code STATUSPAGE_API_URL}
     * (default {@code https://api.statuspage.io/v1}), {@code STATUSPAGE_SANDBOX_PAGE_ID} (optional: where
     * drills' updates go).
     *
     * @param source returns a setting's value, or null if unset
     * @return the config
     * @throws IllegalArgumentException naming every missing or bad setting (never their values)
     */
    public static StatuspageConfig from(Function<String, @Nullable String> source) {
        requireNonNull(source, "source");
        List<String> missing = new ArrayList<>();
        String token = source.apply("STATUSPAGE_TOKEN");
        String page = source.apply("STATUSPAGE_PAGE_ID");
        if (token == null || token.isBlank()) {
            missing.add("STATUSPAGE_TOKEN (the API key, from your avatar › API info)");
        }
        if (page == null || page.isBlank()) {
            missing.add("STATUSPAGE_PAGE_ID (the page id, on the same API info page)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Statuspage settings missing: " + String.join(", ", missing));
        }
        Builder b = builder().token(Secret.of(token)).pageId(page.strip());
        String url = source.apply("STATUSPAGE_API_URL");
        if (url != null && !url.isBlank()) {
            b.apiUrl(URI.create(url.strip()));
        }
        String sandbox = source.apply("STATUSPAGE_SANDBOX_PAGE_ID");
        if (sandbox != null && !sandbox.isBlank()) {
            b.sandboxPageId(sandbox.strip());
        }
        return b.build();
    }

    /**
     * Returns the page an incident's updates go to: the sandbox page for a drill.
     *
     * @param drill whether the incident is a drill
     * @return the page id, or empty for a drill when there is no sandbox page
     */
    public Optional<String> pageFor(boolean drill) {
        return drill ? sandboxPageId : Optional.of(pageId);
    }

    /** Names the page ids and URL, never the token. */
    @Override
    public String toString() {
        return "StatuspageConfig[page " + pageId + sandboxPageId.map(s -> ", sandbox " + s).orElse("") + ", " + apiUrl + "]";
    }

    /**
     * Builds a {@link StatuspageConfig}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Secret token;
        private @Nullable String pageId;
        private @Nullable String sandboxPageId;
        private URI apiUrl = DEFAULT_API_URL;
        private boolean restoreComponentsOnResolve = true;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * Sets the API key.
         *
         * @param token the key
         * @return this builder
         */
        public Builder token(Secret token) {
            this.token = requireNonNull(token, "token");
            return this;
        }

        /**
         * Sets the public page's id.
         *
         * @param pageId the id
         * @return this builder
         */
        public Builder pageId(String pageId) {
            this.pageId = requireNonNull(pageId, "pageId");
            return this;
        }

        /**
         * Sets a practice page for drills' updates.
         *
         * @param pageId the sandbox page's id
         * @return this builder
         */
        public Builder sandboxPageId(String pageId) {
            this.sandboxPageId = requireNonNull(pageId, "pageId");
            return this;
        }

        /**
         * Sets the API's base URL; default {@code https://api.statuspage.io/v1}.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder apiUrl(URI url) {
            this.apiUrl = requireNonNull(url, "url");
            return this;
        }

        /**
         * Sets whether resolving restores affected components to operational; default true.
         *
         * @param restore whether to restore
         * @return this builder
         */
        public Builder restoreComponentsOnResolve(boolean restore) {
            this.restoreComponentsOnResolve = restore;
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
        public StatuspageConfig build() {
            List<String> missing = new ArrayList<>();
            if (token == null) {
                missing.add("token");
            }
            if (pageId == null) {
                missing.add("pageId");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Statuspage settings missing: " + String.join(", ", missing));
            }
            return new StatuspageConfig(token, pageId, Optional.ofNullable(sandboxPageId), apiUrl,
                    restoreComponentsOnResolve, requestTimeout);
        }
    }
}
