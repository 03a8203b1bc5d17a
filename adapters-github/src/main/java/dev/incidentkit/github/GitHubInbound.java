package dev.incidentkit.github;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dev.incidentkit.IncidentCommands;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.http.JdkHttpBinding;
import dev.incidentkit.adapters.webhook.InboundGate;
import dev.incidentkit.adapters.webhook.InboundGate.Delivery;
import dev.incidentkit.adapters.webhook.InboundGate.Key;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.DeliveryLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
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
 *   <li>Every delivery first passes the {@link InboundGate}: POST only (else 405), at most
 *       {@link Builder#maxBodyBytes the body limit} (else 413), {@code X-Hub-Signature-256} (HMAC-SHA256 of the
 *       raw body with the webhook secret, constant-time compare) or 401; no {@code X-GitHub-Delivery} or a
 *       body that is not JSON gets 400. A delivery already accepted (same {@code X-GitHub-Delivery}, or the
 *       same signed body under another one) within three days, GitHub's redelivery horizon, is answered 200
 *       {@code already handled} and not recorded twice; the memory is the {@link DeliveryLog} (the kit's
 *       store), so it holds across replicas and restarts.
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

    /** GitHub redelivers, on request, deliveries of the past three days. */
    private static final Duration MEMORY = Duration.ofDays(3);

    private final IncidentCommands commands;
    private final Function<IncidentId, Optional<Incident>> incidents;
    private final WebhookVerifier verifier;
    private final InboundGate gate;
    private final ObjectMapper json = new ObjectMapper();

    private GitHubInbound(Builder b) {
        this.commands = b.commands;
        this.incidents = b.incidents;
        this.verifier = WebhookVerifier.github(b.config.webhookSecret().orElseThrow(() -> new IllegalArgumentException(
                "GitHubInbound needs the webhook secret: set GITHUB_WEBHOOK_SECRET (GitHubConfig.webhookSecret)")));
        this.gate = InboundGate.of("github", verifier, b.deliveries, b.clock, b.maxBodyBytes);
    }

    /**
     * Starts a builder.
     *
     * @param config the repository settings, with the webhook secret
     * @param commands where closed follow-ups and notes are recorded, usually {@code IncidentKit}
     * @param incidents reads an incident, to match an issue against its links, e.g. {@code kit::incident}
     * @param deliveries remembers accepted deliveries, so a replay is not acted on twice by any replica:
     *     usually the kit's {@code IncidentStore}
     * @return the builder
     */
    public static Builder builder(GitHubConfig config, IncidentCommands commands,
                                  Function<IncidentId, Optional<Incident>> incidents, DeliveryLog deliveries) {
        return new Builder(config, commands, incidents, deliveries);
    }

    /**
     * Handles one delivery.
     *
     * @param request the raw request
     * @return the response; never throws for anything in the request
     */
    public InboundResponse handle(InboundRequest request) {
        return gate.handle(request, this::route);
    }

    /** Reads a verified delivery: handled once per {@code X-GitHub-Delivery} and per signed body. */
    private Delivery route(InboundRequest request) {
        Optional<String> delivery = request.header("X-GitHub-Delivery").map(String::strip).filter(d -> !d.isEmpty());
        if (delivery.isEmpty()) {
            return Delivery.reject(400, "missing X-GitHub-Delivery");
        }
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        } catch (IOException e) {
            return Delivery.reject(400, "malformed delivery");
        }
        String event = request.header("X-GitHub-Event").orElse("").strip().toLowerCase(Locale.ROOT);
        // X-GitHub-Delivery is not signed; the signature is, and GitHub signs no time, so the same body
        // replayed under a new delivery id is a repeat too.
        String signature = InboundGate.sha256(request.header("X-Hub-Signature-256").orElse("").strip());
        return Delivery.once(List.of(new Key("delivery", delivery.get()), new Key("signature", signature)), MEMORY,
                () -> dispatch(event, payload));
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
        Reply reply = commands.handle(Optional.of(incident.get().id()),
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
        Reply reply = commands.handle(Optional.of(incident.get().id()), new Command.AddNote(note.group(1)), actor(payload), "github");
        return InboundResponse.text(200, reply.text());
    }

    private Optional<Incident> incidentOf(JsonNode issue) {
        for (String text : List.of(issue.path("title").asText(""), issue.path("body").asText(""))) {
            Matcher m = INCIDENT.matcher(text);
            while (m.find()) {
                Optional<Incident> found = IncidentId.parse(m.group()).flatMap(incidents);
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
        return JdkHttpBinding.handler(this::handle, gate.maxBodyBytes());
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
        private final IncidentCommands commands;
        private final Function<IncidentId, Optional<Incident>> incidents;
        private final DeliveryLog deliveries;
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = 1 << 20;

        private Builder(GitHubConfig config, IncidentCommands commands, Function<IncidentId, Optional<Incident>> incidents,
                        DeliveryLog deliveries) {
            this.config = requireNonNull(config, "config");
            this.commands = requireNonNull(commands, "commands");
            this.incidents = requireNonNull(incidents, "incidents");
            this.deliveries = requireNonNull(deliveries, "deliveries");
        }

        /**
         * Sets the clock deliveries are remembered by; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
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
            return new GitHubInbound(this);
        }
    }
}
