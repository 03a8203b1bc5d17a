package dev.incidentkit.github;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.http.JdkHttpBinding;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.adapters.webhook.WebhookVerifier.Verdict;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.PersonRef;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's webhooks in, framework-neutral: give {@link #handle(InboundRequest)} the raw request and send
 * back the {@link InboundResponse} (plain text); {@link #httpHandler()} binds it to the JDK's
 * {@code HttpServer}. Subscribe the webhook to <em>Issues</em> and <em>Issue comments</em>, content type
 * {@code application/json}.
 *
 * <ul>
 *   <li>Every delivery is first checked: {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body with the
 *       webhook secret, constant-time compare) or 401; then {@code X-GitHub-Delivery}: a delivery already
 *       processed is a replay and gets 409, so nothing is recorded twice.
 *   <li>{@code issues} / {@code closed} on a follow-up issue incidentkit filed records
 *       {@code followup done <n>} on the incident's timeline, even after the incident is closed.
 *   <li>{@code issue_comment} / {@code created} on the service-disruption report issue with a line
 *       {@code /incident note <text>} records the note, as the commenter ({@code github:<login>}).
 *   <li>{@code ping} is answered; anything else is acknowledged and ignored.
 * </ul>
 *
 * <p>The incident is found from the issue's title or body ({@code INC-42}), and the issue is matched by its
 * number against the incident's links, so an issue incidentkit did not file is ignored. Request bodies are
 * never logged. Thread-safe.
 *
 * @since 0.1
 */
public final class GitHubInbound {
    private static final Logger log = LoggerFactory.getLogger(GitHubInbound.class);
    private static final Pattern INCIDENT = Pattern.compile("\\b[A-Za-z]{2,10}-[1-9][0-9]{0,17}\\b");
    private static final Pattern NOTE = Pattern.compile("(?im)^\\s*/incident\\s+note\\s+(\\S.*?)\\s*$");
    private static final Pattern FOLLOW_UP = Pattern.compile("follow-up #(\\d+)");
    private static final String REPORT_LABEL = "service-disruption report";

    private final IncidentKit kit;
    private final WebhookVerifier verifier;
    private final int maxBodyBytes;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Boolean> processed = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };

    private GitHubInbound(GitHubConfig config, IncidentKit kit, int maxBodyBytes) {
        this.kit = kit;
        this.verifier = WebhookVerifier.github(config.webhookSecret().orElseThrow(() -> new IllegalArgumentException(
                "GitHubInbound needs the webhook secret: set GITHUB_WEBHOOK_SECRET (GitHubConfig.webhookSecret)")));
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Starts a builder.
     *
     * @param config the repository settings, with the webhook secret
     * @param kit where deliveries are recorded
     * @return the builder
     */
    public static Builder builder(GitHubConfig config, IncidentKit kit) {
        return new Builder(config, kit);
    }

    /**
     * Handles one delivery.
     *
     * @param request the raw request
     * @return the response; never throws for anything in the request
     */
    public InboundResponse handle(InboundRequest request) {
        requireNonNull(request, "request");
        if (!request.method().equalsIgnoreCase("POST")) {
            return InboundResponse.text(405, "POST only");
        }
        if (request.body().length > maxBodyBytes) {
            return InboundResponse.text(413, "delivery too large");
        }
        Verdict verdict = verifier.verify(request.headers(), request.body());
        if (!verdict.valid()) {
            log.warn("rejected a GitHub delivery to {}: signature {}", request.path(), verdict);
            return InboundResponse.text(verdict.httpStatus(), "invalid signature");
        }
        Optional<String> delivery = request.header("X-GitHub-Delivery").map(String::strip).filter(d -> !d.isEmpty());
        if (delivery.isEmpty()) {
            return InboundResponse.text(400, "missing X-GitHub-Delivery");
        }
        synchronized (processed) {
            if (processed.containsKey(delivery.get())) {
                log.warn("rejected a replayed GitHub delivery {}", delivery.get());
                return InboundResponse.text(409, "delivery " + delivery.get() + " was already processed");
            }
        }
        InboundResponse response;
        try {
            String event = request.header("X-GitHub-Event").orElse("").strip().toLowerCase(Locale.ROOT);
            response = dispatch(event, json.readTree(request.body()));
        } catch (IOException | RuntimeException e) {
            log.warn("malformed GitHub delivery {} ({})", delivery.get(), e.getClass().getSimpleName());
            return InboundResponse.text(400, "malformed delivery");
        }
        synchronized (processed) {
            processed.put(delivery.get(), Boolean.TRUE);
        }
        return response;
    }

    private InboundResponse dispatch(String event, JsonNode payload) {
        String action = payload.path("action").asText("");
        if (event.equals("ping")) {
            return InboundResponse.text(200, "pong");
        }
        if (event.equals("issues") && action.equals("closed")) {
            return followUpClosed(payload);
        }
        if (event.equals("issue_comment") && action.equals("created")) {
            return comment(payload);
        }
        return InboundResponse.text(202, "ignored " + event + (action.isEmpty() ? "" : "/" + action));
    }

    private InboundResponse followUpClosed(JsonNode payload) {
        JsonNode issue = payload.path("issue");
        Optional<Incident> incident = incidentOf(issue);
        Optional<LinkAdded> link = incident.flatMap(i -> linkTo(i, issue.path("number").asText()));
        Optional<Integer> number = link.map(l -> FOLLOW_UP.matcher(l.label())).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1)));
        if (number.isEmpty()) {
            return InboundResponse.text(202, "not a follow-up issue of an incident");
        }
        Reply reply = kit.handle(Optional.of(incident.get().id()),
                new Command.FollowUpDone(number.get(), issue.path("html_url").asText("")), actor(payload), "github");
        return InboundResponse.text(200, reply.text());
    }

    private InboundResponse comment(JsonNode payload) {
        Matcher note = NOTE.matcher(payload.path("comment").path("body").asText(""));
        if (!note.find()) {
            return InboundResponse.text(202, "no /incident note in the comment");
        }
        JsonNode issue = payload.path("issue");
        Optional<Incident> incident = incidentOf(issue);
        boolean onReport = incident.flatMap(i -> linkTo(i, issue.path("number").asText()))
                .filter(l -> l.label().equals(REPORT_LABEL)).isPresent();
        if (!onReport) {
            return InboundResponse.text(202, "not the service-disruption report issue of an incident");
        }
        Reply reply = kit.handle(Optional.of(incident.get().id()), new Command.AddNote(note.group(1)), actor(payload), "github");
        return InboundResponse.text(200, reply.text());
    }

    private Optional<Incident> incidentOf(JsonNode issue) {
        for (String text : List.of(issue.path("title").asText(""), issue.path("body").asText(""))) {
            Matcher m = INCIDENT.matcher(text);
            while (m.find()) {
                Optional<Incident> found = IncidentId.parse(m.group()).flatMap(kit::incident);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LinkAdded> linkTo(Incident incident, String number) {
        return incident.links().stream().filter(l -> l.kind() == LinkKind.ISSUE && l.reference().equals(number)).findFirst();
    }

    private static PersonRef actor(JsonNode payload) {
        String login = payload.path("sender").path("login").asText("").strip();
        return login.isEmpty() || login.chars().anyMatch(Character::isWhitespace) ? PersonRef.of("github")
                : new PersonRef("github:" + login, login);
    }

    /**
     * Returns a handler for the JDK's {@code HttpServer}:
     *
     * <pre>{@code
     * server.createContext("/webhooks/github", inbound.httpHandler());
     * }</pre>
     *
     * @return the handler
     */
    public HttpHandler httpHandler() {
        return JdkHttpBinding.handler(this::handle, maxBodyBytes);
    }

    /** Names nothing secret. */
    @Override
    public String toString() {
        return "GitHubInbound[" + verifier + "]";
    }

    /**
     * Builds a {@link GitHubInbound}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final GitHubConfig config;
        private final IncidentKit kit;
        private int maxBodyBytes = 1 << 20;

        private Builder(GitHubConfig config, IncidentKit kit) {
            this.config = requireNonNull(config, "config");
            this.kit = requireNonNull(kit, "kit");
        }

        /**
         * Sets the largest delivery accepted; default 1 MiB.
         *
         * @param bytes positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes is positive; got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Builds the inbound side.
         *
         * @return the inbound side
         * @throws IllegalArgumentException if the config has no webhook secret
         */
        public GitHubInbound build() {
            return new GitHubInbound(config, kit, maxBodyBytes);
        }
    }
}
