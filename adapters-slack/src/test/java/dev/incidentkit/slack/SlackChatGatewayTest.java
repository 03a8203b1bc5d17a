package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatGateway.Channel;
import dev.incidentkit.spi.ChatGateway.MessageRef;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.ChatMessage.Button;
import dev.incidentkit.spi.ChatMessage.Kind;
import dev.incidentkit.spi.PortException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class SlackChatGatewayTest {
    private final FakeSlack slack = new FakeSlack();
    private final SlackChatGateway chat = SlackChatGateway.builder(slack.config())
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
            .postRate(Duration.ZERO, 1)
            .build();
    private static final PersonRef ALICE = new PersonRef("U0ALICE", "Alice");
    private static final PersonRef BOB = new PersonRef("U0BOB", "Bob");

    @AfterEach
    void checkEveryCallAndStop() {
        try {
            SlackSpec.checkAll(slack.server.requests());
        } finally {
            chat.close();
            slack.close();
        }
    }

    private static ChatMessage kickoff() {
        return new ChatMessage(Kind.KICKOFF, "INC-42 · SEV1 · Checkout is failing",
                "IMOC: <@U0ALICE>\n- [ ] Assign a communications lead\n- [x] Open the channel\nDashboards: <https://grafana.example/d/1|checkout>",
                List.of(new Button("Acknowledge", "ack"), new Button("Snooze 15m", "remind me in 15m")), false);
    }

    @Nested
    @DisplayName("channels")
    final class Channels {

        @Test
        void aValidNameIsDerivedFromIdAndTitle() {
            Channel c = chat.createChannel("INC-42 Checkout is FAILING — payments (EU)!", IdempotencyKey.first("k1"));
            assertThat(c.name()).isEqualTo("inc-42-checkout-is-failing-payments-eu");
            assertThat(slack.channels()).containsEntry(c.id(), c.name());
            RecordedRequest r = slack.server.requests("POST", "/api/conversations.create").get(0);
            assertThat(r.json().path("name").asText()).isEqualTo(c.name());
            assertThat(r.json().path("is_private").asBoolean(true)).isFalse();
        }

        @Test
        void aPrivateChannelIsCreatedWithIsPrivateAndOnlyWhenSlackSaysItCan() {
            assertThat(chat.capabilities()).contains(ChatGateway.Capability.PRIVATE_CHANNELS);
            Channel c = chat.createChannel("INC-43 Leaked key", ChatGateway.Visibility.PRIVATE, IdempotencyKey.first("p1"));
            assertThat(c.name()).isEqualTo("inc-43-leaked-key");
            assertThat(slack.isPrivate(c.id())).isTrue();
            RecordedRequest r = slack.server.requests("POST", "/api/conversations.create").get(0);
            assertThat(r.json().path("is_private").asBoolean(false)).isTrue();
        }

        @Test
        void aRepeatedPrivateCreateFindsTheChannelAnEarlierAttemptMadeAmongThePrivateOnes() {
            Channel first = chat.createChannel("inc-44", ChatGateway.Visibility.PRIVATE, IdempotencyKey.first("INC-44:1:0"));
            Channel again = chat.createChannel("inc-44", ChatGateway.Visibility.PRIVATE, IdempotencyKey.again("INC-44:1:0"));
            assertThat(again).isEqualTo(first);
            assertThat(slack.server.requests("POST", "/api/conversations.create")).as("found, not created again").hasSize(1);
            RecordedRequest list = slack.server.requests("GET", "/api/conversations.list").get(0);
            assertThat(list.query().get("types")).isEqualTo("public_channel,private_channel");
        }

        @Test
        void aNameTakenByAPersonsChannelOrAnArchivedOneGetsASuffixedVariant() {
            slack.addChannel("inc-7-db");
            slack.archive(slack.addChannel("inc-7-db-2", FakeSlack.BOT_USER));
            Channel c = chat.createChannel("inc-7-db", IdempotencyKey.first("k2"));
            assertThat(c.name()).isEqualTo("inc-7-db-3");
            assertThat(slack.channels()).hasSize(3).containsEntry(c.id(), "inc-7-db-3");
            assertThat(slack.server.requests("POST", "/api/conversations.create")).hasSize(3);
        }

        @Test
        void aNameTakenByAnActiveChannelThisBotCreatedIsAdopted() {
            String ours = slack.addChannel("inc-8", FakeSlack.BOT_USER);
            Channel c = chat.createChannel("inc-8", IdempotencyKey.first("k8"));
            assertThat(c).isEqualTo(new Channel(ours, "inc-8"));
            assertThat(slack.channels()).hasSize(1);
        }

        @Test
        void archiveArchivesOnceAndAnArchivedChannelIsNoError() {
            assertThat(chat.capabilities()).contains(dev.incidentkit.spi.ChatGateway.Capability.ARCHIVE);
            String id = slack.addChannel("inc-9-db");
            chat.archive(id);
            assertThat(slack.isArchived(id)).isTrue();
            chat.archive(id); // Slack answers already_archived: the channel is archived, as asked
            assertThat(slack.server.requests("POST", "/api/conversations.archive")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.json().path("channel").asText()).isEqualTo(id));
            PortException e = catchThrowableOfType(() -> chat.archive("C404"), PortException.class);
            assertThat(e.vendorCode()).isEqualTo("channel_not_found");
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void inviteToleratesPeopleAlreadyIn() {
            String c = slack.addChannel("inc-9");
            chat.invite(c, List.of(ALICE));
            chat.invite(c, List.of(ALICE, BOB, BOB));
            assertThat(slack.members(c)).containsExactlyInAnyOrder("U0ALICE", "U0BOB");
            RecordedRequest first = slack.server.requests("POST", "/api/conversations.invite").get(0);
            assertThat(first.json().path("users").asText()).isEqualTo("U0ALICE");
        }

        @Test
        void topicIsOneLineAndTruncatedTo250() {
            String c = slack.addChannel("inc-10");
            chat.setTopic(c, "SEV1 · investigating\nIMOC: Alice " + "x".repeat(400));
            assertThat(slack.topic(c)).hasSize(250).startsWith("SEV1 · investigating · IMOC: Alice").endsWith("…");
        }

        @Test
        void bookmarksAreLinks() {
            String c = slack.addChannel("inc-11");
            chat.bookmark(c, "Status page incident", "https://status.example.com/incidents/abc");
            JsonNode b = slack.bookmarks(c).get(0);
            assertThat(b.path("channel_id").asText()).isEqualTo(c);
            assertThat(b.path("type").asText()).isEqualTo("link");
            assertThat(b.path("link").asText()).isEqualTo("https://status.example.com/incidents/abc");
        }
    }

    @Nested
    @DisplayName("messages")
    final class Messages {

        @Test
        void kickoffIsBlockKitWithFallbackTextAndCommandButtons() {
            String c = slack.addChannel("inc-42");
            MessageRef ref = chat.post(c, kickoff(), IdempotencyKey.first("post-1"));
            ObjectNode m = slack.messages(c).get(0);
            assertThat(ref).isEqualTo(new MessageRef(c, m.path("ts").asText()));
            assertThat(m.path("text").asText()).contains("INC-42 · SEV1 · Checkout is failing").contains("Assign a communications lead");
            JsonNode blocks = m.path("blocks");
            assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
            assertThat(blocks.toString()).contains("☐ Assign a communications lead").contains("☑ Open the channel")
                    .as("links shown with their target, references by name, never as Slack controls")
                    .contains("checkout (https://grafana.example/d/1)").contains("@U0ALICE").doesNotContain("<@U0ALICE>");
            JsonNode actions = blocks.get(blocks.size() - 1);
            assertThat(actions.path("type").asText()).isEqualTo("actions");
            assertThat(actions.path("elements").get(0).path("value").asText()).isEqualTo("ack");
            assertThat(actions.path("elements").get(1).path("value").asText()).isEqualTo("remind me in 15m");
            assertThat(actions.path("elements").get(1).path("text").path("text").asText()).isEqualTo("Snooze 15m");
        }

        @Test
        void everyPostCarriesItsKeyAsMessageMetadata() {
            String c = slack.addChannel("inc-43");
            MessageRef ref = chat.post(c, ChatMessage.reply("hello"), IdempotencyKey.first("INC-43:3:1"));
            JsonNode metadata = slack.messages(c).get(0).path("metadata");
            assertThat(slack.messages(c).get(0).path("ts").asText()).isEqualTo(ref.id());
            assertThat(metadata.path("event_type").asText()).isEqualTo("incidentkit_effect");
            assertThat(metadata.path("event_payload").path("key").asText()).isEqualTo("INC-43:3:1");
            assertThat(metadata.path("event_payload").path("part").asInt()).isEqualTo(1);
            assertThat(metadata.path("event_payload").path("parts").asInt()).isEqualTo(1);
            assertThat(slack.server.requests("GET", "/api/conversations.history")).as("a first attempt does not look").isEmpty();
        }

        @Test
        void aHugeMessageIsSplitNeverRefused() {
            String c = slack.addChannel("inc-44");
            String huge = IntStream.range(0, 3000).mapToObj(i -> "line " + i + " of the timeline export").reduce((a, b) -> a + "\n" + b).orElseThrow();
            List<Button> buttons = IntStream.range(0, 30).mapToObj(i -> new Button("Button " + i + " " + "y".repeat(90), "note " + i)).toList();
            chat.post(c, new ChatMessage(Kind.REPORT_SUMMARY, "INC-44 report", huge, buttons, false), IdempotencyKey.first("big"));
            List<ObjectNode> posted = slack.messages(c);
            assertThat(posted.size()).isGreaterThan(1);
            for (ObjectNode m : posted) {
                assertThat(BlockKitTest.limitViolations(m.path("text").asText(), m.path("blocks"))).isEmpty();
            }
            assertThat(posted.get(posted.size() - 1).path("blocks").toString()).contains("\"value\":\"note 29\"");
        }

        @Test
        void updateReplacesContentAndTruncatesToOneMessage() {
            String c = slack.addChannel("inc-45");
            MessageRef ref = chat.post(c, kickoff(), IdempotencyKey.first("k"));
            chat.update(ref, new ChatMessage(Kind.STATUS_CHANGE, "INC-45 resolved", "z".repeat(50_000), List.of(), true));
            ObjectNode m = slack.messages(c).get(0);
            assertThat(slack.messages(c)).hasSize(1);
            assertThat(m.path("text").asText()).startsWith("[DRILL] INC-45 resolved").contains("truncated");
            assertThat(BlockKitTest.limitViolations(m.path("text").asText(), m.path("blocks"))).isEmpty();
            assertThat(m.path("blocks").toString()).contains("Drill");
        }

        @Test
        void pinIsIdempotent() {
            String c = slack.addChannel("inc-46");
            MessageRef ref = chat.post(c, kickoff(), IdempotencyKey.first("k"));
            chat.pin(ref);
            chat.pin(ref);
            assertThat(slack.pinned(c)).containsExactly(ref.id());
        }

        @Test
        void ephemeralGoesToOnePerson() {
            String c = slack.addChannel("inc-47");
            chat.postEphemeral(c, ALICE, ChatMessage.reply("Only you can see this"));
            JsonNode e = slack.ephemerals().get(0);
            assertThat(e.path("user").asText()).isEqualTo("U0ALICE");
            assertThat(e.path("text").asText()).isEqualTo("Only you can see this");
        }
    }

    @Nested
    @DisplayName("failures")
    final class Failures {

        @Test
        void unknownChannelIsNotFoundAndNotRetried() {
            PortException e = catchThrowableOfType(PortException.class, () -> chat.post("C404", ChatMessage.reply("x"), IdempotencyKey.first("k")));
            assertThat(e.kind()).isEqualTo(PortException.Kind.NOT_FOUND);
            assertThat(e.vendorCode()).isEqualTo("channel_not_found");
            assertThat(e.retryable()).isFalse();
            assertThat(e.port()).isEqualTo("slack chat.postMessage");
            assertThat(slack.server.requests("POST", "/api/chat.postMessage")).hasSize(1);
        }

        @Test
        void aWrongTokenIsUnauthorizedAndNeverShown() {
            SlackConfig wrong = SlackConfig.builder().botToken(Secret.of("xoxb-wrong-token-5521"))
                    .signingSecret(Secret.of("s")).apiUrl(slack.server.uri("/api")).build();
            try (SlackChatGateway bad = SlackChatGateway.builder(wrong).build()) {
                String c = slack.addChannel("inc-48");
                PortException e = catchThrowableOfType(PortException.class, () -> bad.setTopic(c, "x"));
                assertThat(e.kind()).isEqualTo(PortException.Kind.UNAUTHORIZED);
                assertThat(e.vendorCode()).isEqualTo("invalid_auth");
                assertThat(e.getMessage()).doesNotContain("xoxb-wrong-token-5521");
            }
            slack.server.clearRequests(); // the wrong token's request is not ours to check
        }

        @Test
        void transientSlackErrorsAreRetriedOnIdempotentCalls() {
            String c = slack.addChannel("inc-49");
            slack.server.enqueue("POST", "/api/conversations.setTopic",
                    ScriptedResponse.ok("{\"ok\":false,\"error\":\"internal_error\"}"), ScriptedResponse.status(503));
            chat.setTopic(c, "SEV2");
            assertThat(slack.topic(c)).isEqualTo("SEV2");
            assertThat(slack.server.requests("POST", "/api/conversations.setTopic")).hasSize(3);
        }
    }

    @Nested
    @DisplayName("directory")
    final class Directory {

        /** What a Slack user becomes; finding, not finding and failing are SlackDirectoryContractTest's. */
        @Test
        void findsPeopleByEmailAndBySlackId() {
            slack.addUser("W012A3CDE", "spengler", "spengler@ghostbusters.example.com", "America/Los_Angeles");
            SlackDirectory people = chat.directory();
            Person p = people.findByEmail("Spengler@ghostbusters.example.com").orElseThrow();
            assertThat(p.id()).isEqualTo("W012A3CDE");
            assertThat(p.displayName()).isEqualTo("spengler");
            assertThat(p.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(p.handle("slack")).contains("W012A3CDE");
            assertThat(p.handle("email")).contains("spengler@ghostbusters.example.com");
            assertThat(people.find(new PersonRef("W012A3CDE", "x"))).contains(p);
            assertThat(slack.server.requests("GET", "/api/users.lookupByEmail").get(0).query())
                    .containsEntry("email", "Spengler@ghostbusters.example.com");
        }
    }
}
