package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.testing.FakeVendorServer.Exchange;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of 50 posts to one channel against a Slack that answers 429 with {@code Retry-After: 1} now and
 * then. Real time, kept short: the posting pace is 20 ms for the test (Slack's is about 1 s) and the fake
 * refuses the 6th, 26th and 46th request, so the run takes about 1 s of pacing plus 3 s of
 * {@code Retry-After}.
 */
final class SlackPostingBurstTest {
    private final FakeSlack slack = new FakeSlack();
    private final SlackChatGateway chat = SlackChatGateway.builder(slack.config())
            .postRate(Duration.ofMillis(20), 1)
            .build();

    @AfterEach
    void stop() {
        chat.close();
        slack.close();
    }

    @Test
    void everyMessageIsDeliveredOnceInOrderAndNoRequestBeatsItsRetryAfter() {
        String channel = slack.addChannel("inc-50");
        slack.rateLimit("chat.postMessage", 20, Duration.ofSeconds(1));

        long start = System.nanoTime();
        for (int i = 1; i <= 50; i++) {
            chat.post(channel, ChatMessage.reply("update " + i), IdempotencyKey.first("burst-" + i));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        List<String> delivered = slack.messages(channel).stream().map(m -> m.path("text").asText()).toList();
        assertThat(delivered).containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(i -> "update " + i).toList());

        List<Exchange> posts = slack.server.exchanges().stream()
                .filter(e -> e.request().path().equals("/api/chat.postMessage")).toList();
        long refused = posts.stream().filter(e -> e.response().status() == 429).count();
        assertThat(refused).isEqualTo(3);
        assertThat(posts).hasSize(53);
        for (int i = 0; i < posts.size() - 1; i++) {
            Exchange e = posts.get(i);
            Exchange next = posts.get(i + 1);
            if (e.response().status() == 429) {
                assertThat(Duration.ofNanos(next.request().receivedNanos() - e.respondedNanos()))
                        .as("wait after the 429 on request %d", i + 1).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                assertThat(next.request().json().path("text").asText()).as("the retry repeats the refused message")
                        .isEqualTo(e.request().json().path("text").asText());
            }
        }
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(20));
        SlackSpec.checkAll(slack.server.requests());
    }
}
