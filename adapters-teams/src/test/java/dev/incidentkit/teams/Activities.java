package dev.incidentkit.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.InboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Bot Framework activities as Teams sends them (api-notes-teams §3), signed with the fake's key. */
final class Activities {
    static final String CHANNEL = "19:general0000000000000000000000@thread.tacv2";
    static final String ALICE_AAD = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    static final String ALICE_TEAMS = "29:1alice-teams-user-id";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(1_733_100_000_000L);

    private final FakeTeams teams;
    private final Clock clock;
    private final BotFrameworkSigner.Key key;

    Activities(FakeTeams teams, Clock clock) {
        this.teams = teams;
        this.clock = clock;
        this.key = teams.signer.addKey("key-inbound", List.of("msteams"));
    }

    /** A new top-level message in a channel from Alice; its conversation is the new thread. */
    ObjectNode message(String channel, String text) {
        String id = Long.toString(IDS.incrementAndGet());
        ObjectNode a = base("message", id, channel + ";messageid=" + id, channel);
        a.put("text", text).put("textFormat", "plain");
        return a;
    }

    /** A message that mentions the bot first: {@code <at>incidentkit</at> <text>}. */
    ObjectNode command(String channel, String text) {
        ObjectNode a = message(channel, "<at>incidentkit</at> " + text);
        mention(a, FakeTeams.BOT, "incidentkit");
        return a;
    }

    static void mention(ObjectNode activity, String id, String name) {
        ObjectNode e = activity.withArray("entities").addObject().put("type", "mention").put("text", "<at>" + name + "</at>");
        e.putObject("mentioned").put("id", id).put("name", name);
    }

    ObjectNode invoke(String name, String channel, ObjectNode value) {
        String id = Long.toString(IDS.incrementAndGet());
        ObjectNode a = base("invoke", id, channel + ";messageid=1733000000001", channel);
        a.put("name", name).set("value", value);
        return a;
    }

    private ObjectNode base(String type, String id, String conversation, String channel) {
        ObjectNode a = JSON.createObjectNode().put("type", type).put("id", id).put("timestamp", clock.instant().toString())
                .put("serviceUrl", teams.serviceUrl().toString()).put("channelId", "msteams");
        a.putObject("from").put("id", ALICE_TEAMS).put("name", "Alice Liddell").put("aadObjectId", ALICE_AAD);
        a.putObject("conversation").put("id", conversation).put("conversationType", "channel").put("isGroup", true)
                .put("tenantId", FakeTeams.TENANT);
        a.putObject("recipient").put("id", FakeTeams.BOT).put("name", "incidentkit");
        ObjectNode data = a.putObject("channelData");
        data.putObject("tenant").put("id", FakeTeams.TENANT);
        data.putObject("team").put("id", "19:team0000000000000000000000000@thread.tacv2");
        data.putObject("channel").put("id", channel);
        return a;
    }

    /** The activity as a request signed for this app and its service URL. */
    InboundRequest signed(ObjectNode activity) {
        String token = BotFrameworkSigner.sign(key, BotFrameworkSigner.claims(FakeTeams.APP_ID,
                activity.path("serviceUrl").asText(), clock.instant()));
        return request(activity, Map.of("Authorization", List.of("Bearer " + token),
                "Content-Type", List.of("application/json")));
    }

    static InboundRequest request(ObjectNode activity, Map<String, List<String>> headers) {
        return new InboundRequest("POST", "/api/messages", headers, activity.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Replies to this activity land in the fake. */
    void acceptReplies(ObjectNode activity) {
        teams.acceptReplies(activity.path("conversation").path("id").asText(), activity.path("id").asText());
    }
}
