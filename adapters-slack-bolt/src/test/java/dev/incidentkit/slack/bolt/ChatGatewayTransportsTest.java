package dev.incidentkit.slack.bolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.util.http.SlackHttpClient;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.slack.FakeSlack;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackConfig;
import dev.incidentkit.slack.SlackSpec;
import dev.incidentkit.spi.ChatGateway.Channel;
import dev.incidentkit.spi.ChatGateway.MessageRef;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.ChatMessage.Button;
import dev.incidentkit.spi.ChatMessage.Kind;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same gateway behaviour whether its calls go through incidentkit's own JDK HTTP client or through a
 * Bolt host's {@code MethodsClient} (its OkHttp client): what reaches the fake Slack is the same, and so are
 * the markers that make a repeat safe, the error mapping and the retries.
 */
final class ChatGatewayTransportsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PersonRef ALICE = new PersonRef("U0ALICE", "Alice");
    private static final String HOST_MARK = "X-Through-Host-Client";

    /** How the gateway reaches Slack. */
    enum Transport {
        /** incidentkit's own JDK HTTP client. */
        OWN,
        /** the host's MethodsClient, as a Bolt app has it. */
        METHODS_CLIENT
    }

    private final FakeSlack slack = new FakeSlack();
    /** The host's Slack client: its OkHttp client marks each request, as a host's proxy or interceptor would see it. */
    private final Slack sdk = Slack.getInstance(sdkConfig(slack), new SlackHttpClient(new OkHttpClient.Builder()
            .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(HOST_MARK, "yes").build()))
            .build()));
    private SlackChatGateway chat;

    static com.slack.api.SlackConfig sdkConfig(FakeSlack slack) {
        com.slack.api.SlackConfig c = new com.slack.api.SlackConfig();
        c.setMethodsEndpointUrlPrefix(slack.server.uri("/api/").toString());
        return c;
    }

    private SlackChatGateway gateway(Transport transport, SlackConfig config) {
        SlackChatGateway.Builder b = transport == Transport.OWN ? SlackChatGateway.builder(config)
                : IncidentKitBolt.chatGateway(sdk.methods(), config);
        return b.retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
                .postRate(Duration.ZERO, 1).build();
    }

    private SlackChatGateway on(Transport transport) {
        chat = gateway(transport, slack.config());
        return chat;
    }

    @AfterEach
    void checkEveryCallAndStop() throws Exception {
        try {
            SlackSpec.checkAll(slack.server.requests());
        } finally {
            if (chat != null) {
                chat.close();
            }
            sdk.close();
            slack.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void opensAChannelAndPostsPinsAndBookmarksTheKickOff(Transport transport) {
        SlackChatGateway gw = on(transport);
        Channel c = gw.createChannel("INC-42 Checkout is FAILING", IdempotencyKey.first("INC-42:channel"));
        assertThat(c.name()).isEqualTo("inc-42-checkout-is-failing");
        gw.invite(c.id(), List.of(ALICE));
        gw.setTopic(c.id(), "SEV1 · investigating\nIMOC: Alice");
        MessageRef ref = gw.post(c.id(), new ChatMessage(Kind.KICKOFF, "INC-42 · SEV1 · Checkout is failing",
                "IMOC: Alice", List.of(new Button("Acknowledge", "ack")), false), IdempotencyKey.first("INC-42:1:0"));
        gw.pin(ref);
        gw.bookmark(c.id(), "Status page", "https://status.example.com/incidents/42");
        gw.postEphemeral(c.id(), ALICE, ChatMessage.reply("Only you"));

        assertThat(slack.channels()).containsEntry(c.id(), "inc-42-checkout-is-failing");
        assertThat(slack.members(c.id())).containsExactly("U0ALICE");
        assertThat(slack.topic(c.id())).isEqualTo("SEV1 · investigating · IMOC: Alice");
        JsonNode posted = slack.messages(c.id()).get(0);
        assertThat(ref).isEqualTo(new MessageRef(c.id(), posted.path("ts").asText()));
        assertThat(posted.path("metadata").path("event_payload").path("key").asText()).isEqualTo("INC-42:1:0");
        assertThat(posted.path("blocks").toString()).contains("\"action_id\":\"incidentkit-0\"").contains("\"value\":\"ack\"");
        assertThat(slack.pinned(c.id())).containsExactly(ref.id());
        assertThat(slack.bookmarks(c.id())).hasSize(1);
        assertThat(slack.ephemerals()).singleElement().satisfies(e -> assertThat(e.path("user").asText()).isEqualTo("U0ALICE"));
        assertThat(slack.server.requests()).as("every call went through the host's client, or none")
                .allSatisfy(r -> assertThat(r.header(HOST_MARK).isPresent()).isEqualTo(transport == Transport.METHODS_CLIENT));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPostThatTimedOutAfterSlackActedIsNotPostedTwice(Transport transport) {
        SlackChatGateway gw = on(transport);
        String c = slack.addChannel("inc-60");
        slack.server.answerLate("POST", "/api/chat.postMessage", 1, Duration.ofSeconds(30));
        try (SlackChatGateway hasty = gateway(transport, slack.config(Duration.ofMillis(300)))) {
            PortException timeout = catchThrowableOfType(PortException.class,
                    () -> hasty.post(c, ChatMessage.reply("Status: investigating"), IdempotencyKey.first("INC-60:1:0")));
            assertThat(timeout.kind()).isEqualTo(PortException.Kind.TIMEOUT);
        }
        slack.server.awaitReceived("POST", "/api/chat.postMessage", 1, WAIT);
        assertThat(slack.messages(c)).as("Slack acted although the call timed out").hasSize(1);

        MessageRef again = gw.post(c, ChatMessage.reply("Status: investigating"), IdempotencyKey.again("INC-60:1:0"));
        assertThat(slack.messages(c)).hasSize(1);
        assertThat(again.id()).isEqualTo(slack.messages(c).get(0).path("ts").asText());
        assertThat(slack.server.requests("POST", "/api/chat.postMessage")).as("the retry looked, and did not post").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRepeatedChannelCreationAdoptsTheChannelTheEarlierAttemptMade(Transport transport) {
        SlackChatGateway gw = on(transport);
        Channel first = gw.createChannel("inc-61", IdempotencyKey.first("INC-61:channel"));
        Channel again = gw.createChannel("inc-61", IdempotencyKey.again("INC-61:channel"));
        assertThat(again).isEqualTo(first);
        assertThat(slack.channels()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void slackErrorsAreMappedAndOnlySafeCallsRetried(Transport transport) {
        SlackChatGateway gw = on(transport);
        PortException notFound = catchThrowableOfType(PortException.class,
                () -> gw.post("C404", ChatMessage.reply("x"), IdempotencyKey.first("k")));
        assertThat(notFound.kind()).isEqualTo(PortException.Kind.NOT_FOUND);
        assertThat(notFound.vendorCode()).isEqualTo("channel_not_found");
        assertThat(notFound.port()).isEqualTo("slack chat.postMessage");
        assertThat(slack.server.requests("POST", "/api/chat.postMessage")).hasSize(1);

        String c = slack.addChannel("inc-62");
        slack.server.enqueue("POST", "/api/conversations.setTopic",
                ScriptedResponse.ok("{\"ok\":false,\"error\":\"internal_error\"}"), ScriptedResponse.status(503),
                ScriptedResponse.tooManyRequests(Duration.ZERO));
        gw.setTopic(c, "SEV2");
        assertThat(slack.topic(c)).isEqualTo("SEV2");
        assertThat(slack.server.requests("POST", "/api/conversations.setTopic")).hasSize(4);

        slack.server.enqueue("POST", "/api/chat.postMessage", ScriptedResponse.status(500));
        PortException unclear = catchThrowableOfType(PortException.class,
                () -> gw.post(c, ChatMessage.reply("y"), IdempotencyKey.first("k2")));
        assertThat(unclear.kind()).isEqualTo(PortException.Kind.UNAVAILABLE);
        assertThat(slack.server.requests("POST", "/api/chat.postMessage")).as("a post is not repeated blindly").hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongTokenIsUnauthorizedAndNeverShown(Transport transport) {
        SlackConfig wrong = SlackConfig.builder().botToken(Secret.of("xoxb-wrong-token-5521"))
                .signingSecret(Secret.of("s")).apiUrl(slack.server.uri("/api")).build();
        String c = slack.addChannel("inc-63");
        try (SlackChatGateway bad = gateway(transport, wrong)) {
            PortException e = catchThrowableOfType(PortException.class, () -> bad.setTopic(c, "x"));
            assertThat(e.kind()).isEqualTo(PortException.Kind.UNAUTHORIZED);
            assertThat(e.vendorCode()).isEqualTo("invalid_auth");
            assertThat(e.getMessage()).doesNotContain("xoxb-wrong-token-5521");
            assertThat(bad.toString()).doesNotContain("xoxb-wrong-token-5521");
        }
        slack.server.clearRequests(); // the wrong token's request is not ours to check
    }
}
