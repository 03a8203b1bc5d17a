package dev.incidentkit.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import dev.incidentkit.ChatRequest;
import dev.incidentkit.CommandHandler;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.http.JdkHttpBinding;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.internal.NamedThreads;
import dev.incidentkit.adapters.webhook.InboundGate;
import dev.incidentkit.adapters.webhook.InboundGate.Delivery;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.slack.internal.BlockKit;
import dev.incidentkit.slack.internal.Forms;
import dev.incidentkit.slack.internal.SlackApi;
import dev.incidentkit.slack.internal.StatusModal;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.DeliveryLog;
import dev.incidentkit.spi.PortException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's requests in, framework-neutral: give {@link #handle(InboundRequest)} the raw request (method, path,
 * headers, body bytes) and send back the {@link InboundResponse}. One endpoint serves slash commands,
 * interactivity and the Events API; point all three Request URLs at it. {@link #httpHandler()} binds it to
 * the JDK's {@code HttpServer}.
 *
 * <p>Every request first passes the {@link InboundGate}: POST only (else 405), at most
 * {@link Builder#maxBodyBytes the body limit} (else 413), signed with the signing secret (v0, ±5 minutes by
 * the injected clock, constant-time compare; else 401); malformed bodies get 400; none of them reaches the
 * {@link CommandHandler}. A repeat is answered 200 {@code already handled} and not acted on again: events
 * by {@code event_id} (Slack's retries carry the same one), slash commands and interactions, which carry no
 * nonce, by their signature, remembered for the ten minutes it can pass the window. The memory is the
 * {@link DeliveryLog} (the kit's store), so it holds across replicas and restarts. Then:
 *
 * <ul>
 *   <li><b>Slash commands</b> ({@code /incident …}): the text goes to the handler as the invoking user in
 *       the invoking channel, and the reply is the HTTP answer ({@code response_type} {@code ephemeral} for
 *       {@link Reply.Visibility#SENDER}, {@code in_channel} for {@link Reply.Visibility#CHANNEL}). A handler
 *       slower than the acknowledgement budget (default 2.5 s, inside Slack's 3 s) is answered "working on
 *       it" and its reply follows through {@code response_url}. {@code /incident update} with no text opens
 *       the status-update modal with {@code views.open}.
 *   <li><b>Buttons</b> ({@code block_actions}): the button's {@code value} is a chat command; it runs as the
 *       person who clicked, and the reply goes to {@code response_url}.
 *   <li><b>The status-update modal</b> ({@code view_submission}): becomes {@code update <status>: <message>}.
 *   <li><b>Events API</b>: the {@code url_verification} challenge is answered; a {@code reaction_added}
 *       with the configured reaction (default {@code :pushpin:}) on a message fetches the message
 *       ({@code conversations.history}, else {@code conversations.replies}) and runs {@code note <text>} as
 *       the person who reacted.
 * </ul>
 *
 * <p>Request bodies are never logged. Thread-safe. {@link #close()} stops the threads it started.
 *
 * @since 0.1
 */
public final class SlackInbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);
    /** A signature passes while its timestamp is within ±5 minutes of now: 10 minutes from first to last. */
    private static final Duration SIGNATURE_MEMORY = WebhookVerifier.DEFAULT_WINDOW.multipliedBy(2);
    /** Slack retries an event for about five minutes; an hour leaves room for late and replayed copies. */
    private static final Duration EVENT_MEMORY = Duration.ofHours(1);

    /**
     * The {@code action_id} prefix of incidentkit's buttons, for a framework that routes block actions by id
     * (Bolt for Java): every action whose id starts with it belongs to the kit.
     */
    public static final String ACTION_ID_PREFIX = BlockKit.ACTION_PREFIX;
    /** The {@code callback_id} of the status-update modal, for a framework that routes view submissions. */
    public static final String STATUS_MODAL_CALLBACK_ID = StatusModal.CALLBACK_ID;

    private final SlackConfig config;
    private final CommandHandler handler;
    private final WebhookVerifier verifier;
    private final SlackApi api;
    private final boolean ownsApi;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Duration ackBudget;
    private final InboundGate gate;
    private final ObjectMapper json;
    private final @Nullable BiFunction<String, PersonRef, Optional<Reply>> onJoin;

    private SlackInbound(Builder b) {
        this.config = b.config;
        this.handler = b.handler;
        this.onJoin = b.onJoin;
        this.verifier = WebhookVerifier.slack(b.config.signingSecret(), b.clock);
        this.gate = InboundGate.of("slack", verifier, b.deliveries, b.clock, b.maxBodyBytes);
        if (b.chat != null) {
            this.api = b.chat.api();
            this.ownsApi = false;
        } else {
            this.api = new SlackApi(b.config.apiUrl(), b.config.botToken(), b.config.requestTimeout(), b.clock,
                    RetryPolicy.defaults(), null, null, Duration.ofSeconds(1), 3);
            this.ownsApi = true;
        }
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor
                : Executors.newFixedThreadPool(4, new NamedThreads("incidentkit-slack-inbound"));
        this.ackBudget = b.ackBudget;
        this.json = api.json();
    }

    /**
     * Starts a builder.
     *
     * @param config the workspace settings (the signing secret verifies requests)
     * @param handler what runs the commands, usually {@code IncidentKit}
     * @param deliveries remembers accepted requests, so a replay is not acted on twice by any replica:
     *     usually the kit's {@code IncidentStore}
     * @return the builder
     */
    public static Builder builder(SlackConfig config, CommandHandler handler, DeliveryLog deliveries) {
        return new Builder(config, handler, deliveries);
    }

    /**
     * Handles one request from Slack.
     *
     * @param request the raw request
     * @return the response to send; never null, never throws for anything in the request
     */
    public InboundResponse handle(InboundRequest request) {
        return gate.handle(request, this::route);
    }

    /**
     * Handles one request whose signature a framework in front of this inbound has already checked with
     * the app's signing secret, such as Slack's Bolt for Java (module {@code incidentkit-adapters-slack-bolt}):
     * everything {@link #handle} does (body limit, once-only memory, the commands, buttons, modal and
     * reactions, the answers) except the signature check. Never pass it a request nothing verified.
     *
     * @param request the raw request, with the headers Slack sent ({@code Content-Type},
     *     {@code X-Slack-Signature}: the signature names a slash command or interaction for the once-only memory)
     * @return the response to send; never null, never throws for anything in the request
     */
    public InboundResponse handleVerified(InboundRequest request) {
        return gate.handleVerified(request, this::route);
    }

    /** Reads a verified request: what it is, and under which id it is acted on once. */
    private Delivery route(InboundRequest request) {
        String body = request.bodyText();
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/json")) {
            JsonNode envelope = readJson(body);
            String eventId = envelope.path("event_id").asText("");
            if (envelope.path("type").asText().equals("event_callback") && !eventId.isBlank()) {
                return Delivery.once("event", eventId, EVENT_MEMORY, () -> event(envelope));
            }
            return Delivery.always(() -> event(envelope));
        }
        Optional<Map<String, String>> form = Forms.decode(body);
        if (form.isEmpty()) {
            return Delivery.reject(400, "malformed form body");
        }
        Map<String, String> f = form.get();
        if (f.containsKey("ssl_check")) {
            return Delivery.always(() -> InboundResponse.empty(200));
        }
        // Slash commands and interactions carry no nonce: the signature (over the body and its timestamp)
        // names the request, and a replay inside the signature's window is answered without acting again.
        String signature = InboundGate.sha256(request.header("X-Slack-Signature").orElse("").strip()
                .toLowerCase(Locale.ROOT));
        if (f.containsKey("payload")) {
            JsonNode payload = readJson(f.get("payload"));
            return Delivery.once("interaction", signature, SIGNATURE_MEMORY, () -> interaction(payload));
        }
        if (f.containsKey("command")) {
            return Delivery.once("command", signature, SIGNATURE_MEMORY, () -> slashCommand(f));
        }
        return Delivery.reject(400, "not a slash command, interaction or event");
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    // ------------------------------------------------------------------ slash commands

    private InboundResponse slashCommand(Map<String, String> f) {
        String userId = f.getOrDefault("user_id", "");
        String channelId = f.getOrDefault("channel_id", "");
        if (userId.isBlank() || channelId.isBlank()) {
            return InboundResponse.text(400, "slash command without user_id or channel_id");
        }
        PersonRef actor = person(userId, f.get("user_name"));
        String text = f.getOrDefault("text", "").strip();
        String responseUrl = f.getOrDefault("response_url", "");
        String triggerId = f.getOrDefault("trigger_id", "");
        if (text.equalsIgnoreCase("update") && !triggerId.isBlank()) {
            executor.execute(() -> openStatusModal(triggerId, channelId, actor, responseUrl));
            return InboundResponse.empty(200);
        }
        CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(
                () -> handler.handle(new ChatRequest(actor, channelId, text, f.getOrDefault("channel_name", channelId))), executor);
        try {
            return replyJson(reply.get(ackBudget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reply.thenAccept(r -> deliverLater(r, channelId, actor, responseUrl))
                    .exceptionally(t -> failed(t, channelId, actor, responseUrl));
            return jsonOk(json.createObjectNode().put("response_type", "ephemeral").put("text", "Working on it…"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InboundResponse.text(503, "shutting down");
        } catch (ExecutionException e) {
            log.error("the command handler failed on a slash command", e.getCause());
            return jsonOk(json.createObjectNode().put("response_type", "ephemeral")
                    .put("text", "Sorry, that failed inside incidentkit; it has been logged. Try again, or type `help`."));
        }
    }

    private void openStatusModal(String triggerId, String channelId, PersonRef actor, String responseUrl) {
        ObjectNode args = api.args().put("trigger_id", triggerId);
        args.set("view", StatusModal.view(channelId));
        try {
            api.create("views.open", args);
        } catch (PortException e) {
            log.warn("could not open the status-update modal: {}", e.getMessage());
            deliverLater(Reply.toSender("Could not open the form (" + e.vendorCode()
                    + "). Type `/incident update <status>: <message>` instead."), channelId, actor, responseUrl);
        }
    }

    // ------------------------------------------------------------------ interactivity

    private InboundResponse interaction(JsonNode p) {
        String type = p.path("type").asText();
        String userId = p.path("user").path("id").asText("");
        if (userId.isBlank()) {
            return InboundResponse.text(400, "interaction without a user");
        }
        PersonRef actor = person(userId, p.path("user").path("username").asText(p.path("user").path("name").asText(null)));
        if (type.equals("block_actions")) {
            String channelId = p.path("channel").path("id").asText(p.path("container").path("channel_id").asText(""));
            String responseUrl = p.path("response_url").asText("");
            for (JsonNode action : p.path("actions")) {
                String command = action.path("value").asText("").strip();
                if (action.path("action_id").asText().startsWith(BlockKit.ACTION_PREFIX) && !command.isEmpty()) {
                    runLater(new ChatRequest(actor, channelId, command), responseUrl);
                }
            }
            return InboundResponse.empty(200);
        }
        if (type.equals("view_submission") && p.path("view").path("callback_id").asText().equals(StatusModal.CALLBACK_ID)) {
            Optional<StatusModal.Submission> s = StatusModal.read(p);
            if (s.isEmpty()) {
                ObjectNode errors = json.createObjectNode().put("response_action", "errors");
                errors.putObject("errors").put("message", "Say what customers should know.");
                return jsonOk(errors);
            }
            runLater(new ChatRequest(actor, s.get().channelId(), s.get().command()), "");
            return InboundResponse.empty(200);
        }
        return InboundResponse.empty(200);
    }

    // ------------------------------------------------------------------ Events API

    private InboundResponse event(JsonNode envelope) {
        String type = envelope.path("type").asText();
        if (type.equals("event_callback") && onJoin != null
                && envelope.path("event").path("type").asText().equals("member_joined_channel")) {
            String userId = envelope.path("event").path("user").asText("");
            String channelId = envelope.path("event").path("channel").asText("");
            if (!userId.isBlank() && !channelId.isBlank()) {
                executor.execute(() -> answerJoin(channelId, person(userId, null)));
            }
            return InboundResponse.empty(200);
        }
        if (type.equals("url_verification")) {
            return jsonOk(json.createObjectNode().put("challenge", envelope.path("challenge").asText()));
        }
        if (!type.equals("event_callback")) {
            return InboundResponse.empty(200);
        }
        JsonNode e = envelope.path("event");
        if (e.path("type").asText().equals("reaction_added")
                && e.path("reaction").asText().equals(config.noteReaction())
                && e.path("item").path("type").asText().equals("message")) {
            String userId = e.path("user").asText("");
            String channelId = e.path("item").path("channel").asText("");
            String ts = e.path("item").path("ts").asText("");
            if (!userId.isBlank() && !channelId.isBlank() && !ts.isBlank()) {
                executor.execute(() -> noteFromReaction(userId, channelId, ts));
            }
        }
        return InboundResponse.empty(200);
    }

    private void answerJoin(String channelId, PersonRef person) {
        try {
            requireNonNull(onJoin).apply(channelId, person).ifPresent(reply -> deliverLater(reply, channelId, person, ""));
        } catch (RuntimeException e) {
            log.warn("could not answer a member who joined a channel: {}", e.toString());
        }
    }

    private void noteFromReaction(String userId, String channelId, String ts) {
        try {
            Optional<String> text = messageText(channelId, ts);
            if (text.isEmpty() || text.get().isBlank()) {
                log.debug("no text found for a reacted message; no note added");
                return;
            }
            PersonRef actor = person(userId, null);
            try {
                actor = new SlackDirectory(api).find(actor).map(p -> p.ref()).orElse(actor);
            } catch (PortException e) {
                log.debug("could not look up the reacting user's name: {}", e.getMessage());
            }
            Reply reply = handler.handle(new ChatRequest(actor, channelId, "note " + text.get().strip()));
            deliverLater(reply, channelId, actor, "");
        } catch (RuntimeException e) {
            log.warn("could not turn a reaction into a note: {}", e.toString());
        }
    }

    private Optional<String> messageText(String channelId, String ts) {
        Map<String, String> range = Map.of("channel", channelId, "latest", ts, "oldest", ts, "inclusive", "true", "limit", "1");
        Optional<String> top = find(api.read("conversations.history", range), ts);
        if (top.isPresent()) {
            return top;
        }
        // a reply in a thread is not in the channel's history
        return find(api.read("conversations.replies", Map.of("channel", channelId, "ts", ts, "latest", ts,
                "oldest", ts, "inclusive", "true", "limit", "2")), ts);
    }

    private static Optional<String> find(JsonNode answer, String ts) {
        for (JsonNode m : answer.path("messages")) {
            if (m.path("ts").asText().equals(ts)) {
                return Optional.of(m.path("text").asText(""));
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ replies

    private void runLater(ChatRequest request, String responseUrl) {
        executor.execute(() -> {
            try {
                deliverLater(handler.handle(request), request.channelId(), request.actor(), responseUrl);
            } catch (RuntimeException e) {
                failed(e, request.channelId(), request.actor(), responseUrl);
            }
        });
    }

    private @Nullable Void failed(Throwable t, String channelId, PersonRef actor, String responseUrl) {
        log.error("the command handler failed", t);
        deliverLater(Reply.toSender("Sorry, that failed inside incidentkit; it has been logged."), channelId, actor, responseUrl);
        return null;
    }

    private void deliverLater(Reply reply, String channelId, PersonRef actor, String responseUrl) {
        if (reply.text().isBlank()) {
            return;
        }
        String text = BlockKit.mrkdwn(reply.text());
        text = text.length() > BlockKit.TEXT_LIMIT ? text.substring(0, BlockKit.TEXT_LIMIT) + "…" : text;
        try {
            if (!responseUrl.isBlank()) {
                ObjectNode message = json.createObjectNode().put("response_type", responseType(reply))
                        .put("replace_original", false).put("text", text);
                api.respond(responseUrl, message).whenComplete((r, e) -> {
                    if (e != null) {
                        log.warn("could not answer through response_url: {}", e.toString());
                    }
                });
            } else if (reply.visibility() == Reply.Visibility.CHANNEL) {
                api.postMessage(channelId, api.args().put("channel", channelId).put("text", text));
            } else if (!channelId.isBlank()) {
                api.create("chat.postEphemeral", api.args().put("channel", channelId).put("user", actor.id()).put("text", text));
            }
        } catch (PortException e) {
            log.warn("could not deliver a reply: {}", e.getMessage());
        }
    }

    private InboundResponse replyJson(Reply reply) {
        if (reply.text().isBlank()) {
            return InboundResponse.empty(200);
        }
        if (!reply.buttons().isEmpty()) { // e.g. the preview of a public update with its Confirm button
            ObjectNode answer = BlockKit.renderOne(new ChatMessage(ChatMessage.Kind.REPLY, "", reply.text(),
                    reply.buttons(), false)).into(json.createObjectNode());
            return jsonOk(answer.put("response_type", responseType(reply)));
        }
        String text = BlockKit.mrkdwn(reply.text());
        return jsonOk(json.createObjectNode().put("response_type", responseType(reply))
                .put("text", text.length() > BlockKit.TEXT_LIMIT ? text.substring(0, BlockKit.TEXT_LIMIT) + "…" : text));
    }

    private static InboundResponse jsonOk(JsonNode answer) {
        return InboundResponse.json(200, answer.toString());
    }

    private static String responseType(Reply reply) {
        return reply.visibility() == Reply.Visibility.CHANNEL ? "in_channel" : "ephemeral";
    }

    private static PersonRef person(String id, @Nullable String name) {
        return new PersonRef(id, name == null || name.isBlank() ? id : name);
    }

    // ------------------------------------------------------------------ JDK HttpServer binding

    /**
     * Returns a handler for the JDK's {@link com.sun.net.httpserver.HttpServer}, usually mounted at
     * {@code /slack/events}:
     *
     * <pre>{@code
     * HttpServer server = HttpServer.create(new InetSocketAddress(3000), 0);
     * server.createContext("/slack/events", inbound.httpHandler());
     * server.start();
     * }</pre>
     *
     * @return the handler
     */
    public HttpHandler httpHandler() {
        return JdkHttpBinding.handler(this::handle, gate.maxBodyBytes());
    }

    /** Stops the threads and connection this inbound started (not those of a shared gateway). */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdown();
        }
        if (ownsApi) {
            api.close();
        }
    }

    @Override
    public String toString() {
        return "SlackInbound[" + verifier + ", note reaction :" + config.noteReaction() + ":]";
    }

    /**
     * Builds a {@link SlackInbound}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final SlackConfig config;
        private final CommandHandler handler;
        private final DeliveryLog deliveries;
        private Clock clock = Clock.systemUTC();
        private @Nullable SlackChatGateway chat;
        private @Nullable ExecutorService executor;
        private Duration ackBudget = Duration.ofMillis(2500);
        private int maxBodyBytes = 1 << 20;
        private @Nullable BiFunction<String, PersonRef, Optional<Reply>> onJoin;

        private Builder(SlackConfig config, CommandHandler handler, DeliveryLog deliveries) {
            this.config = requireNonNull(config, "config");
            this.handler = requireNonNull(handler, "handler");
            this.deliveries = requireNonNull(deliveries, "deliveries");
        }

        /**
         * Sets the clock request timestamps are checked against; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Shares this gateway's Web API connection for {@code views.open}, message look-ups and replies;
         * by default the inbound opens its own.
         *
         * @param chat the gateway
         * @return this builder
         */
        public Builder chat(SlackChatGateway chat) {
            this.chat = requireNonNull(chat, "chat");
            return this;
        }

        /**
         * Answers people who join a channel ({@code member_joined_channel}, subscribe to it with scope
         * {@code channels:read}): what {@code answer} returns for the channel and the person is shown to them
         * alone. With an {@code IncidentKit}: {@code .onJoin(kit::joined)}, and the kit built with
         * {@code tldrOnJoin(true)}. Without it, joins are ignored.
         *
         * @param answer the channel's id and who joined, to the answer for them (empty for none)
         * @return this builder
         */
        public Builder onJoin(BiFunction<String, PersonRef, Optional<Reply>> answer) {
            this.onJoin = requireNonNull(answer, "answer");
            return this;
        }

        /**
         * Runs handlers and follow-up calls on this executor, which the caller owns; by default four daemon
         * threads, stopped on {@link SlackInbound#close()}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how long a slash command waits for the handler before answering "working on it" and
         * following up through {@code response_url}; default 2.5 s (Slack allows 3 s).
         *
         * @param budget positive, under 3 s
         * @return this builder
         * @throws IllegalArgumentException if not between 0 and 3 s
         */
        public Builder ackBudget(Duration budget) {
            requireNonNull(budget, "budget");
            if (budget.isNegative() || budget.isZero() || budget.compareTo(Duration.ofSeconds(3)) >= 0) {
                throw new IllegalArgumentException("ackBudget is positive and under Slack's 3 s; got " + budget);
            }
            this.ackBudget = budget;
            return this;
        }

        /**
         * Sets the largest body accepted; larger requests get 413 before any parsing. Default 1 MiB.
         *
         * @param bytes at least 1 KiB
         * @return this builder
         * @throws IllegalArgumentException if below 1024
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes is at least 1024; got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Builds the inbound side.
         *
         * @return the inbound
         */
        public SlackInbound build() {
            return new SlackInbound(this);
        }
    }
}
