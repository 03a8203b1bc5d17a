package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatGateway.Capability;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.teams.internal.Cards;
import dev.incidentkit.testkit.TestClock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TeamsChatGateway} against a fake Bot Connector and Graph, requests checked against the descriptions. */
final class TeamsChatGatewayTest {
    private static final String ALICE = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final TeamsChatGateway chat = TeamsChatGateway.builder(teams.config()).clock(clock)
            .retryPolicy(RetryPolicy.none()).build();

    @AfterEach
    void stop() {
        try {
            FakeTeams.checkAll(teams.server.requests());
        } finally {
            chat.close();
            teams.close();
        }
    }

    private static ChatMessage kickoff(String text) {
        return new ChatMessage(ChatMessage.Kind.KICKOFF, "INC-7 · SEV1 · Checkout is failing", text,
                List.of(new ChatMessage.Button("Acknowledge", "ack")), false);
    }

    private List<RecordedRequest> requests(String method, String pathPart) {
        return teams.server.requests().stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).toList();
    }

    @Test
    void declaresExactlyWhatTeamsCanDo() {
        assertThat(chat.capabilities()).isEqualTo(EnumSet.of(Capability.TOPIC, Capability.BOOKMARK, Capability.ARCHIVE));
        try (TeamsChatGateway targeted = TeamsChatGateway.builder(teams.config(true)).build()) {
            assertThat(targeted.capabilities()).contains(Capability.EPHEMERAL).doesNotContain(Capability.PIN,
                    Capability.PRIVATE_CHANNELS, Capability.REACTION_NOTES);
        }
    }

    @Test
    void createsAStandardChannelWithAValidNameAndItsKeyInTheDescription() {
        ChatGateway.Channel c = chat.createChannel("INC-7: Checkout/Payments are failing & \"down\" for everyone in EU?",
                IdempotencyKey.first("INC-7:1:1"));
        JsonNode created = teams.channels().get(0);
        assertThat(c.id()).isEqualTo(created.path("id").asText()).startsWith("19:").endsWith("@thread.tacv2");
        assertThat(c.name()).hasSizeLessThanOrEqualTo(50).doesNotContainAnyWhitespaces()
                .doesNotContain("#", "%", "&", "*", "/", ":", "?", "\"").startsWith("inc-7-checkout-payments");
        RecordedRequest post = requests("POST", "/channels").get(0);
        assertThat(post.json().path("membershipType").asText()).isEqualTo("standard");
        assertThat(post.json().path("description").asText()).contains("incidentkit key INC-7:1:1");
        assertThat(post.header("Authorization").orElseThrow()).startsWith("Bearer graph-token-");
    }

    @Test
    void aNameTakenBySomeoneElseGetsTheNextVariant() {
        teams.addChannel("inc-8-db-down", "the team's own channel");
        ChatGateway.Channel c = chat.createChannel("inc-8-db-down", IdempotencyKey.first("INC-8:1:1"));
        assertThat(c.name()).isEqualTo("inc-8-db-down-2");
        assertThat(teams.channels()).hasSize(2);
    }

    @Test
    void aRepeatedCreateAfterATimeoutAdoptsTheChannelTheFirstAttemptMade() {
        teams.server.answerLate("POST", "/v1.0/teams/" + FakeTeams.TEAM + "/channels", 1, Duration.ofSeconds(5));
        assertThatThrownBy(() -> chat.createChannel("inc-9-queue", IdempotencyKey.first("INC-9:1:1")))
                .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.kind()).isEqualTo(PortException.Kind.TIMEOUT));
        assertThat(teams.channels()).hasSize(1); // Graph acted

        ChatGateway.Channel again = chat.createChannel("inc-9-queue", IdempotencyKey.again("INC-9:1:1"));
        assertThat(teams.channels()).as("no second channel").hasSize(1);
        assertThat(again.id()).isEqualTo(teams.channels().get(0).path("id").asText());
    }

    @Test
    void invitesByAddingPeopleToTheTeamAndSkipsIdsThatAreNotEntraIds() {
        String channel = chat.createChannel("inc-10", IdempotencyKey.first("k")).id();
        chat.invite(channel, List.of(new PersonRef(ALICE, "Alice"), PersonRef.of("bob"),
                new PersonRef("carol@contoso.com", "Carol"), new PersonRef(ALICE, "Alice")));
        assertThat(teams.teamMembers()).containsExactly(ALICE, "carol@contoso.com");
        assertThat(requests("POST", "/members").get(0).json().path("user@odata.bind").asText())
                .isEqualTo(teams.server.baseUri() + "/v1.0/users('" + ALICE + "')");
    }

    @Test
    void theTopicBecomesTheChannelDescription() {
        String channel = chat.createChannel("inc-11", IdempotencyKey.first("k")).id();
        chat.setTopic(channel, "SEV1 · investigating\nIMOC: <@" + ALICE + "|Alice> " + "x".repeat(2000));
        String description = teams.channels().get(0).path("description").asText();
        assertThat(description).startsWith("SEV1 · investigating · IMOC: @Alice").hasSize(1024);
    }

    @Test
    void postsAnAdaptiveCardWithFallbackButtonsMentionsAndItsMarker() {
        String channel = chat.createChannel("inc-12", IdempotencyKey.first("k")).id();
        ChatGateway.MessageRef ref = chat.post(channel, kickoff("*IMOC: <@" + ALICE + "|Alice Liddell>*\nSee <https://status.example.com/x|the status page>"),
                IdempotencyKey.first("INC-12:2:3"));
        assertThat(ref.channelId()).isEqualTo(channel);
        JsonNode activity = teams.messages(channel).get(0);
        JsonNode card = FakeTeams.card(activity);
        assertThat(activity.path("attachments").path(0).path("contentType").asText()).isEqualTo(Cards.ADAPTIVE);
        assertThat(activity.has("text")).as("no text beside the card: Teams would split them").isFalse();
        assertThat(activity.path("summary").asText()).contains("INC-7 · SEV1");
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        assertThat(card.path("fallbackText").asText()).contains("IMOC: @Alice Liddell").contains("the status page (https://status.example.com/x)");
        assertThat(FakeTeams.cardText(activity)).contains("**IMOC: <at>Alice Liddell</at>**")
                .contains("[the status page](https://status.example.com/x)").doesNotContain("INC-12:2:3");
        assertThat(card.path("msteams").path("entities").path(0).path("mentioned").path("id").asText()).isEqualTo(ALICE);
        assertThat(card.path("actions").path(0).path("type").asText()).isEqualTo("Action.Execute");
        assertThat(card.path("actions").path(0).path("data").path("command").asText()).isEqualTo("ack");
        assertThat(Cards.marker(card)).contains("INC-12:2:3");
        assertThat(requests("POST", "/v3/conversations").get(0).header("Authorization").orElseThrow())
                .startsWith("Bearer connector-token-");
    }

    @Test
    void aRepeatedPostAfterATimeoutFindsTheFirstAttemptsMessage() {
        String channel = chat.createChannel("inc-13", IdempotencyKey.first("k")).id();
        chat.post(channel, kickoff("other"), IdempotencyKey.first("INC-13:1:1"));
        teams.server.answerLate("POST", "/v3/conversations", 1, Duration.ofSeconds(5));
        assertThatThrownBy(() -> chat.post(channel, kickoff("first"), IdempotencyKey.first("INC-13:2:1")))
                .isInstanceOf(PortException.class);
        assertThat(teams.messages(channel)).hasSize(2); // the Connector acted

        ChatGateway.MessageRef again = chat.post(channel, kickoff("first"), IdempotencyKey.again("INC-13:2:1"));
        assertThat(teams.messages(channel)).as("not posted twice").hasSize(2);
        assertThat(Cards.marker(FakeTeams.card(teams.messages(channel).get(1)))).contains("INC-13:2:1");
        chat.update(again, kickoff("edited"));
        assertThat(FakeTeams.cardText(teams.messages(channel).get(1))).contains("edited");

        chat.post(channel, kickoff("new"), IdempotencyKey.again("INC-13:3:1")); // may exist, but does not
        assertThat(teams.messages(channel)).hasSize(3);
    }

    @Test
    void updateReplacesTheCardInItsThread() {
        String channel = chat.createChannel("inc-14", IdempotencyKey.first("k")).id();
        ChatGateway.MessageRef ref = chat.post(channel, kickoff("before"), IdempotencyKey.first("a"));
        chat.update(ref, kickoff("after"));
        assertThat(teams.updates(channel, ref.id())).isEqualTo(1);
        assertThat(FakeTeams.cardText(teams.messages(channel).get(0))).contains("after").doesNotContain("before");
        assertThat(requests("PUT", "/activities/").get(0).path())
                .isEqualTo("/v3/conversations/" + channel + ";messageid=" + ref.id() + "/activities/" + ref.id());
    }

    @Test
    void aMessageTooLargeForTeamsIsTruncatedNotRefused() {
        String channel = chat.createChannel("inc-15", IdempotencyKey.first("k")).id();
        chat.post(channel, kickoff("line of the timeline\n".repeat(6000)), IdempotencyKey.first("big"));
        RecordedRequest post = requests("POST", "/v3/conversations").get(0);
        assertThat(post.json().path("activity").toString().length() * 2).isLessThanOrEqualTo(Cards.MAX_ACTIVITY_BYTES);
        assertThat(FakeTeams.cardText(teams.messages(channel).get(0))).contains("truncated");
    }

    @Test
    void manyButtonsBecomeSixAndTheRestAreListedAsCommands() {
        String channel = chat.createChannel("inc-23", IdempotencyKey.first("k")).id();
        List<ChatMessage.Button> buttons = java.util.stream.IntStream.range(0, 9)
                .mapToObj(i -> new ChatMessage.Button("Button " + i + " " + "y".repeat(100), "note " + i)).toList();
        chat.post(channel, new ChatMessage(ChatMessage.Kind.REPLY, "", "choose", buttons, false), IdempotencyKey.first("b"));
        JsonNode card = FakeTeams.card(teams.messages(channel).get(0));
        assertThat(card.path("actions")).hasSize(6);
        assertThat(card.path("actions").path(0).path("title").asText()).hasSizeLessThanOrEqualTo(60);
        assertThat(FakeTeams.cardText(teams.messages(channel).get(0))).contains("Also: `note 6`, `note 7`, `note 8`");
    }

    @Test
    void bookmarksAreWebsiteTabsAndArchiveArchives() {
        String channel = chat.createChannel("inc-16", IdempotencyKey.first("k")).id();
        chat.bookmark(channel, "Status page", "https://status.example.com/incidents/abc");
        JsonNode tab = teams.tabs(channel).get(0);
        assertThat(tab.path("teamsApp@odata.bind").asText()).endsWith("/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web");
        assertThat(tab.path("configuration").path("websiteUrl").asText()).isEqualTo("https://status.example.com/incidents/abc");
        chat.archive(channel);
        assertThat(teams.archived()).containsExactly(channel);
    }

    @Test
    void pinAndEphemeralRefuseWhenTeamsCannot() {
        String channel = chat.createChannel("inc-17", IdempotencyKey.first("k")).id();
        assertThatThrownBy(() -> chat.pin(new ChatGateway.MessageRef(channel, "1")))
                .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.vendorCode()).isEqualTo("unsupported"));
        assertThatThrownBy(() -> chat.postEphemeral(channel, new PersonRef(ALICE, "Alice"), ChatMessage.reply("hi")))
                .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.kind()).isEqualTo(PortException.Kind.INVALID));
    }

    @Test
    void targetedMessagesGoToTheUsersTeamsId() {
        try (TeamsChatGateway targeted = TeamsChatGateway.builder(teams.config(true)).retryPolicy(RetryPolicy.none()).build()) {
            String channel = targeted.createChannel("inc-18", IdempotencyKey.first("k")).id();
            teams.addMember(channel, ALICE, "29:alice-teams-id", ALICE, "Alice");
            teams.acceptTargeted(channel);
            targeted.postEphemeral(channel, new PersonRef(ALICE, "Alice"), ChatMessage.reply("only you"));
            assertThat(teams.replies()).singleElement()
                    .satisfies(a -> assertThat(a.path("recipient").path("id").asText()).isEqualTo("29:alice-teams-id"));
            assertThat(requests("POST", "/activities").get(0).query()).containsEntry("isTargetedActivity", "true");
        }
    }

    @Test
    void graphThrottlingIsRateLimitedWithItsRetryAfter() {
        teams.server.enqueue("POST", "/v1.0/teams/" + FakeTeams.TEAM + "/channels",
                ScriptedResponse.tooManyRequests(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> chat.createChannel("inc-19", IdempotencyKey.first("k")))
                .isInstanceOfSatisfying(PortException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PortException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
        assertThat(teams.channels()).isEmpty();
    }

    @Test
    void aThrottledCallIsRetriedAfterTheWaitAsked() {
        try (TeamsChatGateway retrying = TeamsChatGateway.builder(teams.config()).clock(clock)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2)).build()) {
            teams.server.enqueue("POST", "/v1.0/teams/" + FakeTeams.TEAM + "/channels",
                    ScriptedResponse.tooManyRequests(Duration.ofMillis(1)));
            retrying.createChannel("inc-20", IdempotencyKey.first("k"));
            assertThat(teams.channels()).hasSize(1);
        }
    }

    @Test
    void tokensAreCachedAndFetchedAgainBeforeTheyExpire() {
        teams.tokensExpireIn(3600);
        String channel = chat.createChannel("inc-21", IdempotencyKey.first("k")).id();
        chat.setTopic(channel, "one");
        chat.setTopic(channel, "two");
        assertThat(teams.tokensIssued("graph")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(54));
        chat.setTopic(channel, "three");
        assertThat(teams.tokensIssued("graph")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2)); // 56 minutes: within five minutes of expiry
        chat.setTopic(channel, "four");
        assertThat(teams.tokensIssued("graph")).isEqualTo(2);
        assertThat(teams.tokensIssued("botframework")).isZero();
    }

    @Test
    void aWrongPasswordIsUnauthorizedAndNamesWhatToCheckWithoutTheSecret() {
        TeamsConfig wrong = TeamsConfig.builder().appId(FakeTeams.APP_ID).appPassword(dev.incidentkit.adapters.Secret.of("not-it-8841"))
                .tenantId(FakeTeams.TENANT).teamId(FakeTeams.TEAM).loginUrl(teams.server.baseUri())
                .graphUrl(java.net.URI.create(teams.server.baseUri() + "/v1.0")).build();
        try (TeamsChatGateway bad = TeamsChatGateway.builder(wrong).retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(() -> bad.createChannel("inc-22", IdempotencyKey.first("k")))
                    .isInstanceOfSatisfying(PortException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PortException.Kind.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("TEAMS_APP_PASSWORD").doesNotContain("not-it-8841");
                    });
        }
        assertThat(wrong.toString()).doesNotContain("not-it-8841");
    }
}
