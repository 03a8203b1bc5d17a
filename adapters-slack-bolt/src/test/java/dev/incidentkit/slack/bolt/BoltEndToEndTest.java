package dev.incidentkit.slack.bolt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.incident.HandOffRequested;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.slack.FakeSlack;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackSpec;
import dev.incidentkit.slack.bolt.ChatGatewayTransportsTest.Transport;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Bolt {@link App}, served by bolt-jakarta-servlet on an embedded Jetty on loopback, with incidentkit
 * installed beside the host's own handlers; Slack's requests are signed as Slack signs them (v0). The kit's
 * Web API calls go to the fake Slack through the app's own client, or through incidentkit's: every test runs
 * with both.
 */
@ParameterizedClass
@EnumSource(Transport.class)
final class BoltEndToEndTest {
    @Parameter
    Transport transport;

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Bolt checks request timestamps against the system clock, so requests are signed by it. */
    private final WebhookVerifier signer = WebhookVerifier.slack(Secret.of(FakeSlack.SIGNING_SECRET), Clock.systemUTC());
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private final FakeSlack slack = new FakeSlack();
    private final Slack sdk = Slack.getInstance(ChatGatewayTransportsTest.sdkConfig(slack));
    private final App app = new App(AppConfig.builder().singleTeamBotToken(FakeSlack.TOKEN)
            .signingSecret(FakeSlack.SIGNING_SECRET).slack(sdk).build());
    private final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final AtomicInteger hostClicks = new AtomicInteger();
    private SlackChatGateway chat;
    private IncidentKit kit;
    private IncidentKitBolt installed;
    private final List<Server> servers = new ArrayList<>();
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        // Bolt's own check of its token (a form POST, unlike the kit's JSON calls)
        slack.server.stub("POST", "/api/auth.test", r -> ScriptedResponse.ok(
                "{\"ok\":true,\"team_id\":\"T0FAKE\",\"user_id\":\"" + FakeSlack.BOT_USER + "\",\"bot_id\":\"B0FAKE\"}"));
        app.command("/deploy", (req, ctx) -> ctx.ack("deploying " + req.getPayload().getText()));
        app.blockAction("host-button", (req, ctx) -> {
            hostClicks.incrementAndGet();
            return ctx.ack();
        });

        chat = (transport == Transport.METHODS_CLIENT ? IncidentKitBolt.chatGateway(app) : SlackChatGateway.builder(slack.config()))
                .retryPolicy(RetryPolicy.none()).postRate(Duration.ZERO, 1).build();
        kit = IncidentKit.builder().clock(clock).store(store).chat(chat).directory(chat.directory())
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
        installed = IncidentKitBolt.builder(app, kit, store).chat(chat).install();

        endpoint = serve(app);
    }

    /** Serves a Bolt app on loopback with bolt-jakarta-servlet, as a host would; stopped after the test. */
    private URI serve(App bolt) throws Exception {
        Server server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new SlackAppServlet(bolt)), "/slack/events");
        server.setHandler(context);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/slack/events");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            SlackSpec.checkAll(slack.server.requests().stream()
                    .filter(r -> !r.path().equals("/api/auth.test")).toList()); // Bolt's call, not the kit's
        } finally {
            for (Server server : servers) {
                server.stop();
            }
            installed.close();
            kit.close();
            chat.close();
            app.stop();
            sdk.close();
            slack.close();
        }
    }

    // ------------------------------------------------------------------ Slack's requests, signed

    private HttpResponse<String> send(String contentType, String body, boolean forged) throws Exception {
        return send(endpoint, contentType, body, forged);
    }

    private HttpResponse<String> send(URI to, String contentType, String body, boolean forged) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        String signature = forged ? "v0=" + "ab".repeat(32) : signer.sign(ts, bytes);
        HttpRequest request = HttpRequest.newBuilder(to).timeout(WAIT)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> slash(String command, String channel, String text) throws Exception {
        return send("application/x-www-form-urlencoded", form(slashFields(command, channel, text)), false);
    }

    private Map<String, String> slashFields(String command, String channel, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-verification-token");
        f.put("team_id", "T0FAKE");
        f.put("team_domain", "fake");
        f.put("channel_id", channel);
        f.put("channel_name", "general");
        f.put("user_id", "U0ALICE");
        f.put("user_name", "alice");
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", "A0FAKE");
        f.put("response_url", slack.responseUrl().toString());
        f.put("trigger_id", "trig-" + text.length());
        return f;
    }

    private HttpResponse<String> interaction(String payload) throws Exception {
        return send("application/x-www-form-urlencoded", "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), false);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private String blockAction(String user, String channel, String actionId, String value) {
        return """
                {"type":"block_actions","team":{"id":"T0FAKE","domain":"fake"},"user":{"id":"%s","username":"%s","team_id":"T0FAKE"},
                 "api_app_id":"A0FAKE","token":"legacy","trigger_id":"trig-9",
                 "container":{"type":"message","channel_id":"%s","message_ts":"1.000001"},
                 "channel":{"id":"%s","name":"incident"},"response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"b1","type":"button","value":"%s","action_ts":"1"}]}
                """.formatted(user, user.toLowerCase(), channel, channel, slack.responseUrl(), actionId, value);
    }

    private List<RecordedRequest> calls(String method) {
        return slack.server.requests("POST", "/api/" + method);
    }

    private Incident incident() {
        return kit.incident(IncidentId.of(1)).orElseThrow();
    }

    private String declare() throws Exception {
        HttpResponse<String> r = slash("/incident", "C0GENERAL", "declare sev1 Checkout is failing");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(answer.path("text").asText()).contains("INC-1 · SEV1 · Checkout is failing");
        return incident().channel().orElseThrow().channelId();
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void aSlashCommandDeclaresAnIncidentWhoseChannelIsCreatedWithItsKickOffPinned() throws Exception {
        String channel = declare();

        assertThat(slack.channels()).containsEntry(channel, "inc-1-checkout-is-failing");
        assertThat(slack.members(channel)).contains("U0ALICE");
        List<com.fasterxml.jackson.databind.node.ObjectNode> posted = slack.messages(channel);
        assertThat(posted).isNotEmpty();
        assertThat(posted.get(0).path("text").asText()).contains("IMOC checklist");
        assertThat(slack.pinned(channel)).containsExactly(posted.get(0).path("ts").asText());
        assertThat(calls("chat.postMessage").get(0).header("Authorization")).contains("Bearer " + FakeSlack.TOKEN);
        assertThat(installed.toString()).contains("/incident")
                .doesNotContain(FakeSlack.TOKEN).doesNotContain(FakeSlack.SIGNING_SECRET);
    }

    @Test
    void theKickOffsButtonsRunTheirCommandsAsTheClickerAndAnswerThroughResponseUrl() throws Exception {
        String channel = declare();
        JsonNode acknowledge = button(channel, "Acknowledge");
        HttpResponse<String> r = interaction(blockAction("U0BOB", channel, acknowledge.path("action_id").asText(),
                acknowledge.path("value").asText()));
        assertThat(r.statusCode()).isEqualTo(200);
        RecordedRequest answer = slack.server.awaitRequests("POST", "/hooks/response", 1, WAIT).get(0);
        assertThat(answer.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.json().path("text").asText()).as("the kit ran ack for Bob in INC-1 (no page was sent to him)")
                .contains("no page for u0bob to acknowledge in INC-1");

        JsonNode handOff = button(channel, "Hand off");
        r = interaction(blockAction("U0ALICE", channel, handOff.path("action_id").asText(), handOff.path("value").asText()));
        assertThat(r.statusCode()).isEqualTo(200);
        slack.server.awaitRequests("POST", "/hooks/response", 2, WAIT);
        assertThat(incident().all(HandOffRequested.class)).singleElement()
                .satisfies(h -> assertThat(h.by().id()).isEqualTo("U0ALICE"));
    }

    /** A button of the kick-off message, by its label. */
    private JsonNode button(String channel, String label) {
        for (JsonNode block : slack.messages(channel).get(0).path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (element.path("text").path("text").asText().equals(label)) {
                    return element;
                }
            }
        }
        throw new AssertionError("no button " + label + " on the kick-off");
    }

    @Test
    void theStatusModalOpensThroughTheAppsClientAndItsSubmissionBecomesAnUpdate() throws Exception {
        String channel = declare();
        assertThat(slash("/incident", channel, "update").statusCode()).isEqualTo(200);
        RecordedRequest open = slack.server.awaitRequests("POST", "/api/views.open", 1, WAIT).get(0);
        JsonNode view = open.json().path("view");
        assertThat(view.path("private_metadata").asText()).isEqualTo(channel);
        assertThat(open.header("Authorization")).contains("Bearer " + FakeSlack.TOKEN);

        String submission = """
                {"type":"view_submission","team":{"id":"T0FAKE","domain":"fake"},"user":{"id":"U0ALICE","username":"alice","team_id":"T0FAKE"},
                 "api_app_id":"A0FAKE","token":"legacy","trigger_id":"trig-10",
                 "view":{"id":"V1","team_id":"T0FAKE","type":"modal","callback_id":"%s","private_metadata":"%s",
                   "state":{"values":{
                     "status":{"status":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Monitoring"},"value":"monitoring"}}},
                     "message":{"message":{"type":"plain_text_input","value":"Fix deployed,\\nwe are watching error rates"}}}}}}
                """.formatted(view.path("callback_id").asText(), channel);
        int posts = calls("chat.postMessage").size();
        HttpResponse<String> r = interaction(submission);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();

        // the kit's status-change and public-update messages, then its reply to the submission (a modal has no
        // response_url): waiting for all three leaves nothing in flight when the test ends
        slack.server.awaitRequests("POST", "/api/chat.postMessage", posts + 3, WAIT);
        assertThat(slack.messages(channel).stream().map(m -> m.path("text").asText()))
                .anySatisfy(t -> assertThat(t).contains("Public update (monitoring): Fix deployed, we are watching error rates"));
        assertThat(incident().status()).isEqualTo(IncidentStatus.MONITORING);
        assertThat(incident().lastPublicUpdate()).hasValueSatisfying(u -> {
            assertThat(u.message()).isEqualTo("Fix deployed, we are watching error rates");
            assertThat(u.by().id()).isEqualTo("U0ALICE");
        });
    }

    @Test
    void aBlankModalMessageIsAnsweredWithAFieldErrorThroughBolt() throws Exception {
        String submission = """
                {"type":"view_submission","team":{"id":"T0FAKE","domain":"fake"},"user":{"id":"U0ALICE","username":"alice","team_id":"T0FAKE"},
                 "api_app_id":"A0FAKE","token":"legacy","view":{"id":"V1","team_id":"T0FAKE","type":"modal",
                 "callback_id":"incidentkit_status_update","private_metadata":"C0GENERAL",
                 "state":{"values":{"message":{"message":{"type":"plain_text_input","value":"  "}}}}}}
                """;
        HttpResponse<String> r = interaction(submission);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).path("response_action").asText()).isEqualTo("errors");
    }

    /** A {@code reaction_added} event as Slack sends it: one line (Bolt's servlet reads the body by lines). */
    private String reaction(String eventId, String channel, String ts) throws Exception {
        return json.readTree("""
                {"token":"legacy","team_id":"T0FAKE","api_app_id":"A0FAKE","type":"event_callback","event_id":"%s",
                 "event_time":1,"authorizations":[{"team_id":"T0FAKE","user_id":"%s","is_bot":true}],
                 "event":{"type":"reaction_added","user":"U0BOB","reaction":"pushpin","item_user":"U0ALICE",
                   "item":{"type":"message","channel":"%s","ts":"%s"},"event_ts":"1.000002"}}
                """.formatted(eventId, FakeSlack.BOT_USER, channel, ts)).toString();
    }

    @Test
    void aPinnedReactionTurnsTheMessageIntoANote() throws Exception {
        String channel = declare();
        String ts = slack.addMessage(channel, "rolled back deploy 1234");
        String event = reaction("Ev0NOTE1", channel, ts);
        int posts = calls("chat.postMessage").size();
        HttpResponse<String> r = send("application/json", event, false);
        assertThat(r.statusCode()).as("acknowledged though the host has no reaction handler").isEqualTo(200);

        slack.server.awaitRequests("GET", "/api/conversations.history", 1, WAIT);
        // the kit's answer in the channel is the last thing it does for the reaction
        slack.server.awaitRequests("POST", "/api/chat.postMessage", posts + 1, WAIT);
        assertThat(incident().all(NoteAdded.class)).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("rolled back deploy 1234");
            assertThat(n.by().id()).as("the person who reacted").isEqualTo("U0BOB");
        });

        HttpResponse<String> retry = send("application/json", event, false);
        assertThat(retry.statusCode()).as("Slack's retry of the same event is acknowledged").isEqualTo(200);
        assertThat(slack.server.requests("GET", "/api/conversations.history")).as("and not acted on again").hasSize(1);
    }

    @Test
    void theHostsOwnReactionHandlerStillRunsBesideTheNote() throws Exception {
        App other = new App(AppConfig.builder().singleTeamBotToken(FakeSlack.TOKEN)
                .signingSecret(FakeSlack.SIGNING_SECRET).slack(sdk).build());
        List<String> hostSaw = new java.util.concurrent.CopyOnWriteArrayList<>();
        other.event(ReactionAddedEvent.class, (payload, ctx) -> {
            hostSaw.add(payload.getEvent().getReaction());
            return ctx.ack();
        });
        try (IncidentKitBolt ignored = IncidentKitBolt.builder(other, kit, store).chat(chat).install()) {
            URI otherEndpoint = serve(other);
            String channel = declare();
            String ts = slack.addMessage(channel, "the cache was cold");
            int posts = calls("chat.postMessage").size();
            assertThat(send(otherEndpoint, "application/json", reaction("Ev0NOTE2", channel, ts), false).statusCode())
                    .isEqualTo(200);
            assertThat(hostSaw).containsExactly("pushpin");
            slack.server.awaitRequests("POST", "/api/chat.postMessage", posts + 1, WAIT);
            assertThat(incident().all(NoteAdded.class)).singleElement()
                    .satisfies(n -> assertThat(n.text()).isEqualTo("the cache was cold"));
        } finally {
            other.stop();
        }
    }

    @Test
    void aForgedSignatureIsRejectedByBoltBeforeTheKit() throws Exception {
        HttpResponse<String> r = send("application/x-www-form-urlencoded",
                form(slashFields("/incident", "C0GENERAL", "declare sev1 forged")), true);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(kit.incident(IncidentId.of(1))).isEmpty();
        assertThat(calls("conversations.create")).isEmpty();
    }

    @Test
    void theHostsOwnCommandAndButtonStillWork() throws Exception {
        HttpResponse<String> deploy = slash("/deploy", "C0GENERAL", "checkout v42");
        assertThat(deploy.statusCode()).isEqualTo(200);
        assertThat(deploy.body()).contains("deploying checkout v42");

        HttpResponse<String> click = interaction(blockAction("U0BOB", "C0GENERAL", "host-button", "whatever"));
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(hostClicks).hasValue(1);
        assertThat(kit.incident(IncidentId.of(1))).as("the kit saw none of it").isEmpty();
        assertThat(slack.server.requests("POST", "/hooks/response")).isEmpty();
    }

    @Test
    void aSlowKitIsAcknowledgedWithinSlacksThreeSecondsAndAnswersThroughResponseUrl() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        App other = new App(AppConfig.builder().singleTeamBotToken(FakeSlack.TOKEN)
                .signingSecret(FakeSlack.SIGNING_SECRET).slack(sdk).build());
        try (IncidentKitBolt slow = IncidentKitBolt.builder(other, request -> {
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.toChannel("done slowly: " + request.text());
        }, store).chat(chat).ackBudget(Duration.ofMillis(200)).install()) {
            URI otherEndpoint = serve(other);
            long started = System.nanoTime();
            HttpResponse<String> r = send(otherEndpoint, "application/x-www-form-urlencoded",
                    form(slashFields("/incident", "C0GENERAL", "status")), false);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json.readTree(r.body()).path("text").asText()).isEqualTo("Working on it…");
            assertThat(tookMillis).as("acknowledged while the kit is still busy").isLessThan(3000);
            assertThat(slack.server.requests("POST", "/hooks/response")).isEmpty();

            release.countDown();
            RecordedRequest followUp = slack.server.awaitRequests("POST", "/hooks/response", 1, WAIT).get(0);
            assertThat(followUp.json().path("text").asText()).isEqualTo("done slowly: status");
            assertThat(followUp.json().path("response_type").asText()).isEqualTo("in_channel");
            assertThat(followUp.header("Authorization")).as("response_url gets no token").isEmpty();
        } finally {
            other.stop();
        }
    }
}
