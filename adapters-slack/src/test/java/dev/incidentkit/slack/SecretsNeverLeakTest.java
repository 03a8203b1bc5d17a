package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.Reply;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through its noisy paths (a refused token, a forged request, a rate limit, a retry, a
 * reaction) with debug logging on, and checks that no secret the suite uses appears in a captured log
 * line, an exception message or any {@code toString}.
 */
final class SecretsNeverLeakTest {
    private static final String WRONG_TOKEN = "xoxb-wrong-4471-leak-check";
    private static final List<String> SECRETS = List.of(FakeSlack.TOKEN, FakeSlack.SIGNING_SECRET, WRONG_TOKEN,
            "8f742231b10e8888abcd99yyyzzz85a5");

    @Test
    void noSecretInLogsExceptionsOrToStrings() throws Exception {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FakeSlack slack = new FakeSlack()) {
            SlackConfig config = slack.config();
            TestClock clock = TestClock.at(Instant.parse("2026-11-24T14:00:00Z"));
            try (SlackChatGateway chat = SlackChatGateway.builder(config).clock(clock).postRate(Duration.ZERO, 1)
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();
                 SlackInbound inbound = SlackInbound.builder(config, r -> Reply.toSender("ok " + r.text()), new InMemoryIncidentStore())
                         .clock(clock).chat(chat).build()) {
                String channel = slack.addChannel("inc-1");
                slack.rateLimit("chat.postMessage", 2, Duration.ofSeconds(1));
                chat.post(channel, ChatMessage.reply("rate limited once"), IdempotencyKey.first("k1"));
                seen.add(String.valueOf(catchThrowable(() -> chat.post("C404", ChatMessage.reply("x"), IdempotencyKey.first("k2")))));

                SlackConfig wrong = SlackConfig.builder().botToken(Secret.of(WRONG_TOKEN))
                        .signingSecret(Secret.of(FakeSlack.SIGNING_SECRET)).apiUrl(slack.server.uri("/api")).build();
                try (SlackChatGateway bad = SlackChatGateway.builder(wrong).build()) {
                    Throwable t = catchThrowable(() -> bad.setTopic(channel, "x"));
                    seen.add(String.valueOf(t));
                    seen.add(t.getMessage());
                    seen.add(bad.toString());
                    seen.add(wrong.toString());
                }

                byte[] body = "command=%2Fincident&text=help&user_id=U1&channel_id=C1".getBytes(StandardCharsets.UTF_8);
                InboundRequest forged = new InboundRequest("POST", "/slack/events", Map.of(
                        "X-Slack-Request-Timestamp", List.of(Long.toString(clock.instant().getEpochSecond())),
                        "X-Slack-Signature", List.of("v0=" + "0".repeat(64))), body);
                seen.add(inbound.handle(forged).toString());
                seen.add(forged.toString());
                seen.add(inbound.toString());
                seen.add(chat.toString());
                seen.add(chat.directory().toString());
                seen.add(config.toString());
                seen.add(config.botToken().toString());
                seen.add(SlackConfig.from(Map.of("SLACK_BOT_TOKEN", FakeSlack.TOKEN,
                        "SLACK_SIGNING_SECRET", FakeSlack.SIGNING_SECRET)::get).toString());
                seen.add(String.valueOf(catchThrowable(() -> SlackConfig.from(Map.of("SLACK_BOT_TOKEN", FakeSlack.TOKEN)::get))));
            }
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("debug logging was on and captured").contains("slack chat.postMessage");
        for (String secret : SECRETS) {
            assertThat(logs).as("captured logs").doesNotContain(secret);
            assertThat(seen).as("exception messages and toStrings").noneMatch(s -> s != null && s.contains(secret));
        }
    }
}
