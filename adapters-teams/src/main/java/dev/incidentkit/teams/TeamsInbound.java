package dev.incidentkit.teams;

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
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.internal.NamedThreads;
import dev.incidentkit.adapters.webhook.InboundGate;
import dev.incidentkit.adapters.webhook.InboundGate.Delivery;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.DeliveryLog;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.teams.internal.BotFrameworkJwt;
import dev.incidentkit.teams.internal.Cards;
import dev.incidentkit.teams.internal.TeamsApi;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teams' requests in, framework-neutral: the bot's messaging endpoint. Give {@link #handle(InboundRequest)}
 * the raw request and send back the {@link InboundResponse}; {@link #httpHandler()} binds it to the JDK's
 * {@code HttpServer}. Point the Azure Bot's messaging endpoint at it.
 *
 * <p>Every request first passes the {@link InboundGate} with a Bot Framework JWT check before anything reads
 * the body (api-notes-teams §3.2): {@code Authorization: Bearer} with a token signed by a published key
 * (RS256/384/512), issuer {@code https://api.botframework.com}, audience the app id, lifetime within five
 * minutes of skew by the injected clock, the {@code serviceurl} claim equal to the activity's
 * {@code serviceUrl}; else 401. A key not endorsed for the activity's channel is refused with 403. Keys are
 * cached, fetched again daily and on an unknown key id (at most hourly). Then the activity must come from
 * {@code msteams} (else 400) and from the configured tenant (else 403). An activity is acted on once, by
 * conversation and activity id, in the {@link DeliveryLog} (the kit's store) for an hour. The verified
 * activity's {@code serviceUrl} becomes the one the gateway posts to.
 *
 * <ul>
 *   <li><b>Commands</b> are messages that mention the bot ({@code @incidentkit declare sev1 Checkout is
 *       failing}): the bot's mention is removed (found by the mention entity for the bot, not by the text),
 *       other mentions become {@code <@id|name>} with the person's Entra object id, and the text goes to
 *       the {@link CommandHandler} as the sender (their Entra object id) in the channel. The HTTP answer is
 *       empty at once; the reply is posted in the thread (Teams has no ephemeral reply for a bot outside its
 *       preview, so a reply meant for the sender mentions them instead). {@code update} alone answers with a
 *       button that opens the status-update dialog.
 *   <li><b>Buttons</b> are {@code Action.Execute} invokes ({@code adaptiveCard/action}, verb
 *       {@code incidentkit.command}); the button's command runs as the person who clicked and the invoke is answered
 *       with the reply as a message within the {@link Builder#ackBudget acknowledgement budget} (default
 *       3 s), else "Working on it…" and the reply follows in the thread. The {@code Action.Submit} fallback
 *       (a message with {@code value.incidentkitCommand}) runs the same way.
 *   <li><b>The public status update</b> is a dialog (task module): {@code task/fetch} answers the form,
 *       {@code task/submit} becomes {@code update <status>: <message>}; a submission without a message shows
 *       the form again with the error.
 *   <li><b>Message → note</b>: the "Add to incident timeline" message action (a message extension command
 *       {@value #NOTE_COMMAND} with {@code context: message}) answers {@code composeExtension/fetchTask} with
 *       the message's text to edit, and {@code composeExtension/submitAction} runs {@code note <text>} as the
 *       person who chose it.
 *   <li>Everything else ({@code conversationUpdate}, reactions, installs) is answered 200 and ignored.
 * </ul>
 *
 * <p>Request bodies and tokens are never logged. Thread-safe. {@link #close()} stops the threads it started.
 *
 * @since 0.1
 */
public final class TeamsInbound implements AutoCloseable {
    /** The message-extension command id of "Add to incident timeline", as in the example app manifest. */
    public static final String NOTE_COMMAND = "addToTimeline";

    private static final Logger log = LoggerFactory.getLogger(TeamsInbound.class);
    private static final Duration ACTIVITY_MEMORY = Duration.ofHours(1);
    private static final String MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

    private final TeamsConfig config;
    private final CommandHandler handler;
    private final TeamsApi api;
    private final boolean ownsApi;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Duration ackBudget;
    private final InboundGate gate;
    private final BotFrameworkJwt verifier;
    private final ObjectMapper json;

    private TeamsInbound(Builder b) {
        this.config = b.config;
        this.handler = b.handler;
        if (b.chat != null) {
            this.api = b.chat.api();
            this.ownsApi = false;
        } else {
            this.api = new TeamsApi(b.config, b.clock, RetryPolicy.defaults(), null, null);
            this.ownsApi = true;
        }
        this.verifier = new BotFrameworkJwt(b.config.appId(), b.config.openIdMetadataUrl(), api.http(),
                b.config.requestTimeout(), b.clock);
        this.gate = InboundGate.of("teams", verifier, b.deliveries, b.clock, b.maxBodyBytes);
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor
                : Executors.newFixedThreadPool(4, new NamedThreads("incidentkit-teams-inbound"));
        this.ackBudget = b.ackBudget;
        this.json = api.json();
    }

    /**
     * Starts a builder.
     *
     * @param config the team and the app (the app id is the tokens' audience)
     * @param handler what runs the commands, usually {@code IncidentKit}
     * @param deliveries remembers accepted activities so a redelivery is not acted on twice by any replica:
     *     usually the kit's {@code IncidentStore}
     * @return the builder
     */
    public static Builder builder(TeamsConfig config, CommandHandler handler, DeliveryLog deliveries) {
        return new Builder(config, handler, deliveries);
    }

    /**
     * Handles one request from Teams.
     *
     * @param request the raw request
     * @return the response to send; never null, never throws for anything in the request
     */
    public InboundResponse handle(InboundRequest request) {
        return gate.handle(request, this::route);
    }

    /** Reads a verified activity: what it is, and under which id it is acted on once. */
    private Delivery route(InboundRequest request) {
        JsonNode activity;
        try {
            activity = json.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (activity == null || !activity.isObject()) {
            return Delivery.reject(400, "not a Bot Framework activity");
        }
        if (!activity.path("channelId").asText().equals("msteams")) {
            return Delivery.reject(400, "not a Microsoft Teams activity");
        }
        String tenant = activity.path("channelData").path("tenant").path("id")
                .asText(activity.path("conversation").path("tenantId").asText(""));
        if (!tenant.isEmpty() && !tenant.equals(config.tenantId())) {
            return Delivery.reject(403, "this bot serves another tenant");
        }
        String serviceUrl = activity.path("serviceUrl").asText("");
        if (serviceUrl.startsWith("https://") || serviceUrl.startsWith("http://")) {
            api.serviceUrl(URI.create(serviceUrl)); // bound to the verified token by its serviceurl claim
        }
        String id = activity.path("id").asText("");
        String conversation = activity.path("conversation").path("id").asText("");
        if (id.isEmpty() || conversation.isEmpty()) {
            return Delivery.always(() -> act(activity));
        }
        return Delivery.once("activity", conversation + "|" + id, ACTIVITY_MEMORY, () -> act(activity));
    }

    private InboundResponse act(JsonNode activity) {
        String type = activity.path("type").asText();
        if (type.equals("message")) {
            return message(activity);
        }
        if (type.equals("invoke")) {
            return invoke(activity);
        }
        return InboundResponse.empty(200);
    }

    // ------------------------------------------------------------------ messages (commands)

    private InboundResponse message(JsonNode activity) {
        PersonRef actor = actor(activity);
        String channel = channel(activity);
        String fromButton = activity.path("value").path("incidentkitCommand").asText("").strip();
        if (!fromButton.isEmpty()) {
            runLater(actor, channel, fromButton, activity);
            return InboundResponse.empty(200);
        }
        String text = commandText(activity);
        if (text.equalsIgnoreCase("update")) {
            executor.execute(() -> send(activity, formOffer(channel)));
            return InboundResponse.empty(200);
        }
        runLater(actor, channel, text.isEmpty() ? "help" : text, activity);
        return InboundResponse.empty(200);
    }

    /** The message text with the bot's mention removed and other mentions as {@code <@id|name>}. */
    private String commandText(JsonNode activity) {
        String text = activity.path("text").asText("");
        String bot = activity.path("recipient").path("id").asText("");
        for (JsonNode e : activity.path("entities")) {
            if (!e.path("type").asText().equals("mention")) {
                continue;
            }
            String at = e.path("text").asText("");
            JsonNode mentioned = e.path("mentioned");
            if (at.isEmpty()) {
                continue;
            }
            String replacement = mentioned.path("id").asText().equals(bot) ? " " : " " + person(activity, mentioned) + " ";
            text = text.replace(at, replacement);
        }
        text = htmlToText(text).strip();
        if (text.toLowerCase(Locale.ROOT).startsWith("incident ")) {
            text = text.substring("incident ".length()).strip();
        }
        return text;
    }

    /** A mentioned person as {@code <@entraId|name>}, asking the Bot Connector for the object id if needed. */
    private String person(JsonNode activity, JsonNode mentioned) {
        String name = mentioned.path("name").asText("").replace(">", "").replace("|", "").strip();
        String id = mentioned.path("aadObjectId").asText("");
        if (id.isEmpty()) {
            try {
                id = api.connector(JsonRequest.get("member-get", "v3/conversations/"
                        + TeamsApi.seg(activity.path("conversation").path("id").asText()) + "/members/"
                        + TeamsApi.seg(mentioned.path("id").asText()), Map.of())).path("objectId").asText("");
            } catch (PortException e) {
                log.debug("could not look up a mentioned member: {}", e.getMessage());
            }
        }
        if (id.isEmpty()) {
            id = mentioned.path("id").asText("unknown");
        }
        return "<@" + id + "|" + (name.isEmpty() ? id : name) + ">";
    }

    static String htmlToText(String html) {
        String s = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div)>", "\n");
        s = TAG.matcher(s).replaceAll("");
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n").strip();
    }

    private ObjectNode formOffer(String channel) {
        ObjectNode card = json.createObjectNode().put("type", "AdaptiveCard").put("version", "1.5");
        card.putArray("body").addObject().put("type", "TextBlock").put("wrap", true)
                .put("text", "Write the public status update in the form, or type `update <status>: <message>`.");
        ObjectNode open = card.putArray("actions").addObject().put("type", "Action.Submit")
                .put("title", "Open the status-update form");
        ObjectNode data = open.putObject("data").put("incidentkitForm", "status-update").put("channel", channel);
        data.putObject("msteams").put("type", "task/fetch");
        ObjectNode activity = json.createObjectNode().put("type", "message");
        activity.putArray("attachments").addObject().put("contentType", Cards.ADAPTIVE).set("content", card);
        return activity;
    }

    // ------------------------------------------------------------------ invokes

    private InboundResponse invoke(JsonNode activity) {
        String name = activity.path("name").asText();
        JsonNode value = activity.path("value");
        PersonRef actor = actor(activity);
        String channel = channel(activity);
        switch (name) {
            case "adaptiveCard/action" -> {
                JsonNode action = value.path("action");
                String command = action.path("data").path("command").asText("").strip();
                if (!action.path("verb").asText().equals(Cards.VERB) || command.isEmpty()) {
                    ObjectNode error = json.createObjectNode().put("statusCode", 400)
                            .put("type", "application/vnd.microsoft.error");
                    error.putObject("value").put("code", "BadRequest").put("message", "not an incidentkit button");
                    return InboundResponse.json(200, error.toString());
                }
                return buttonAnswer(actor, channel, command, activity);
            }
            case "task/fetch" -> {
                return InboundResponse.json(200, Cards.dialog(json, "Public status update",
                        Cards.statusForm(json, value.path("data").path("channel").asText(channel), "")).toString());
            }
            case "task/submit" -> {
                JsonNode data = value.path("data");
                String target = data.path("channel").asText(channel);
                String status = data.path("status").asText("").strip().toLowerCase(Locale.ROOT);
                String text = data.path("message").asText("").strip();
                if (text.isEmpty() || !Set.of("investigating", "identified", "monitoring", "resolved").contains(status)) {
                    return InboundResponse.json(200, Cards.dialog(json, "Public status update", Cards.statusForm(json,
                            target, "Choose a status and say what customers should know.")).toString());
                }
                runLater(actor, target, "update " + status + ": " + text.replaceAll("\\s*\\R\\s*", " "), activity);
                return InboundResponse.empty(200);
            }
            case "composeExtension/fetchTask" -> {
                if (!value.path("commandId").asText().equals(NOTE_COMMAND)) {
                    return InboundResponse.json(200, "{}");
                }
                return InboundResponse.json(200, Cards.dialog(json, "Add to incident timeline",
                        Cards.noteForm(json, messageText(value))).toString());
            }
            case "composeExtension/submitAction" -> {
                if (!value.path("commandId").asText().equals(NOTE_COMMAND)) {
                    return InboundResponse.json(200, "{}");
                }
                String note = value.path("data").path("note").asText("").strip();
                if (note.isEmpty()) {
                    note = messageText(value);
                }
                if (!note.isEmpty()) {
                    runLater(actor, channel, "note " + note.replaceAll("\\s*\\R\\s*", " "), activity);
                }
                return InboundResponse.json(200, "{}");
            }
            default -> {
                return InboundResponse.json(200, "{}");
            }
        }
    }

    private static String messageText(JsonNode value) {
        return htmlToText(value.path("messagePayload").path("body").path("content").asText(""));
    }

    private InboundResponse buttonAnswer(PersonRef actor, String channel, String command, JsonNode activity) {
        CompletableFuture<Reply> reply = CompletableFuture.supplyAsync(
                () -> handler.handle(new ChatRequest(actor, channel, command)), executor);
        String shown;
        try {
            Reply r = reply.get(ackBudget.toMillis(), TimeUnit.MILLISECONDS);
            if (!r.buttons().isEmpty()) { // e.g. a preview with its Confirm button: a card in the thread
                executor.execute(() -> deliver(r, actor, activity));
                shown = "See my reply in the thread.";
            } else {
                shown = r.text().isBlank() ? "Done." : Cards.plain(r.text());
            }
        } catch (TimeoutException e) {
            reply.thenAccept(r -> deliver(r, actor, activity)).exceptionally(t -> failed(t, actor, activity));
            shown = "Working on it…";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InboundResponse.text(503, "shutting down");
        } catch (ExecutionException e) {
            log.error("the command handler failed on a button", e.getCause());
            shown = "Sorry, that failed inside incidentkit; it has been logged.";
        }
        ObjectNode answer = json.createObjectNode().put("statusCode", 200).put("type", MESSAGE_RESPONSE).put("value", shown);
        return InboundResponse.json(200, answer.toString());
    }

    // ------------------------------------------------------------------ replies

    private void runLater(PersonRef actor, String channel, String command, JsonNode activity) {
        executor.execute(() -> {
            try {
                deliver(handler.handle(new ChatRequest(actor, channel, command)), actor, activity);
            } catch (RuntimeException e) {
                failed(e, actor, activity);
            }
        });
    }

    private @Nullable Void failed(Throwable t, PersonRef actor, JsonNode activity) {
        log.error("the command handler failed", t);
        deliver(Reply.toSender("Sorry, that failed inside incidentkit; it has been logged."), actor, activity);
        return null;
    }

    /** Posts a reply in the thread of the activity; one meant for the sender mentions them. */
    private void deliver(Reply reply, PersonRef actor, JsonNode activity) {
        if (reply.text().isBlank()) {
            return;
        }
        String text = reply.text();
        String from = activity.path("from").path("id").asText("");
        if (reply.visibility() == Reply.Visibility.SENDER && !from.isEmpty()) {
            text = "<@" + from + "|" + actor.name().replace(">", "").replace("|", "") + "> " + text;
        }
        ObjectNode out = reply.buttons().isEmpty() ? Cards.textActivity(json, text)
                : Cards.activity(json, new ChatMessage(ChatMessage.Kind.REPLY, "", text, reply.buttons(), false), null);
        send(activity, out);
    }

    private void send(JsonNode activity, ObjectNode out) {
        String conversation = activity.path("conversation").path("id").asText("");
        String replyTo = activity.path("id").asText("");
        if (conversation.isEmpty()) {
            return;
        }
        out.putObject("conversation").put("id", conversation);
        if (!replyTo.isEmpty()) {
            out.put("replyToId", replyTo);
        }
        String target = "v3/conversations/" + TeamsApi.seg(conversation) + "/activities"
                + (replyTo.isEmpty() ? "" : "/" + TeamsApi.seg(replyTo));
        try {
            api.connector(new JsonRequest("activity-reply", "POST", target, Map.of(), out, false));
        } catch (PortException e) {
            log.warn("could not deliver a reply: {}", e.getMessage());
        }
    }

    private static PersonRef actor(JsonNode activity) {
        JsonNode from = activity.path("from");
        String id = from.path("aadObjectId").asText(from.path("id").asText("unknown")).strip();
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            id = "unknown";
        }
        String name = from.path("name").asText("").strip();
        return new PersonRef(id, name.isEmpty() ? id : name);
    }

    /** The channel an activity came from: {@code channelData.channel.id}, else its conversation's. */
    private static String channel(JsonNode activity) {
        String channel = activity.path("channelData").path("channel").path("id").asText("");
        if (!channel.isEmpty()) {
            return channel;
        }
        String conversation = activity.path("conversation").path("id").asText("");
        int thread = conversation.indexOf(";messageid=");
        return thread < 0 ? conversation : conversation.substring(0, thread);
    }

    // ------------------------------------------------------------------ JDK HttpServer binding

    /**
     * Returns a handler for the JDK's {@link com.sun.net.httpserver.HttpServer}, usually mounted at
     * {@code /api/messages}:
     *
     * <pre>{@code
     * HttpServer server = HttpServer.create(new InetSocketAddress(3978), 0);
     * server.createContext("/api/messages", inbound.httpHandler());
     * server.start();
     * }</pre>
     *
     * @return the handler
     */
    public HttpHandler httpHandler() {
        return JdkHttpBinding.handler(this::handle, gate.maxBodyBytes());
    }

    /** Stops the threads and connections this inbound started (not those of a shared gateway). */
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
        return "TeamsInbound[" + verifier + "]";
    }

    /**
     * Builds a {@link TeamsInbound}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final TeamsConfig config;
        private final CommandHandler handler;
        private final DeliveryLog deliveries;
        private Clock clock = Clock.systemUTC();
        private @Nullable TeamsChatGateway chat;
        private @Nullable ExecutorService executor;
        private Duration ackBudget = Duration.ofSeconds(3);
        private int maxBodyBytes = 1 << 20;

        private Builder(TeamsConfig config, CommandHandler handler, DeliveryLog deliveries) {
            this.config = requireNonNull(config, "config");
            this.handler = requireNonNull(handler, "handler");
            this.deliveries = requireNonNull(deliveries, "deliveries");
        }

        /**
         * Sets the clock tokens' lifetimes and key ages are checked against; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Shares this gateway's connections and tokens for replies and member look-ups, and lets verified
         * activities update the service URL it posts to; by default the inbound opens its own.
         *
         * @param chat the gateway
         * @return this builder
         */
        public Builder chat(TeamsChatGateway chat) {
            this.chat = requireNonNull(chat, "chat");
            return this;
        }

        /**
         * Runs handlers and replies on this executor, which the caller owns; by default four daemon threads,
         * stopped on {@link TeamsInbound#close()}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how long a button press waits for the handler before answering "Working on it…"; default 3 s
         * (Teams gives a message extension 5 s).
         *
         * @param budget positive, under 5 s
         * @return this builder
         * @throws IllegalArgumentException if not between 0 and 5 s
         */
        public Builder ackBudget(Duration budget) {
            requireNonNull(budget, "budget");
            if (budget.isNegative() || budget.isZero() || budget.compareTo(Duration.ofSeconds(5)) >= 0) {
                throw new IllegalArgumentException("ackBudget is positive and under Teams' 5 s; got " + budget);
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
        public TeamsInbound build() {
            return new TeamsInbound(this);
        }
    }
}
