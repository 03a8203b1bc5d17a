package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.ChatRequest;
import dev.incidentkit.CommandHandler;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.webhook.InboundGate;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The inbound side against a lambda {@link CommandHandler} that records what reaches it (the façade,
 * {@code IncidentKit}, is not on this branch yet), with the fake Slack for the calls the inbound makes.
 */
final class SlackInboundTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");

    private final FakeSlack slack = new FakeSlack();
    private final TestClock clock = TestClock.at(NOW);
    private final BlockingQueue<ChatRequest> handled = new LinkedBlockingQueue<>();
    private volatile Reply nextReply = Reply.toSender("ok");
    private final CommandHandler handler = request -> {
        handled.add(request);
        return nextReply;
    };
    private final SlackChatGateway chat = SlackChatGateway.builder(slack.config())
            .retryPolicy(RetryPolicy.none()).postRate(Duration.ZERO, 1).build();
    private final InMemoryIncidentStore deliveries = new InMemoryIncidentStore();
    private SlackInbound inbound = SlackInbound.builder(slack.config(), handler, deliveries).clock(clock).chat(chat).build();
    private final WebhookVerifier signer = WebhookVerifier.slack(Secret.of(FakeSlack.SIGNING_SECRET), clock);
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        try {
            SlackSpec.checkAll(slack.server.requests());
        } finally {
            inbound.close();
            chat.close();
            slack.close();
        }
    }

    private InboundRequest signed(String contentType, String body) {
        return signedAt(clock.instant().getEpochSecond(), contentType, body);
    }

    private InboundRequest signedAt(long epochSecond, String contentType, String body) {
        String ts = Long.toString(epochSecond);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new InboundRequest("POST", "/slack/events", Map.of("Content-Type", List.of(contentType),
                "X-Slack-Request-Timestamp", List.of(ts), "X-Slack-Signature", List.of(signer.sign(ts, bytes))), bytes);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Map<String, String> slash(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "deprecated-verification-token");
        f.put("team_id", "T1");
        f.put("channel_id", "C0INC42");
        f.put("channel_name", "inc-42");
        f.put("user_id", "U0ALICE");
        f.put("user_name", "alice");
        f.put("command", "/incident");
        f.put("text", text);
        f.put("response_url", slack.responseUrl().toString());
        f.put("trigger_id", "trig-123.456");
        return f;
    }

    private InboundRequest slashRequest(String text) {
        return signed("application/x-www-form-urlencoded", form(slash(text)));
    }

    private ChatRequest nextHandled() throws InterruptedException {
        ChatRequest r = handled.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).as("a request reached the handler").isNotNull();
        return r;
    }

    @Nested
    @DisplayName("signature")
    final class Signature {

        @Test
        void slacksDocumentedExampleIsAcceptedAndReachesTheHandler() throws Exception {
            String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
            SlackConfig documented = SlackConfig.builder().botToken(Secret.of(FakeSlack.TOKEN))
                    .signingSecret(Secret.of("8f742231b10e8888abcd99yyyzzz85a5")).apiUrl(slack.server.uri("/api")).build();
            TestClock then = TestClock.at(Instant.ofEpochSecond(1531420618L).plusSeconds(120));
            try (SlackInbound example = SlackInbound.builder(documented, handler, deliveries).clock(then).chat(chat).build()) {
                InboundResponse r = example.handle(new InboundRequest("POST", "/slack/events", Map.of(
                        "content-type", List.of("application/x-www-form-urlencoded"),
                        "x-slack-request-timestamp", List.of("1531420618"),
                        "x-slack-signature", List.of("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")),
                        body.getBytes(StandardCharsets.UTF_8)));
                assertThat(r.status()).isEqualTo(200);
                ChatRequest req = nextHandled();
                assertThat(req.actor()).isEqualTo(new dev.incidentkit.incident.PersonRef("U2CERLKJA", "roadrunner"));
                assertThat(req.channelId()).isEqualTo("G8PSS9T3V");
                assertThat(req.text()).isEmpty();

                then.advance(Duration.ofMinutes(4)); // now 6 minutes after the timestamp
                InboundResponse stale = example.handle(new InboundRequest("POST", "/slack/events", Map.of(
                        "x-slack-request-timestamp", List.of("1531420618"),
                        "x-slack-signature", List.of("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")),
                        body.getBytes(StandardCharsets.UTF_8)));
                assertThat(stale.status()).isEqualTo(401);
            }
        }

        @Test
        void forgedStaleOversizedAndMalformedRequestsNeverReachTheHandler() {
            InboundRequest good = slashRequest("note hi");
            Map<String, List<String>> forgedHeaders = new LinkedHashMap<>(good.headers());
            forgedHeaders.put("X-Slack-Signature", List.of("v0=" + "ab".repeat(32)));
            assertThat(inbound.handle(new InboundRequest("POST", "/", forgedHeaders, good.body())).status()).isEqualTo(401);

            byte[] changed = form(slash("declare sev1 fake")).getBytes(StandardCharsets.UTF_8);
            assertThat(inbound.handle(new InboundRequest("POST", "/", good.headers(), changed)).status()).isEqualTo(401);

            InboundRequest old = signedAt(NOW.getEpochSecond() - 301, "application/x-www-form-urlencoded", form(slash("note hi")));
            assertThat(inbound.handle(old).status()).isEqualTo(401);
            InboundRequest future = signedAt(NOW.getEpochSecond() + 301, "application/x-www-form-urlencoded", form(slash("note hi")));
            assertThat(inbound.handle(future).status()).isEqualTo(401);

            assertThat(inbound.handle(new InboundRequest("POST", "/", Map.of(), good.body())).status()).isEqualTo(401);
            Map<String, List<String>> badTs = new LinkedHashMap<>(good.headers());
            badTs.put("X-Slack-Request-Timestamp", List.of("soon"));
            assertThat(inbound.handle(new InboundRequest("POST", "/", badTs, good.body())).status()).isEqualTo(401);

            String huge = form(slash("note " + "x".repeat(2 << 20)));
            assertThat(inbound.handle(signed("application/x-www-form-urlencoded", huge)).status()).isEqualTo(413);

            assertThat(inbound.handle(signed("application/json", "{not json")).status()).isEqualTo(400);
            assertThat(inbound.handle(signed("application/x-www-form-urlencoded", "payload=%7Bbroken")).status()).isEqualTo(400);
            assertThat(inbound.handle(signed("application/x-www-form-urlencoded", "a=%zz")).status()).isEqualTo(400);
            assertThat(inbound.handle(new InboundRequest("GET", "/", good.headers(), good.body())).status()).isEqualTo(405);

            assertThat(handled).isEmpty();
        }

        @Test
        void handleVerifiedSkipsOnlyTheSignatureCheckForAFrameworkThatMadeIt() throws Exception {
            InboundRequest good = slashRequest("note checked by Bolt");
            Map<String, List<String>> unsignedHeaders = new LinkedHashMap<>(good.headers());
            unsignedHeaders.remove("X-Slack-Signature");
            InboundRequest unsigned = new InboundRequest("POST", "/", unsignedHeaders, good.body());
            assertThat(inbound.handle(unsigned).status()).isEqualTo(401);
            assertThat(handled).isEmpty();

            assertThat(inbound.handleVerified(good).status()).isEqualTo(200);
            assertThat(nextHandled().text()).isEqualTo("note checked by Bolt");
            assertThat(inbound.handleVerified(good)).as("a replay is still answered once")
                    .isEqualTo(InboundResponse.text(200, InboundGate.ALREADY_HANDLED));
            String huge = form(slash("note " + "x".repeat(2 << 20)));
            assertThat(inbound.handleVerified(signed("application/x-www-form-urlencoded", huge)).status()).isEqualTo(413);
            assertThat(inbound.handleVerified(signed("application/json", "{not json")).status()).isEqualTo(400);
            assertThat(handled).isEmpty();
        }
    }

    @Nested
    @DisplayName("slash commands")
    final class SlashCommands {

        @Test
        void theTextGoesToTheHandlerAsTheInvokingUserAndTheReplyComesBack() throws Exception {
            nextReply = Reply.toChannel("INC-42 declared: *Checkout is failing* (SEV1) & more");
            InboundResponse r = inbound.handle(slashRequest("declare sev1 Checkout is failing"));
            assertThat(nextHandled()).isEqualTo(new ChatRequest(new dev.incidentkit.incident.PersonRef("U0ALICE", "alice"),
                    "C0INC42", "declare sev1 Checkout is failing", "inc-42")); // channel_name, which `declare here` records
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
            JsonNode body = json.readTree(r.bodyText());
            assertThat(body.path("response_type").asText()).isEqualTo("in_channel");
            assertThat(body.path("text").asText()).isEqualTo("INC-42 declared: *Checkout is failing* (SEV1) &amp; more");

            nextReply = Reply.toSender("Usage: `note <text>`");
            assertThat(json.readTree(inbound.handle(slashRequest("note")).bodyText()).path("response_type").asText())
                    .isEqualTo("ephemeral");
        }

        @Test
        void aSlowHandlerIsAcknowledgedAndAnswersThroughResponseUrl() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            CommandHandler slow = request -> {
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.toChannel("done slowly");
            };
            try (SlackInbound patient = SlackInbound.builder(slack.config(), slow, deliveries).clock(clock).chat(chat)
                    .ackBudget(Duration.ofMillis(100)).build()) {
                InboundResponse r = patient.handle(slashRequest("status identified"));
                assertThat(json.readTree(r.bodyText()).path("text").asText()).isEqualTo("Working on it…");
                release.countDown();
                RecordedRequest followUp = slack.server.awaitRequests("POST", "/hooks/response", 1, WAIT).get(0);
                assertThat(followUp.json().path("text").asText()).isEqualTo("done slowly");
                assertThat(followUp.json().path("response_type").asText()).isEqualTo("in_channel");
                assertThat(followUp.header("Authorization")).isEmpty();
            }
        }

        @Test
        void updateWithNoTextOpensTheStatusModal() throws Exception {
            InboundResponse r = inbound.handle(slashRequest("update"));
            assertThat(r.status()).isEqualTo(200);
            RecordedRequest open = slack.server.awaitRequests("POST", "/api/views.open", 1, WAIT).get(0);
            JsonNode args = open.json();
            assertThat(args.path("trigger_id").asText()).isEqualTo("trig-123.456");
            JsonNode view = args.path("view");
            assertThat(view.path("type").asText()).isEqualTo("modal");
            assertThat(view.path("private_metadata").asText()).isEqualTo("C0INC42");
            assertThat(view.path("title").path("text").asText().length()).isLessThanOrEqualTo(24);
            assertThat(view.toString()).contains("\"monitoring\"").contains("\"action_id\":\"message\"");
            assertThat(handled).isEmpty();
        }
    }

    @Nested
    @DisplayName("interactivity")
    final class Interactivity {

        private InboundRequest payload(String payloadJson) {
            return signed("application/x-www-form-urlencoded", "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8));
        }

        @Test
        void aButtonRunsItsCommandAsTheClickerAndAnswersThroughResponseUrl() throws Exception {
            nextReply = Reply.toSender("Reminder snoozed for 15 minutes");
            String payload = """
                    {"type":"block_actions","user":{"id":"U0BOB","username":"bob","team_id":"T1"},
                     "api_app_id":"A1","trigger_id":"trig-9","container":{"type":"message","channel_id":"C0INC42"},
                     "channel":{"id":"C0INC42","name":"inc-42"},"response_url":"%s",
                     "actions":[{"action_id":"incidentkit-1","block_id":"b1","type":"button","value":"remind me in 15m","action_ts":"1"}]}
                    """.formatted(slack.responseUrl());
            assertThat(inbound.handle(payload(payload)).status()).isEqualTo(200);
            assertThat(nextHandled()).isEqualTo(new ChatRequest(new dev.incidentkit.incident.PersonRef("U0BOB", "bob"),
                    "C0INC42", "remind me in 15m"));
            RecordedRequest answer = slack.server.awaitRequests("POST", "/hooks/response", 1, WAIT).get(0);
            assertThat(answer.json().path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(answer.json().path("text").asText()).isEqualTo("Reminder snoozed for 15 minutes");
            assertThat(answer.json().path("replace_original").asBoolean(true)).isFalse();
        }

        @Test
        void theModalSubmissionBecomesAnUpdateCommand() throws Exception {
            nextReply = Reply.toChannel("Status update published");
            String payload = """
                    {"type":"view_submission","user":{"id":"U0ALICE","username":"alice"},
                     "view":{"id":"V1","callback_id":"incidentkit_status_update","private_metadata":"C0INC42",
                       "state":{"values":{
                         "status":{"status":{"type":"static_select","selected_option":{"value":"monitoring"}}},
                         "message":{"message":{"type":"plain_text_input","value":"Fix deployed,\\nwe are watching error rates"}}}}}}
                    """;
            String channel = slack.addChannel("inc-42");
            InboundResponse r = inbound.handle(payload(payload.replace("C0INC42", channel)));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            ChatRequest req = nextHandled();
            assertThat(req.text()).isEqualTo("update monitoring: Fix deployed, we are watching error rates");
            assertThat(req.channelId()).isEqualTo(channel);
            slack.server.awaitRequests("POST", "/api/chat.postMessage", 1, WAIT);
            assertThat(slack.messages(channel).get(0).path("text").asText()).isEqualTo("Status update published");
        }

        @Test
        void aBlankModalMessageShowsAFieldError() throws Exception {
            String payload = """
                    {"type":"view_submission","user":{"id":"U0ALICE"},
                     "view":{"callback_id":"incidentkit_status_update","private_metadata":"C0INC42",
                       "state":{"values":{"message":{"message":{"type":"plain_text_input","value":"  "}}}}}}
                    """;
            JsonNode r = json.readTree(inbound.handle(payload(payload)).bodyText());
            assertThat(r.path("response_action").asText()).isEqualTo("errors");
            assertThat(r.path("errors").path("message").asText()).isNotBlank();
            assertThat(handled).isEmpty();
        }
    }

    @Nested
    @DisplayName("Events API")
    final class Events {

        private String reaction(String eventId, String reaction, String channel, String ts) {
            return """
                    {"token":"t","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"%s","event_time":1,
                     "event":{"type":"reaction_added","user":"U0BOB","reaction":"%s","item_user":"U0ALICE",
                       "item":{"type":"message","channel":"%s","ts":"%s"},"event_ts":"1"}}
                    """.formatted(eventId, reaction, channel, ts);
        }

        @Test
        void aMemberWhoJoinsIsAnsweredAloneWhenAJoinAnswerIsSet() throws Exception {
            String channel = slack.addChannel("inc-42");
            java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            String joined = """
                    {"token":"t","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"%s","event_time":1,
                     "event":{"type":"member_joined_channel","user":"U0CAROL","channel":"%s","channel_type":"C",
                       "team":"T1","event_ts":"1"}}
                    """;
            // without an answer set, a join is acknowledged and ignored
            assertThat(inbound.handle(signed("application/json", joined.formatted("EvJ0", channel))).status()).isEqualTo(200);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (SlackInbound answering = SlackInbound.builder(slack.config(), handler, deliveries).clock(clock).chat(chat)
                    .executor(pool).onJoin((c, person) -> {
                        asked.add(c + "/" + person.id());
                        return c.equals(channel) ? java.util.Optional.of(Reply.toSender("*TL;DR INC-42*")) : java.util.Optional.empty();
                    }).build()) {
                assertThat(answering.handle(signed("application/json", joined.formatted("EvJ1", channel))).status()).isEqualTo(200);
                assertThat(answering.handle(signed("application/json", joined.formatted("EvJ2", "C0OTHER"))).status()).isEqualTo(200);
                pool.shutdown();
                assertThat(pool.awaitTermination(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
            }
            assertThat(asked).containsExactly(channel + "/U0CAROL", "C0OTHER/U0CAROL");
            assertThat(slack.server.requests("POST", "/api/chat.postEphemeral")).singleElement().satisfies(r -> {
                assertThat(r.json().path("channel").asText()).isEqualTo(channel);
                assertThat(r.json().path("user").asText()).isEqualTo("U0CAROL");
                assertThat(r.json().path("text").asText()).contains("TL;DR INC-42");
            });
            assertThat(handled).as("a join is no command").isEmpty();
        }

        @Test
        void urlVerificationAnswersTheChallenge() throws Exception {
            InboundResponse r = inbound.handle(signed("application/json",
                    "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(json.readTree(r.bodyText()).path("challenge").asText())
                    .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        }

        @Test
        void aPushpinOnAMessageBecomesANoteByTheReactingPerson() throws Exception {
            slack.addUser("U0BOB", "Bob", "bob@example.com", "Europe/Berlin");
            String channel = slack.addChannel("inc-42");
            slack.addMessage(channel, "earlier message");
            String ts = slack.addMessage(channel, "rolled back deploy 1234");
            slack.addMessage(channel, "later message");
            nextReply = Reply.toSender("Noted.");

            assertThat(inbound.handle(signed("application/json", reaction("Ev1", "pushpin", channel, ts))).status()).isEqualTo(200);
            ChatRequest req = nextHandled();
            assertThat(req.text()).isEqualTo("note rolled back deploy 1234");
            assertThat(req.actor().id()).isEqualTo("U0BOB");
            assertThat(req.actor().name()).isEqualTo("Bob");
            assertThat(req.channelId()).isEqualTo(channel);
            RecordedRequest history = slack.server.requests("GET", "/api/conversations.history").get(0);
            assertThat(history.query()).containsEntry("channel", channel).containsEntry("latest", ts)
                    .containsEntry("oldest", ts).containsEntry("inclusive", "true");
            slack.server.awaitRequests("POST", "/api/chat.postEphemeral", 1, WAIT);
            assertThat(slack.ephemerals().get(0).path("user").asText()).isEqualTo("U0BOB");

            // the same delivery again (Slack retries) is dropped
            inbound.handle(signed("application/json", reaction("Ev1", "pushpin", channel, ts)));
            assertThat(handled.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }

        @Test
        void aReplyInAThreadIsFoundThroughConversationsReplies() throws Exception {
            String channel = slack.addChannel("inc-43");
            String parent = slack.addMessage(channel, "parent");
            String reply = slack.addThreadReply(channel, parent, "db failover finished");
            inbound.handle(signed("application/json", reaction("Ev2", "pushpin", channel, reply)));
            assertThat(nextHandled().text()).isEqualTo("note db failover finished");
            assertThat(slack.server.requests("GET", "/api/conversations.replies")).hasSize(1);
        }

        @Test
        void otherReactionsAreIgnored() throws Exception {
            String channel = slack.addChannel("inc-44");
            String ts = slack.addMessage(channel, "hello");
            assertThat(inbound.handle(signed("application/json", reaction("Ev3", "thumbsup", channel, ts))).status()).isEqualTo(200);
            assertThat(handled.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(slack.server.requests()).isEmpty();
        }
    }

    @Nested
    @DisplayName("replays")
    final class Replays {
        private final InboundResponse alreadyHandled = InboundResponse.text(200, InboundGate.ALREADY_HANDLED);

        @Test
        void aSlashCommandSentThreeTimesRunsOnce() throws Exception {
            InboundRequest declare = slashRequest("declare sev1 Checkout is failing");
            assertThat(inbound.handle(declare).status()).isEqualTo(200);
            assertThat(nextHandled().text()).isEqualTo("declare sev1 Checkout is failing");
            clock.advance(Duration.ofMinutes(4)); // still inside the signature's window
            assertThat(inbound.handle(declare)).isEqualTo(alreadyHandled);
            assertThat(inbound.handle(declare)).isEqualTo(alreadyHandled);
            assertThat(handled).isEmpty();
            assertThat(inbound.handle(slashRequest("declare sev1 Checkout is failing")).status())
                    .as("typed again, signed anew: a new command").isEqualTo(200);
            assertThat(nextHandled().text()).isEqualTo("declare sev1 Checkout is failing");
        }

        @Test
        void aSignatureIsNotMadeNewByWhitespaceOrCase() {
            InboundRequest note = slashRequest("note hi");
            assertThat(inbound.handle(note).status()).isEqualTo(200);
            Map<String, List<String>> padded = new LinkedHashMap<>(note.headers());
            padded.put("X-Slack-Signature", List.of(" " + note.header("X-Slack-Signature").orElseThrow() + " "));
            assertThat(inbound.handle(new InboundRequest("POST", "/", padded, note.body()))).isEqualTo(alreadyHandled);
        }

        @Test
        void aButtonPressAndAModalSubmissionRepeatedRunOnce() throws Exception {
            String press = """
                    {"type":"block_actions","user":{"id":"U0BOB","username":"bob"},"channel":{"id":"C0INC42"},
                     "response_url":"%s","actions":[{"action_id":"incidentkit-0","type":"button","value":"ack"}]}
                    """.formatted(slack.responseUrl());
            InboundRequest pressed = signed("application/x-www-form-urlencoded",
                    "payload=" + URLEncoder.encode(press, StandardCharsets.UTF_8));
            assertThat(inbound.handle(pressed).status()).isEqualTo(200);
            assertThat(inbound.handle(pressed)).isEqualTo(alreadyHandled);
            assertThat(nextHandled().text()).isEqualTo("ack");

            String submit = """
                    {"type":"view_submission","user":{"id":"U0ALICE"},
                     "view":{"callback_id":"incidentkit_status_update","private_metadata":"C0INC42",
                       "state":{"values":{"status":{"status":{"selected_option":{"value":"identified"}}},
                         "message":{"message":{"value":"Found it"}}}}}}
                    """;
            InboundRequest submitted = signed("application/x-www-form-urlencoded",
                    "payload=" + URLEncoder.encode(submit, StandardCharsets.UTF_8));
            assertThat(inbound.handle(submitted).status()).isEqualTo(200);
            assertThat(inbound.handle(submitted)).isEqualTo(alreadyHandled);
            assertThat(nextHandled().text()).isEqualTo("update identified: Found it");
            assertThat(handled.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }

        @Test
        void twoReplicasOnOneStoreRunACommandAndAnEventOnce() throws Exception {
            String channel = slack.addChannel("inc-45");
            String ts = slack.addMessage(channel, "rolled back");
            String event = """
                    {"type":"event_callback","event_id":"Ev9","event":{"type":"reaction_added","user":"U0BOB",
                     "reaction":"pushpin","item":{"type":"message","channel":"%s","ts":"%s"}}}
                    """.formatted(channel, ts);
            InboundRequest declare = slashRequest("declare sev2 Search is slow");
            try (SlackInbound replica = SlackInbound.builder(slack.config(), handler, deliveries).clock(clock).chat(chat).build()) {
                assertThat(inbound.handle(declare).status()).isEqualTo(200);
                assertThat(replica.handle(declare)).isEqualTo(alreadyHandled);
                assertThat(nextHandled().text()).isEqualTo("declare sev2 Search is slow");

                assertThat(replica.handle(signed("application/json", event)).status()).isEqualTo(200);
                clock.advance(Duration.ofMinutes(5)); // Slack's last retry, signed anew, reaches the other replica
                assertThat(inbound.handle(signed("application/json", event))).isEqualTo(alreadyHandled);
                assertThat(nextHandled().text()).isEqualTo("note rolled back");
            }
            inbound.close();
            inbound = SlackInbound.builder(slack.config(), handler, deliveries).clock(clock).chat(chat).build();
            assertThat(inbound.handle(signed("application/json", event))).as("after a restart").isEqualTo(alreadyHandled);
            assertThat(handled.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Nested
    @DisplayName("JDK HttpServer binding")
    final class Binding {

        @Test
        void servesSignedRequestsOverHttp() throws IOException, InterruptedException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/slack/events", inbound.httpHandler());
            server.start();
            try {
                URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events");
                nextReply = Reply.toSender("pong");
                InboundRequest signedRequest = slashRequest("help");
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(signedRequest.body()));
                signedRequest.headers().forEach((k, v) -> b.header(k, v.get(0)));
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> ok = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(json.readTree(ok.body()).path("text").asText()).isEqualTo("pong");
                assertThat(nextHandled().text()).isEqualTo("help");

                HttpResponse<String> unsigned = client.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString("command=%2Fincident&text=help")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unsigned.statusCode()).isEqualTo(401);
                assertThat(handled).isEmpty();
            } finally {
                server.stop(0);
            }
        }
    }
}
