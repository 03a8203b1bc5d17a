package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.spi.ChatGateway.Channel;
import dev.incidentkit.spi.ChatGateway.MessageRef;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.ChatMessage.Kind;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Repeats against a fake Slack that, like Slack, makes a second message or channel whenever asked, and can
 * act and then answer too late: each promise of issue 13 for Slack, shown by counting what people would see.
 */
final class SlackRepeatsTest {
    private static final Duration HASTY_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LATE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    private final FakeSlack slack = new FakeSlack(clock);
    /** The gateway whose calls Slack answers too late (another replica or the same one after a restart retries). */
    private final SlackChatGateway hasty = gateway(HASTY_TIMEOUT);
    /** The gateway that retries, with the usual timeout. */
    private final SlackChatGateway chat = gateway(Duration.ofSeconds(5));

    private SlackChatGateway gateway(Duration requestTimeout) {
        return SlackChatGateway.builder(slack.config(requestTimeout))
                .clock(clock)
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
                .postRate(Duration.ZERO, 1)
                .build();
    }

    @AfterEach
    void checkEveryCallAndStop() {
        try {
            SlackSpec.checkAll(slack.server.requests());
        } finally {
            hasty.close();
            chat.close();
            slack.close();
        }
    }

    private static ChatMessage huge() {
        String body = IntStream.range(0, 3000).mapToObj(i -> "line " + i + " of the timeline export")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        return new ChatMessage(Kind.REPORT_SUMMARY, "INC-44 report", body, List.of(), false);
    }

    private static List<Integer> partsOf(List<ObjectNode> messages, String key) {
        return messages.stream().filter(m -> m.path("metadata").path("event_payload").path("key").asText().equals(key))
                .map(m -> m.path("metadata").path("event_payload").path("part").asInt()).toList();
    }

    @Nested
    @DisplayName("messages")
    final class Messages {


        @Test
        void aRetryWithAgainAfterSuccessFindsTheMessageAmongOthersAndPostsNothing() {
            String c = slack.addChannel("inc-61");
            MessageRef first = chat.post(c, ChatMessage.reply("Status: identified"), IdempotencyKey.first("INC-61:2:0"));
            IntStream.range(0, 7).forEach(i -> chat.post(c, ChatMessage.reply("note " + i), IdempotencyKey.first("n" + i)));

            MessageRef again = chat.post(c, ChatMessage.reply("Status: identified"), IdempotencyKey.again("INC-61:2:0"));

            assertThat(again).isEqualTo(first);
            assertThat(slack.messages(c)).hasSize(8);
            List<RecordedRequest> reads = slack.server.requests("GET", "/api/conversations.history");
            assertThat(reads).as("8 messages, 3 a page: the cursor is followed").hasSize(3);
            assertThat(reads.get(0).query()).containsEntry("channel", c).containsEntry("include_all_metadata", "true")
                    .containsEntry("oldest", clock.instant().minus(Duration.ofHours(24)).getEpochSecond() + ".000000");
        }

        @Test
        void aRetryWithFirstPostsAgainBecauseFirstPromisesNoAttemptStarted() {
            String c = slack.addChannel("inc-62");
            chat.post(c, ChatMessage.reply("hello"), IdempotencyKey.first("INC-62:1:0"));
            chat.post(c, ChatMessage.reply("hello"), IdempotencyKey.first("INC-62:1:0"));
            assertThat(slack.messages(c)).as("the fake does not de-duplicate, and first() does not look").hasSize(2);
            assertThat(slack.server.requests("GET", "/api/conversations.history")).isEmpty();
        }

        @Test
        void aPostOlderThanTheLookBackIsNotFound() {
            String c = slack.addChannel("inc-63");
            chat.post(c, ChatMessage.reply("hello"), IdempotencyKey.first("INC-63:1:0"));
            clock.advance(Duration.ofHours(25));
            chat.post(c, ChatMessage.reply("hello"), IdempotencyKey.again("INC-63:1:0"));
            assertThat(slack.messages(c)).as("the documented limit of the look-back").hasSize(2);
        }

        @Test
        void aSplitMessageWhoseSecondPartFailedIsCompletedOnRetryWithEachPartOnce() {
            String c = slack.addChannel("inc-64");
            slack.failCall("chat.postMessage", 2, ScriptedResponse.json(500, "{\"ok\":false,\"error\":\"internal_error\"}"));

            PortException failed = catchThrowableOfType(PortException.class,
                    () -> chat.post(c, huge(), IdempotencyKey.first("INC-64:9:0")));
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.kind()).as("partly posted: the retry must look").isEqualTo(PortException.Kind.TIMEOUT);
            assertThat(partsOf(slack.messages(c), "INC-64:9:0")).containsExactly(1);

            MessageRef ref = chat.post(c, huge(), IdempotencyKey.again("INC-64:9:0"));

            List<ObjectNode> posted = slack.messages(c);
            int parts = posted.get(0).path("metadata").path("event_payload").path("parts").asInt();
            assertThat(parts).isGreaterThanOrEqualTo(3);
            assertThat(partsOf(posted, "INC-64:9:0")).containsExactlyElementsOf(IntStream.rangeClosed(1, parts).boxed().toList());
            assertThat(ref).isEqualTo(new MessageRef(c, posted.get(0).path("ts").asText()));
        }

    }

    @Nested
    @DisplayName("channels")
    final class Channels {


        @Test
        void aTimedOutCreateRetriedWithoutKnowingAdoptsTheChannelOnNameTaken() {
            slack.server.answerLate("POST", "/api/conversations.create", 1, LATE);
            catchThrowableOfType(PortException.class, () -> hasty.createChannel("inc-71", IdempotencyKey.first("INC-71:0:0")));
            slack.server.awaitReceived("POST", "/api/conversations.create", 1, WAIT);

            Channel again = chat.createChannel("inc-71", IdempotencyKey.first("INC-71:0:0"));

            assertThat(slack.channels()).hasSize(1).containsEntry(again.id(), "inc-71");
        }

        @Test
        void aRetryAdoptsTheVariantAnEarlierAttemptCreatedAmongManyChannels() {
            IntStream.range(0, 7).forEach(i -> slack.addChannel("other-" + i));
            slack.archive(slack.addChannel("inc-72", FakeSlack.BOT_USER));
            Channel first = chat.createChannel("inc-72", IdempotencyKey.first("INC-72:0:0"));
            assertThat(first.name()).isEqualTo("inc-72-2");

            Channel again = chat.createChannel("inc-72", IdempotencyKey.again("INC-72:0:0"));

            assertThat(again).isEqualTo(first);
            assertThat(slack.channels()).hasSize(9);
        }
    }
}
