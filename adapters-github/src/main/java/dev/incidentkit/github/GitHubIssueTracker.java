package dev.incidentkit.github;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.github.internal.GitHubApi;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
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
 *   <li>A repeated {@code open} with the same idempotency key returns the earlier issue (the last 10,000
 *       keys, in memory).
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the threads it started.
 *
 * @since 0.1
 */
public final class GitHubIssueTracker implements IssueTracker, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GitHubIssueTracker.class);
    private static final int BODY_LIMIT = 65_536;
    private static final Map<String, String> COLOURS = Map.of("incident", "d73a4a", "sev1", "b60205", "sev2", "d93f0b",
            "sev3", "fbca04", "sev4", "c2e0c6", "follow-up", "1d76db");

    private final GitHubConfig config;
    private final GitHubApi api;
    private final Function<PersonRef, Optional<String>> logins;
    private final Set<String> knownLabels = new HashSet<>();
    private final Map<String, Issue> opened = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issue> eldest) {
            return size() > 10_000;
        }
    };

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

    @Override
    public Issue open(NewIssue issue, String idempotencyKey) {
        requireNonNull(issue, "issue");
        requireNonNull(idempotencyKey, "idempotencyKey");
        synchronized (opened) {
            Issue earlier = opened.get(idempotencyKey);
            if (earlier != null) {
                return earlier;
            }
        }
        for (String label : issue.labels()) {
            ensureLabel(label);
        }
        List<String> assignees = assignees(issue.assignees());
        JsonNode created;
        try {
            created = api.post("issues.create", issuesPath(), newIssue(issue, assignees));
        } catch (PortException e) {
            if (assignees.isEmpty() || e.kind() != PortException.Kind.INVALID) {
                throw e;
            }
            log.warn("GitHub refused the assignees of {}'s issue ({}); opening it without them", issue.incident(), e.vendorCode());
            created = api.post("issues.create", issuesPath(), newIssue(issue, List.of()));
        }
        String number = created.path("number").asText("");
        if (number.isEmpty()) {
            throw new PortException("github issues.create", PortException.Kind.UNAVAILABLE, "no_number", 0, null,
                    "GitHub answered without an issue number");
        }
        Issue result = new Issue(number, created.path("html_url").asText("https://github.com/" + config.repository()
                + "/issues/" + number));
        synchronized (opened) {
            opened.put(idempotencyKey, result);
        }
        log.debug("opened GitHub issue #{} for {}", number, issue.incident());
        return result;
    }

    private ObjectNode newIssue(NewIssue issue, List<String> assignees) {
        ObjectNode body = api.object().put("title", issue.title()).put("body", limit(issue.body()));
        body.putArray("labels").addAll(issue.labels().stream().map(body::textNode).toList());
        if (!assignees.isEmpty()) {
            body.putArray("assignees").addAll(assignees.stream().map(body::textNode).toList());
        }
        return body;
    }

    @Override
    public void updateBody(Issue issue, String body) {
        requireNonNull(issue, "issue");
        requireNonNull(body, "body");
        if (!issue.id().matches("[1-9][0-9]{0,18}")) {
            throw new PortException("github issues.update", PortException.Kind.INVALID, "", 0, null,
                    "an issue id is its number; got '" + issue.id() + "'");
        }
        api.patch("issues.update", issuesPath() + "/" + issue.id(), api.object().put("body", limit(body)));
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

    private static String limit(String body) {
        String note = "\n\n… (cut to fit GitHub's limit; see the incident's timeline for the rest)";
        return body.length() <= BODY_LIMIT ? body : body.substring(0, BODY_LIMIT - note.length()) + note;
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
