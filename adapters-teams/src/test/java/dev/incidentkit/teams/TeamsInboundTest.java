package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.util.concurrent.MoreExecutors;
import dev.incidentkit.ChatRequest;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.webhook.InboundGate;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.teams.internal.Cards;
import dev.incidentkit.testkit.TestClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TeamsInbound}: the JWT gate first, then mention commands, buttons, the dialog and the message action. */
final class TeamsInboundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final Activities activities = new Activities(teams, clock);
    private final List<ChatRequest> handled = new CopyOnWriteArrayList<>();
    private Function<ChatRequest, Reply> answer = r -> Reply.toChannel("ok: " + r.text());
    private final TeamsChatGateway chat = TeamsChatGateway.builder(teams.config()).clock(clock)
            .retryPolicy(RetryPolicy.none()).build();
    private final TeamsInbound inbound = TeamsInbound.builder(teams.config(), r -> {
        handled.add(r);
        return answer.apply(r);
    }, new InMemoryIncidentStore()).clock(clock).chat(chat).executor(MoreExecutors.newDirectExecutorService()).build();

    @AfterEach
    void stop() {
        try {
            FakeTeams.checkAll(teams.server.requests());
        } finally {
            inbound.close();
            chat.close();
            teams.close();
        }
    }

    private InboundResponse send(ObjectNode activity) {
        activities.acceptReplies(activity);
        return inbound.handle(activities.signed(activity));
    }

    @Test
    void aMentionCommandRunsAsTheSenderWithTheBotsMentionRemoved() {
        ObjectNode a = activities.command(Activities.CHANNEL, "declare sev1 Checkout is failing");
        InboundResponse r = send(a);
        assertThat(r.status()).isEqualTo(200);
        assertThat(handled).singleElement().satisfies(h -> {
            assertThat(h.text()).isEqualTo("declare sev1 Checkout is failing");
            assertThat(h.actor().id()).isEqualTo(Activities.ALICE_AAD);
            assertThat(h.actor().name()).isEqualTo("Alice Liddell");
            assertThat(h.channelId()).isEqualTo(Activities.CHANNEL);
        });
        assertThat(teams.replies()).singleElement()
                .satisfies(reply -> assertThat(reply.path("text").asText()).isEqualTo("ok: declare sev1 Checkout is failing"));
    }

    @Test
    void otherMentionsBecomePeopleWithTheirEntraIds() {
        ObjectNode a = activities.command(Activities.CHANNEL, "assign comms <at>Bob Builder</at>");
        Activities.mention(a, "29:1bob-teams-id", "Bob Builder");
        teams.addMember(a.path("conversation").path("id").asText(), "29:1bob-teams-id", "29:1bob-teams-id",
                "1b0b0000-1111-4222-8333-444455556666", "Bob Builder");
        send(a);
        assertThat(handled).singleElement().satisfies(h -> assertThat(h.text())
                .isEqualTo("assign comms <@1b0b0000-1111-4222-8333-444455556666|Bob Builder>"));
    }

    @Test
    void aReplyForTheSenderMentionsThemInTheThread() {
        answer = r -> Reply.toSender("no such incident; type `list`");
        send(activities.command(Activities.CHANNEL, "ack"));
        JsonNode reply = teams.replies().get(0);
        assertThat(reply.path("text").asText()).isEqualTo("<at>Alice Liddell</at> no such incident; type `list`");
        assertThat(reply.path("entities").path(0).path("mentioned").path("id").asText()).isEqualTo(Activities.ALICE_TEAMS);
        assertThat(reply.path("replyToId").asText()).isNotEmpty();
    }

    @Test
    void unsignedForgedOrForeignRequestsNeverReachTheHandler() {
        // published before the first request: an unknown key id is looked up at most hourly
        BotFrameworkSigner.Key webchat = teams.signer.addKey("key-webchat-only", List.of("webchat"));
        ObjectNode a = activities.command(Activities.CHANNEL, "declare sev1 x");
        assertThat(inbound.handle(Activities.request(a, Map.of())).status()).isEqualTo(401);
        String token = BotFrameworkSigner.sign(BotFrameworkSigner.unpublished("key-x"),
                BotFrameworkSigner.claims(FakeTeams.APP_ID, teams.serviceUrl().toString(), clock.instant()));
        assertThat(inbound.handle(Activities.request(a, Map.of("Authorization", List.of("Bearer " + token)))).status())
                .isEqualTo(401);
        String unendorsed = BotFrameworkSigner.sign(webchat, BotFrameworkSigner.claims(FakeTeams.APP_ID,
                teams.serviceUrl().toString(), clock.instant()));
        assertThat(inbound.handle(Activities.request(a, Map.of("Authorization", List.of("Bearer " + unendorsed)))).status())
                .isEqualTo(403);

        ObjectNode foreign = activities.command(Activities.CHANNEL, "declare sev1 x");
        ((ObjectNode) foreign.path("channelData").path("tenant")).put("id", "00000000-0000-4000-8000-000000000000");
        assertThat(send(foreign).status()).isEqualTo(403);
        ObjectNode otherChannel = activities.command(Activities.CHANNEL, "declare sev1 x").put("channelId", "webchat");
        assertThat(send(otherChannel).status()).as("the key is endorsed for msteams only").isEqualTo(403);
        assertThat(inbound.handle(Activities.request(otherChannel, Map.of("Authorization", List.of("Bearer " + unendorsed))))
                .status()).as("endorsed for webchat, but not a Teams activity").isEqualTo(400);
        assertThat(handled).isEmpty();
    }

    @Test
    void aRedeliveredActivityIsActedOnOnce() {
        ObjectNode a = activities.command(Activities.CHANNEL, "declare sev2 Slow search");
        assertThat(send(a).status()).isEqualTo(200);
        InboundResponse again = inbound.handle(activities.signed(a));
        assertThat(again.bodyText()).isEqualTo(InboundGate.ALREADY_HANDLED);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aButtonIsAnInvokeAnsweredWithTheReply() throws Exception {
        ObjectNode value = JSON.createObjectNode();
        ObjectNode action = value.putObject("action").put("type", "Action.Execute").put("verb", Cards.VERB);
        action.putObject("data").put("command", "ack");
        value.put("trigger", "manual");
        InboundResponse r = send(activities.invoke("adaptiveCard/action", Activities.CHANNEL, value));
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.bodyText());
        assertThat(body.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(body.path("value").asText()).isEqualTo("ok: ack");
        assertThat(handled).singleElement().satisfies(h -> assertThat(h.actor().id()).isEqualTo(Activities.ALICE_AAD));

        action.put("verb", "somethingElse");
        JsonNode refused = JSON.readTree(send(activities.invoke("adaptiveCard/action", Activities.CHANNEL, value)).bodyText());
        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(handled).hasSize(1);
    }

    @Test
    void theClassicSubmitFallbackRunsTheSameCommand() {
        ObjectNode a = activities.message(Activities.CHANNEL, "");
        a.putObject("value").put("incidentkitCommand", "remind me in 15m");
        send(a);
        assertThat(handled).singleElement().satisfies(h -> assertThat(h.text()).isEqualTo("remind me in 15m"));
    }

    @Test
    void thePublicUpdateIsADialog() throws Exception {
        send(activities.command(Activities.CHANNEL, "update"));
        assertThat(handled).as("the form is offered, nothing runs yet").isEmpty();
        JsonNode offer = teams.replies().get(0);
        assertThat(FakeTeams.card(offer).path("actions").path(0).path("data").path("msteams").path("type").asText())
                .isEqualTo("task/fetch");

        ObjectNode fetch = JSON.createObjectNode();
        fetch.putObject("data").put("incidentkitForm", "status-update").put("channel", Activities.CHANNEL);
        JsonNode dialog = JSON.readTree(send(activities.invoke("task/fetch", Activities.CHANNEL, fetch)).bodyText());
        assertThat(dialog.path("task").path("type").asText()).isEqualTo("continue");
        assertThat(dialog.path("task").path("value").path("card").path("content").path("body").toString())
                .contains("Input.ChoiceSet").contains("\"id\":\"message\"");

        ObjectNode empty = JSON.createObjectNode();
        empty.putObject("data").put("status", "identified").put("message", " ").put("channel", Activities.CHANNEL);
        JsonNode again = JSON.readTree(send(activities.invoke("task/submit", Activities.CHANNEL, empty)).bodyText());
        assertThat(again.path("task").path("value").path("card").toString()).contains("say what customers should know");
        assertThat(handled).isEmpty();

        ObjectNode submit = JSON.createObjectNode();
        submit.putObject("data").put("status", "identified").put("message", "We found the cause.\nA fix is rolling out.")
                .put("channel", Activities.CHANNEL);
        InboundResponse closed = send(activities.invoke("task/submit", Activities.CHANNEL, submit));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.bodyText()).isEmpty();
        assertThat(handled).singleElement().satisfies(h -> assertThat(h.text())
                .isEqualTo("update identified: We found the cause. A fix is rolling out."));
    }

    @Test
    void theMessageActionTurnsAMessageIntoANote() throws Exception {
        ObjectNode value = JSON.createObjectNode().put("commandId", TeamsInbound.NOTE_COMMAND).put("commandContext", "message");
        ObjectNode payload = value.putObject("messagePayload").put("id", "1111111111");
        payload.putObject("body").put("contentType", "html").put("content", "<p>Rolled back deploy&nbsp;123 &amp; cleared cache</p>");
        JsonNode fetched = JSON.readTree(send(activities.invoke("composeExtension/fetchTask", Activities.CHANNEL, value)).bodyText());
        assertThat(fetched.path("task").path("value").path("card").path("content").path("body").path(1).path("value").asText())
                .isEqualTo("Rolled back deploy 123 & cleared cache");
        assertThat(handled).isEmpty();

        InboundResponse submitted = send(activities.invoke("composeExtension/submitAction", Activities.CHANNEL, value));
        assertThat(submitted.status()).isEqualTo(200);
        ObjectNode edited = value.deepCopy();
        edited.putObject("data").put("note", "rolled back 123");
        send(activities.invoke("composeExtension/submitAction", Activities.CHANNEL, edited));
        assertThat(handled).extracting(ChatRequest::text)
                .containsExactly("note Rolled back deploy 123 & cleared cache", "note rolled back 123");
        assertThat(handled.get(0).channelId()).isEqualTo(Activities.CHANNEL);
    }

    @Test
    void aReplyWithButtonsIsACardInTheThread() {
        answer = r -> Reply.toSender("Preview: identified", List.of(new ChatMessage.Button("Confirm", "update confirm")));
        send(activities.command(Activities.CHANNEL, "update identified: fixed"));
        JsonNode reply = teams.replies().get(0);
        assertThat(FakeTeams.card(reply).path("actions").path(0).path("data").path("command").asText())
                .isEqualTo("update confirm");
    }

    @Test
    void otherActivitiesAreAcknowledgedAndIgnored() {
        ObjectNode update = activities.message(Activities.CHANNEL, "").put("type", "conversationUpdate");
        ((ObjectNode) update.path("channelData")).put("eventType", "channelCreated");
        assertThat(send(update).status()).isEqualTo(200);
        assertThat(handled).isEmpty();
    }
}
