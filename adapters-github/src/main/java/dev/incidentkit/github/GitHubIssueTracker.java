package dev.incidentkit.github;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.github.internal.GitHubApi;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.PortException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link IssueTracker} for GitHub issues (api-notes §5).
 *
 * <ul>
 *   <li>{@link #open} creates the issue ({@code POST /repos/{owner}/{repo}/issues}) with its labels, first
 *       creating any label the repository lacks ({@code POST …/labels}; GitHub's {@code already_exists}
 *       counts as done), and assigns the people it can map to GitHub logins: their {@code "github"} handle
 *       in the {@link Directory}, or a mapping function. If GitHub refuses the assignees, the issue is
 *       opened without them rather than not at all.
 *   <li>{@link #updateBody} replaces the body ({@code PATCH …/issues/{number}}) as the report changes.
 *   <li>The service-disruption report issue links the incident channel, the status page incident and the
 *       follow-up issues (incidentkit writes those into the body); each follow-up issue links back to it.
 *   <li>Rate limits: primary ({@code x-ratelimit-remaining}/{@code x-ratelimit-reset}) and secondary
 *       ({@code retry-after}, else a minute) are waited out when short, or handed to the outbox as
 *       {@code RATE_LIMITED} with the wait, by the injected clock; once the limit is used up no call is
 *       spent until the reset.
 *   <li>GitHub has no idempotency key. Every issue opened carries a hidden first line
 *       {@code <!-- incidentkit:KEY -->} in its body (kept by {@link #updateBody}); an {@code open} whose
 *       earlier attempt may have acted looks for it first (see {@link #open}). Nothing is remembered in
 *       memory.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the threads it started.
 *
 * @since 0.1
 */
public final class GitHubIssueTracker implements IssueTracker, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GitHubIssueTracker.class);
    private static final int BODY_LIMIT = 65_536;
    private static final int PER_PAGE = 100;
    private static final int LOOKUP_PAGES = 5;
    private static final Pattern MARKER = Pattern.compile("<!-- incidentkit:[A-Za-z0-9:._%-]+ -->");
    private static final Map<String, String> COLOURS = Map.of("incident", "d73a4a", "sev1", "b60205", "sev2", "d93f0b",
            "sev3", "fbca04", "sev4", "c2e0c6", "follow-up", "1d76db");

    private final GitHubConfig config;
    private final GitHubApi api;
    private final Function<PersonRef, Optional<String>> logins;
    private final Set<String> knownLabels = new HashSet<>();

    private GitHubIssueTracker(Builder b) {
        this.config = b.config;
        this.api = new GitHubApi(b.config.apiUrl(), b.config.token(), b.config.requestTimeout(), b.clock, b.retryPolicy,
                b.httpClient, b.scheduler);
        this.logins = b.logins;
    }

    /**
     * Starts a builder.
     *
     * @param config the repository settings
     * @return the builder
     */
    public static Builder builder(GitHubConfig config) {
        return new Builder(config);
    }

    /**
     * Opens an issue, or returns the one an earlier attempt with the same key opened.
     *
     * <p>The body starts with the hidden line {@code <!-- incidentkit:KEY -->}. When
     * {@link IdempotencyKey#mayExist()}, the repository's issues are listed first
     * ({@code GET /repos/{owner}/{repo}/issues?state=all&sort=created&direction=desc&per_page=100}, filtered
     * by the issue's labels, then without a filter in case GitHub dropped them for lack of push access; at
     * most five pages each, so the 500 newest issues) and an issue whose body holds the
     * marker is returned instead of opening a second one. The listing, not search, is used because GitHub's
     * search index lags behind a create. The create itself is never retried inside one call after a timeout
     * or 5xx; the outbox retries with {@link IdempotencyKey#again}, which looks first.
     *
     * @throws PortException as GitHub fails
     */
    @Override
    public Issue open(NewIssue issue, IdempotencyKey key) {
        requireNonNull(issue, "issue");
        requireNonNull(key, "key");
        String marker = marker(key.value());
        if (key.mayExist()) {
            Optional<Issue> earlier = findMarked(issue.labels(), marker);
            if (earlier.isPresent()) {
                log.debug("GitHub issue #{} for {} was opened by an earlier attempt ({})", earlier.get().id(), issue.incident(), key);
                return earlier.get();
            }
        }
        for (String label : issue.labels()) {
            ensureLabel(label);
        }
        List<String> assignees = assignees(issue.assignees());
        JsonNode created;
        try {
            created = api.post("issues.create", issuesPath(), newIssue(issue, marker, assignees));
        } catch (PortException e) {
            if (assignees.isEmpty() || e.kind() != PortException.Kind.INVALID) {
                throw e;
            }
            log.warn("GitHub refused the assignees of {}'s issue ({}); opening it without them", issue.incident(), e.vendorCode());
            created = api.post("issues.create", issuesPath(), newIssue(issue, marker, List.of()));
        }
        Issue result = issue(created);
        log.debug("opened GitHub issue #{} for {}", result.id(), issue.incident());
        return result;
    }

    private Issue issue(JsonNode json) {
        String number = json.path("number").asText("");
        if (number.isEmpty()) {
            throw new PortException("github issues.create", PortException.Kind.UNAVAILABLE, "no_number", 0, null,
                    "GitHub answered without an issue number");
        }
        return new Issue(number, json.path("html_url").asText("https://github.com/" + config.repository()
                + "/issues/" + number));
    }

    /** The hidden line that marks an issue as opened with this key; characters that could end it are escaped. */
    static String marker(String key) {
        StringBuilder b = new StringBuilder("<!-- incidentkit:");
        for (char c : key.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == ':' || c == '.' || c == '_' || c == '-' && b.charAt(b.length() - 1) != '-') {
                b.append(c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%04X", (int) c));
            }
        }
        return b.append(" -->").toString();
    }

    private Optional<Issue> findMarked(List<String> labels, String marker) {
        List<Map<String, String>> filters = labels.isEmpty() ? List.of(Map.of())
                : List.of(Map.of("labels", String.join(",", labels)), Map.of());
        for (Map<String, String> filter : filters) {
            for (int page = 1; page <= LOOKUP_PAGES; page++) {
                Map<String, String> query = new LinkedHashMap<>(filter);
                query.put("state", "all");
                query.put("sort", "created");
                query.put("direction", "desc");
                query.put("per_page", Integer.toString(PER_PAGE));
                query.put("page", Integer.toString(page));
                JsonNode list = api.get("issues.list", issuesPath(), query);
                for (JsonNode i : list) {
                    if (!i.has("pull_request") && i.path("body").asText("").contains(marker)) {
                        return Optional.of(issue(i));
                    }
                }
                if (list.size() < PER_PAGE) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private ObjectNode newIssue(NewIssue issue, String marker, List<String> assignees) {
        ObjectNode body = api.object().put("title", issue.title()).put("body", withMarker(marker, issue.body()));
        body.putArray("labels").addAll(issue.labels().stream().map(body::textNode).toList());
        if (!assignees.isEmpty()) {
            body.putArray("assignees").addAll(assignees.stream().map(body::textNode).toList());
        }
        return body;
    }

    /**
     * Replaces an issue's body, keeping the hidden marker line of the open that created it: the issue is
     * read first ({@code GET}), and its marker, if any, is put back at the top of the new body. Setting a
     * body is idempotent, so the {@code PATCH} is retried after a timeout.
     */
    @Override
    public void updateBody(Issue issue, String body) {
        requireNonNull(issue, "issue");
        requireNonNull(body, "body");
        if (!issue.id().matches("[1-9][0-9]{0,18}")) {
            throw new PortException("github issues.update", PortException.Kind.INVALID, "", 0, null,
                    "an issue id is its number; got '" + issue.id() + "'");
        }
        String path = issuesPath() + "/" + issue.id();
        Matcher m = MARKER.matcher(api.get("issues.get", path, Map.of()).path("body").asText(""));
        String text = m.find() && !body.contains(m.group()) ? withMarker(m.group(), body) : limit(body, BODY_LIMIT);
        api.patch("issues.update", path, api.object().put("body", text));
    }

    /** The marker line, then the body cut to fit GitHub's limit with the marker. */
    private static String withMarker(String marker, String body) {
        return marker + "\n" + limit(body, BODY_LIMIT - marker.length() - 1);
    }

    private void ensureLabel(String name) {
        synchronized (knownLabels) {
            if (knownLabels.contains(name)) {
                return;
            }
        }
        ObjectNode label = api.object().put("name", name)
                .put("color", COLOURS.getOrDefault(name.toLowerCase(Locale.ROOT), "ededed"))
                .put("description", "Added by incidentkit");
        try {
            api.post("labels.create", "repos/" + config.owner() + "/" + config.repo() + "/labels", label);
            log.debug("created label {} in {}", name, config.repository());
        } catch (PortException e) {
            if (!e.vendorCode().equals("already_exists")) {
                throw e;
            }
        }
        synchronized (knownLabels) {
            knownLabels.add(name);
        }
    }

    private List<String> assignees(List<PersonRef> people) {
        Set<String> out = new LinkedHashSet<>();
        for (PersonRef p : people) {
            try {
                logins.apply(p).map(String::strip).filter(l -> !l.isEmpty()).ifPresent(out::add);
            } catch (RuntimeException e) {
                log.warn("could not map {} to a GitHub login: {}", p.id(), e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private String issuesPath() {
        return "repos/" + config.owner() + "/" + config.repo() + "/issues";
    }

    private static String limit(String body, int max) {
        String note = "\n\n… (cut to fit GitHub's limit; see the incident's timeline for the rest)";
        return body.length() <= max ? body : body.substring(0, max - note.length()) + note;
    }

    /** Stops the threads this tracker started; calls in flight may fail. */
    @Override
    public void close() {
        api.close();
    }

    /** Names the repository only. */
    @Override
    public String toString() {
        return "GitHubIssueTracker[" + config.repository() + "]";
    }

    /**
     * Builds a {@link GitHubIssueTracker}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final GitHubConfig config;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpClient httpClient;
        private @Nullable ScheduledExecutorService scheduler;
        private Function<PersonRef, Optional<String>> logins = p -> Optional.empty();

        private Builder(GitHubConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /**
         * Sets the clock for rate-limit resets and {@code Retry-After} dates; default UTC system clock.
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
         * Schedules retries on this executor, which the caller owns; by default the tracker starts one
         * daemon thread and stops it on {@link GitHubIssueTracker#close()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Assigns people by their {@code "github"} handle in a directory ({@link Person#handle}).
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder directory(Directory directory) {
            requireNonNull(directory, "directory");
            this.logins = p -> directory.find(p).flatMap(person -> person.handle("github"));
            return this;
        }

        /**
         * Assigns people by a mapping to GitHub logins; people it maps to nothing are not assigned.
         *
         * @param logins from a person to their GitHub login
         * @return this builder
         */
        public Builder logins(Function<PersonRef, Optional<String>> logins) {
            this.logins = requireNonNull(logins, "logins");
            return this;
        }

        /**
         * Builds the tracker.
         *
         * @return the tracker
         */
        public GitHubIssueTracker build() {
            return new GitHubIssueTracker(this);
        }
    }
}
