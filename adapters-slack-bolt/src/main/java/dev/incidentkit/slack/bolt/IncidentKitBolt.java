package dev.incidentkit.slack.bolt;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import dev.incidentkit.CommandHandler;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackConfig;
import dev.incidentkit.slack.SlackInbound;
import dev.incidentkit.slack.bolt.internal.OkHttpBridge;
import dev.incidentkit.spi.DeliveryLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * incidentkit on Slack's Bolt for Java: one call installs the kit on an existing {@link App}, beside the
 * host's own handlers.
 *
 * <pre>{@code
 * App app = new App(AppConfig.builder().singleTeamBotToken(token).signingSecret(secret).build());
 * app.command("/deploy", (req, ctx) -> ctx.ack("deploying"));            // the host's own handlers
 *
 * SlackChatGateway chat = IncidentKitBolt.chatGateway(app).build();       // outbound on the app's client
 * IncidentKit kit = IncidentKit.builder().store(store).chat(chat).directory(chat.directory()).build();
 * IncidentKitBolt incidents = IncidentKitBolt.builder(app, kit, store).chat(chat).install();
 *
 * new SlackAppServer(app).start();                                       // or any Bolt adapter
 * }</pre>
 *
 * <p>What it installs:
 * <ul>
 *   <li>the slash command (default {@value #DEFAULT_COMMAND}), {@link App#command};
 *   <li>the kit's buttons (acknowledge, snooze, hand-off accept, confirm, …): {@link App#blockAction} for
 *       action ids starting with {@value SlackInbound#ACTION_ID_PREFIX};
 *   <li>the status-update modal's submission: {@link App#viewSubmission} for
 *       {@value SlackInbound#STATUS_MODAL_CALLBACK_ID};
 *   <li>the note reaction: a middleware that reads {@code reaction_added} events and passes them on, so a
 *       host's own {@code reaction_added} handler still runs; without one, the event is acknowledged (Bolt
 *       logs that no handler is registered for it).
 * </ul>
 *
 * <p>Bolt checks the signature (and answers 401 to a forged or stale request before any handler runs);
 * each request then goes to {@link SlackInbound#handleVerified}, the same translation the plain HTTP
 * endpoint uses: the kit's reply is Bolt's acknowledgement (the handler waits for it at most
 * {@link Builder#ackBudget the budget}, then acknowledges "working on it" and the reply follows through
 * {@code response_url}); buttons, the modal and reactions are acknowledged at once and run on an executor;
 * Slack is never called on Bolt's thread. A replayed request is acknowledged and not acted on twice
 * ({@link DeliveryLog}).
 *
 * <p>Needs a single-workspace app ({@link AppConfig#getSingleTeamBotToken()} and a signing secret);
 * OAuth-installed, multi-workspace apps are not supported yet. Thread-safe. {@link #close()} stops the
 * threads and connections the installation started; the handlers stay registered on the app (Bolt cannot
 * remove them) and answer with an error once closed.
 *
 * @since 0.1
 */
public final class IncidentKitBolt implements AutoCloseable {
    /** The slash command installed unless {@link Builder#command} says otherwise. */
    public static final String DEFAULT_COMMAND = "/incident";

    private static final String PATH = "bolt";

    private final SlackInbound inbound;
    private final @Nullable SlackChatGateway ownedChat;
    private final String command;

    private IncidentKitBolt(Builder b) {
        SlackConfig config = b.config != null ? b.config : slackConfig(b.app);
        SlackInbound.Builder ib = SlackInbound.builder(config, b.kit, b.deliveries).clock(b.clock);
        if (b.executor != null) {
            ib.executor(b.executor);
        }
        if (b.ackBudget != null) {
            ib.ackBudget(b.ackBudget); // checked before anything is started
        }
        this.ownedChat = b.chat == null ? chatGateway(b.app.client(), config).clock(b.clock).build() : null;
        this.inbound = ib.chat(b.chat != null ? b.chat : requireNonNull(ownedChat)).build();
        this.command = b.command;
    }

    /**
     * Installs incidentkit on the app with the defaults: command {@value #DEFAULT_COMMAND}, outbound calls
     * (the status-update modal, replies, reaction look-ups) through the app's own {@link MethodsClient}.
     *
     * @param app the host's Bolt app, single-workspace, not yet started
     * @param kit what runs the commands, usually {@code IncidentKit}
     * @param deliveries remembers handled requests so a replay is not acted on twice; usually the kit's store
     * @return the installation, to {@link #close()} on shutdown
     * @throws IllegalArgumentException if the app has no single-workspace bot token or no signing secret
     */
    public static IncidentKitBolt install(App app, CommandHandler kit, DeliveryLog deliveries) {
        return builder(app, kit, deliveries).install();
    }

    /**
     * Starts an installation with options.
     *
     * @param app the host's Bolt app, single-workspace, not yet started
     * @param kit what runs the commands, usually {@code IncidentKit}
     * @param deliveries remembers handled requests so a replay is not acted on twice; usually the kit's store
     * @return the builder; {@link Builder#install()} registers the handlers
     */
    public static Builder builder(App app, CommandHandler kit, DeliveryLog deliveries) {
        return new Builder(app, kit, deliveries);
    }

    /**
     * Reads incidentkit's Slack settings from a Bolt app: its bot token, its signing secret and the Web
     * API URL of its {@link MethodsClient}; the note reaction and request timeout are the defaults.
     *
     * @param app the app
     * @return the settings
     * @throws IllegalArgumentException if the app has no single-workspace bot token or no signing secret
     */
    public static SlackConfig slackConfig(App app) {
        requireNonNull(app, "app");
        AppConfig c = app.config();
        String token = c.getSingleTeamBotToken();
        String signing = c.getSigningSecret();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("incidentkit on Bolt needs a single-workspace app: set "
                    + "AppConfig.singleTeamBotToken (SLACK_BOT_TOKEN); OAuth-installed apps are not supported yet");
        }
        if (signing == null || signing.isBlank()) {
            throw new IllegalArgumentException("the Bolt app has no signing secret: set AppConfig.signingSecret "
                    + "(SLACK_SIGNING_SECRET) so Slack's requests are verified");
        }
        return SlackConfig.builder().botToken(Secret.of(token)).signingSecret(Secret.of(signing))
                .apiUrl(URI.create(app.client().getEndpointUrlPrefix())).build();
    }

    /**
     * Starts a {@link SlackChatGateway} whose Web API calls go through the app's {@link MethodsClient}:
     * its OkHttp client (proxy, timeouts, listeners), its endpoint and the app's bot token. Everything else
     * is the gateway's own: channel naming, the markers that make repeats safe, error mapping, retries and
     * posting pace.
     *
     * @param app the app
     * @return the gateway's builder
     * @throws IllegalArgumentException if the app has no single-workspace bot token or no signing secret
     */
    public static SlackChatGateway.Builder chatGateway(App app) {
        return chatGateway(app.client(), slackConfig(app));
    }

    /**
     * Starts a {@link SlackChatGateway} whose Web API calls go through a {@link MethodsClient}'s OkHttp
     * client and to its endpoint, with the token of {@code config} (a {@code MethodsClient} does not tell
     * its own).
     *
     * @param client the host's client
     * @param config the bot token, note reaction and request timeout; its API URL is replaced by the
     *     client's endpoint
     * @return the gateway's builder
     */
    public static SlackChatGateway.Builder chatGateway(MethodsClient client, SlackConfig config) {
        requireNonNull(client, "client");
        requireNonNull(config, "config");
        SlackConfig onClient = new SlackConfig(config.botToken(), config.signingSecret(),
                URI.create(client.getEndpointUrlPrefix()), config.noteReaction(), config.requestTimeout());
        return SlackChatGateway.builder(onClient)
                .httpClient(new OkHttpBridge(client.getSlackHttpClient().getOkHttpClient()));
    }

    /**
     * Returns the slash command this installation answers.
     *
     * @return the command, e.g. {@code /incident}
     */
    public String command() {
        return command;
    }

    private void register(App app, boolean reactions) {
        app.command(command, (req, ctx) -> answer(req));
        app.blockAction(Pattern.compile("^" + Pattern.quote(SlackInbound.ACTION_ID_PREFIX) + ".*"), (req, ctx) -> answer(req));
        app.viewSubmission(SlackInbound.STATUS_MODAL_CALLBACK_ID, (req, ctx) -> answer(req));
        if (reactions) {
            // a middleware, not an event handler: Bolt keeps one handler per event type, and the host's own
            // reaction_added handler, registered before or after this, must keep running
            app.use((req, resp, chain) -> {
                if (!(req instanceof EventRequest event) || !"reaction_added".equals(event.getEventType())) {
                    return chain.next(req);
                }
                InboundResponse ours = inbound.handleVerified(inbound(req));
                if (ours.status() >= 300) {
                    return bolt(ours); // e.g. 503 when the delivery log is down: Slack retries
                }
                Response host = chain.next(req);
                // no host handler: Bolt answers 404, and Slack would retry an event the kit has taken
                return host.getStatusCode() != null && host.getStatusCode() == 404 ? Response.ok() : host;
            });
        }
    }

    private Response answer(Request<?> req) {
        return bolt(inbound.handleVerified(inbound(req)));
    }

    /** Bolt's request as the framework-neutral one SlackInbound reads. */
    private static InboundRequest inbound(Request<?> req) {
        RequestHeaders h = req.getHeaders();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : h.getNames()) {
            headers.put(name, List.copyOf(h.getMultipleValues(name)));
        }
        String body = req.getRequestBodyAsString();
        return new InboundRequest("POST", PATH, headers, (body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
    }

    /** SlackInbound's answer as Bolt's acknowledgement. */
    private static Response bolt(InboundResponse r) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String contentType = null;
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = h.getValue();
            } else {
                headers.put(h.getKey(), List.of(h.getValue()));
            }
        }
        return Response.builder().statusCode(r.status()).contentType(contentType).headers(headers)
                .body(r.bodyText()).build();
    }

    /** Stops the threads and connections this installation started (not those of a gateway passed in). */
    @Override
    public void close() {
        try {
            inbound.close();
        } finally {
            if (ownedChat != null) {
                ownedChat.close();
            }
        }
    }

    @Override
    public String toString() {
        return "IncidentKitBolt[" + command + ", " + inbound + "]";
    }

    /**
     * Options for {@link IncidentKitBolt#builder}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final App app;
        private final CommandHandler kit;
        private final DeliveryLog deliveries;
        private String command = DEFAULT_COMMAND;
        private @Nullable SlackConfig config;
        private @Nullable SlackChatGateway chat;
        private @Nullable ExecutorService executor;
        private @Nullable Duration ackBudget;
        private Clock clock = Clock.systemUTC();
        private boolean reactions = true;

        private Builder(App app, CommandHandler kit, DeliveryLog deliveries) {
            this.app = requireNonNull(app, "app");
            this.kit = requireNonNull(kit, "kit");
            this.deliveries = requireNonNull(deliveries, "deliveries");
        }

        /**
         * Sets the slash command; default {@value IncidentKitBolt#DEFAULT_COMMAND}.
         *
         * @param command starts with {@code /}, e.g. {@code /inc}
         * @return this builder
         * @throws IllegalArgumentException if it does not start with {@code /} or holds spaces
         */
        public Builder command(String command) {
            requireNonNull(command, "command");
            if (!command.matches("/[^\\s/]+")) {
                throw new IllegalArgumentException("a slash command is / and a name without spaces, like /incident; got '"
                        + command + "'");
            }
            this.command = command;
            return this;
        }

        /**
         * Sets incidentkit's Slack settings (e.g. another note reaction); by default
         * {@link IncidentKitBolt#slackConfig(App)}.
         *
         * @param config the settings; their bot token serves the calls the installation makes itself when no
         *     {@link #chat gateway} is given (to the endpoint of the app's client)
         * @return this builder
         */
        public Builder config(SlackConfig config) {
            this.config = requireNonNull(config, "config");
            return this;
        }

        /**
         * Shares this gateway (usually the kit's own) for the calls the installation makes: opening the
         * status-update modal, replies, message look-ups for reactions. By default the installation builds
         * one on the app's {@link MethodsClient} and closes it on {@link IncidentKitBolt#close()}.
         *
         * @param chat the gateway
         * @return this builder
         */
        public Builder chat(SlackChatGateway chat) {
            this.chat = requireNonNull(chat, "chat");
            return this;
        }

        /**
         * Runs the kit for buttons, the modal and reactions, and slow slash commands, on this executor, which
         * the caller owns; by default four daemon threads, stopped on {@link IncidentKitBolt#close()}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets how long a slash command waits for the kit's reply before acknowledging "working on it" and
         * answering through {@code response_url}; default 2.5 s (Slack allows 3 s).
         *
         * @param budget positive, under 3 s ({@link #install()} refuses others, as {@link SlackInbound} does)
         * @return this builder
         */
        public Builder ackBudget(Duration budget) {
            this.ackBudget = requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Sets the clock handled requests are remembered by; default UTC system clock. (Bolt checks request
         * timestamps against the system clock itself.)
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether a reaction turns a message into a note; default true. Turn it off when the app must not
         * receive {@code reaction_added} events.
         *
         * @param enabled false to leave reactions alone
         * @return this builder
         */
        public Builder reactions(boolean enabled) {
            this.reactions = enabled;
            return this;
        }

        /**
         * Registers the handlers on the app.
         *
         * @return the installation, to {@link IncidentKitBolt#close()} on shutdown
         * @throws IllegalArgumentException if no {@link #config} was given and the app has no single-workspace
         *     bot token or no signing secret, or if the {@link #ackBudget} is not between 0 and 3 s
         */
        public IncidentKitBolt install() {
            IncidentKitBolt installed = new IncidentKitBolt(this);
            installed.register(app, reactions);
            return installed;
        }
    }
}
