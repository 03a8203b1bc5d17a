package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A signed slash command declares an incident through the real Slack adapter and the real IncidentKit. */
final class SlackEndToEndTest {
    private final FakeSlack slack = new FakeSlack();
    private final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    private final SlackChatGateway chat = SlackChatGateway.builder(slack.config())
            .retryPolicy(RetryPolicy.none()).postRate(Duration.ZERO, 1).build();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat)
            .directory(chat.directory()).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
    private final SlackInbound inbound = SlackInbound.builder(slack.config(), kit, store).clock(clock).chat(chat).build();
    private final WebhookVerifier signer = WebhookVerifier.slack(Secret.of(FakeSlack.SIGNING_SECRET), clock);

    @AfterEach
    void stop() {
        try {
            SlackSpec.checkAll(slack.server.requests());
        } finally {
            inbound.close();
            kit.close();
            chat.close();
            slack.close();
        }
    }

    private InboundResponse slash(String channel, String text) {
        return inbound.handle(signedSlash(channel, text));
    }

    private InboundRequest signedSlash(String channel, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("team_id", "T1");
        f.put("channel_id", channel);
        f.put("user_id", "U0ALICE");
        f.put("user_name", "alice");
        f.put("command", "/incident");
        f.put("text", text);
        f.put("response_url", slack.responseUrl().toString());
        f.put("trigger_id", "trig-1");
        String body = f.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String ts = Long.toString(clock.instant().getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new InboundRequest("POST", "/slack/events", Map.of(
                "Content-Type", List.of("application/x-www-form-urlencoded"),
                "X-Slack-Request-Timestamp", List.of(ts),
                "X-Slack-Signature", List.of(signer.sign(ts, bytes))), bytes);
    }

    private List<String> methods() {
        return slack.server.requests().stream().map(RecordedRequest::path)
                .filter(p -> p.startsWith("/api/")).map(p -> p.substring(5)).toList();
    }

    private List<RecordedRequest> calls(String method) {
        return slack.server.requests().stream().filter(r -> r.path().equals("/api/" + method)).toList();
    }

    @Test
    void aSignedSlashCommandDeclaresAnIncidentAndOpensItsChannel() throws Exception {
        InboundResponse r = slash("C0GENERAL", "declare sev1 Checkout is failing");
        assertThat(r.status()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.bodyText()).path("response_type").asText()).isEqualTo("in_channel");
        assertThat(r.bodyText()).contains("INC-1 · SEV1 · Checkout is failing");

        assertThat(methods()).containsSubsequence("conversations.create", "conversations.invite",
                "conversations.setTopic", "chat.postMessage", "pins.add");
        assertThat(calls("conversations.create")).singleElement()
                .satisfies(c -> assertThat(c.json().path("name").asText()).isEqualTo("inc-1-checkout-is-failing"));
        assertThat(calls("conversations.invite")).singleElement()
                .satisfies(c -> assertThat(c.json().path("users").asText()).contains("U0ALICE"));
        assertThat(calls("conversations.setTopic")).singleElement()
                .satisfies(c -> assertThat(c.json().path("topic").asText()).isEqualTo("SEV1 · investigating · IMOC: alice"));
        assertThat(calls("chat.postMessage")).first()
                .satisfies(c -> assertThat(c.json().path("text").asText()).contains("IMOC checklist"));
        assertThat(calls("pins.add")).hasSize(1);

        // the channel is now the incident's: commands there need no id
        String channel = kit.incident(IncidentId.of(1)).orElseThrow().channel().orElseThrow().channelId();
        assertThat(kit.incidentOf(channel)).contains(IncidentId.of(1));
        InboundResponse note = slash(channel, "note rolled back deploy 1234");
        assertThat(note.bodyText()).contains("Note: rolled back deploy 1234");
    }

    @Test
    void aDeclareReplayedThreeTimesMakesOneIncidentWhoseTitleCannotPingTheWorkspace() throws Exception {
        InboundRequest declare = signedSlash("C0GENERAL", "declare sev1 <!channel> checkout <!everyone> down");
        assertThat(inbound.handle(declare).status()).isEqualTo(200);
        assertThat(inbound.handle(declare).bodyText()).isEqualTo("already handled");
        assertThat(inbound.handle(declare).bodyText()).isEqualTo("already handled");
        assertThat(kit.incident(IncidentId.of(2))).as("one incident, not three").isEmpty();
        assertThat(calls("conversations.create")).hasSize(1);

        String channel = kit.incident(IncidentId.of(1)).orElseThrow().channel().orElseThrow().channelId();
        InboundResponse note = slash(channel, "note status is at <https://evil.example|https://status.example.com>");
        assertThat(note.bodyText()).doesNotContain("<https://evil");
        for (RecordedRequest post : calls("chat.postMessage")) {
            StringBuilder shown = new StringBuilder(post.json().path("text").asText());
            post.json().path("blocks").forEach(b -> shown.append(b.path("type").asText().equals("header")
                    ? "" : b.path("text").toString())); // a header is plain_text, never read as markup
            assertThat(shown).doesNotContain("<!channel>").doesNotContain("<!everyone>").doesNotContain("<https://evil");
        }
        assertThat(calls("chat.postMessage").get(0).json().path("text").asText())
                .contains("&lt;!channel&gt; checkout &lt;!everyone&gt; down");
    }
}
