package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.util.concurrent.MoreExecutors;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A signed Teams message declares an incident through the real adapter and the real IncidentKit. */
final class TeamsEndToEndTest {
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final Activities activities = new Activities(teams, clock);
    private final TeamsChatGateway chat = TeamsChatGateway.builder(teams.config()).clock(clock)
            .retryPolicy(RetryPolicy.none()).build();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat)
            .directory(chat.directory()).deliveryExecutor(Runnable::run).tickEvery(java.time.Duration.ZERO).build();
    private final TeamsInbound inbound = TeamsInbound.builder(teams.config(), kit, store).clock(clock).chat(chat)
            .executor(MoreExecutors.newDirectExecutorService()).build();

    @AfterEach
    void stop() {
        try {
            FakeTeams.checkAll(teams.server.requests());
        } finally {
            inbound.close();
            kit.close();
            chat.close();
            teams.close();
        }
    }

    @Test
    void aSignedMentionDeclaresAnIncidentOpensItsChannelAndPostsTheKickOff() {
        teams.addUser(Activities.ALICE_AAD, "Alice Liddell", "alice@contoso.com", "alice@contoso.com");
        var declare = activities.command(Activities.CHANNEL, "declare sev1 Checkout is failing");
        activities.acceptReplies(declare);
        InboundResponse r = inbound.handle(activities.signed(declare));
        assertThat(r.status()).isEqualTo(200);

        JsonNode channel = teams.channelNamed("inc-1-checkout-is-failing").orElseThrow();
        String channelId = channel.path("id").asText();
        assertThat(channel.path("membershipType").asText()).isEqualTo("standard");
        assertThat(channel.path("description").asText()).as("the topic, as description").contains("SEV1").contains("investigating");
        assertThat(teams.teamMembers()).contains(Activities.ALICE_AAD);

        List<JsonNode> posts = teams.messages(channelId);
        assertThat(posts).isNotEmpty();
        JsonNode kickOff = posts.get(0);
        assertThat(FakeTeams.cardText(kickOff)).contains("INC-1 · SEV1 · Checkout is failing").contains("IMOC checklist")
                .contains("cannot pin messages");
        assertThat(FakeTeams.card(kickOff).path("actions").path(0).path("data").path("command").asText()).isEqualTo("ack");
        assertThat(teams.server.requests().stream().noneMatch(q -> q.path().contains("pinnedMessages"))).isTrue();

        assertThat(teams.replies()).singleElement().satisfies(reply -> assertThat(reply.path("text").asText())
                .contains("INC-1"));
        assertThat(kit.incidentOf(channelId)).contains(IncidentId.of(1));
        assertThat(kit.incident(IncidentId.of(1)).orElseThrow().imoc().orElseThrow().id()).isEqualTo(Activities.ALICE_AAD);

        // a button on the kick-off, pressed in the incident's channel
        var value = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        var action = value.putObject("action").put("type", "Action.Execute").put("verb", "incidentkit.command");
        action.putObject("data").put("command", "note rolled back deploy 1234");
        var press = activities.invoke("adaptiveCard/action", channelId, value);
        activities.acceptReplies(press);
        InboundResponse pressed = inbound.handle(activities.signed(press));
        assertThat(pressed.bodyText()).contains("rolled back deploy 1234");
    }
}
