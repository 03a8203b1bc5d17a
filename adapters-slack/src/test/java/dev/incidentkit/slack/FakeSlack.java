package dev.incidentkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.testing.FakeVendorFaults;
import dev.incidentkit.adapters.testing.FakeVendorServer;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A stateful fake of the Slack Web API methods the adapter calls, on {@link FakeVendorServer}: channels,
 * members, topics, messages, pins, bookmarks, ephemerals, opened views and users. It answers like Slack
 * (HTTP 200 with {@code ok}, errors such as {@code name_taken}, {@code already_in_channel},
 * {@code invalid_auth} for a wrong bearer token) and lets tests observe the state.
 *
 * <p>Like Slack it never de-duplicates: every {@code conversations.create} of a free name makes a channel
 * (a name is taken while any channel, archived or not, has it), and every {@code chat.postMessage} makes a
 * message, kept with its {@code metadata} and returned by {@code conversations.history} (newest first,
 * paginated) only when asked with {@code include_all_metadata=true}. Message timestamps follow the clock
 * given, so a look-back window means what it means against Slack. {@code server.answerLate(…)} makes a
 * call act and then time out.
 *
 * <p>Public, and shipped in this module's test-jar, for adapters-slack-bolt's tests.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TOKEN = "xoxb-fake-7730-test-token";
    public static final String SIGNING_SECRET = "fake-signing-secret-91ac";
    /** The user id {@code auth.test} answers for the bot token: the creator of channels it creates. */
    public static final String BOT_USER = "U0INCIDENTBOT";
    /** The creator of channels set up with {@link #addChannel(String)}: a person, not the bot. */
    public static final String PERSON = "U0PERSON";
    private static final int PAGE_CAP = 3;

    public final FakeVendorServer server = FakeVendorServer.start();
    private final ObjectMapper json = new ObjectMapper();
    private final java.time.Clock clock;
    private final Map<String, String> channelNames = new LinkedHashMap<>();
    private final Map<String, String> creators = new LinkedHashMap<>();
    private final Set<String> archived = new LinkedHashSet<>();
    /** Channels created with {@code is_private}: listed only to their members, as Slack does. */
    private final Set<String> privateChannels = new LinkedHashSet<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();
    private final Map<String, String> topics = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> messages = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> threadReplies = new LinkedHashMap<>();
    private final Map<String, Set<String>> pins = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> bookmarks = new LinkedHashMap<>();
    private final List<JsonNode> ephemerals = new ArrayList<>();
    private final List<JsonNode> views = new ArrayList<>();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private long lastTs;
    private int nextChannel = 100;
    private final Map<String, Map.Entry<Integer, ScriptedResponse>> failures = new LinkedHashMap<>();
    private String limitedMethod = "";
    private int limitEvery = 1;
    private int limitedCount;
    private Duration limitRetryAfter = Duration.ZERO;

    public FakeSlack() {
        this(java.time.Clock.systemUTC());
    }

    /** A fake whose message timestamps follow {@code clock} (give the gateway the same clock). */
    public FakeSlack(java.time.Clock clock) {
        this.clock = clock;
        post("conversations.create", this::create);
        post("conversations.invite", this::invite);
        post("conversations.setTopic", this::setTopic);
        post("conversations.archive", this::archiveCall);
        post("chat.postMessage", this::postMessage);
        post("chat.update", this::update);
        post("pins.add", this::pin);
        post("bookmarks.add", this::bookmark);
        post("chat.postEphemeral", this::ephemeral);
        post("views.open", this::viewsOpen);
        get("conversations.history", this::history);
        get("conversations.list", this::list);
        get("auth.test", r -> ok().put("url", "https://fake.slack.example/").put("team", "Fake").put("user", "incidentkit")
                .put("team_id", "T0FAKE").put("user_id", BOT_USER));
        get("conversations.replies", this::replies);
        get("users.info", q -> user(users.get(q.query().get("user"))));
        get("users.lookupByEmail", q -> user(users.values().stream()
                .filter(u -> u.path("profile").path("email").asText().equalsIgnoreCase(q.query().get("email")))
                .findFirst().orElse(null)));
        server.stub("POST", "/hooks/response", r -> ScriptedResponse.ok("{\"ok\":true}"));
    }

    public SlackConfig config() {
        return config(Duration.ofSeconds(5));
    }

    /** The settings, with a request timeout short enough for tests where Slack answers late. */
    public SlackConfig config(Duration requestTimeout) {
        return SlackConfig.builder().botToken(Secret.of(TOKEN)).signingSecret(Secret.of(SIGNING_SECRET))
                .apiUrl(server.uri("/api")).requestTimeout(requestTimeout).build();
    }

    public URI responseUrl() {
        return server.uri("/hooks/response");
    }

    // ---------------------------------------------------------------- set-up and observation

    /** A channel a person created. */
    public synchronized String addChannel(String name) {
        return addChannel(name, PERSON);
    }

    public synchronized String addChannel(String name, String creator) {
        String id = "C" + nextChannel++;
        channelNames.put(id, name);
        creators.put(id, creator);
        members.put(id, new LinkedHashSet<>());
        messages.put(id, new ArrayList<>());
        return id;
    }

    public synchronized void addUser(String id, String displayName, String email, String tz) {
        ObjectNode u = json.createObjectNode().put("id", id).put("name", displayName.toLowerCase()).put("tz", tz);
        u.putObject("profile").put("display_name", displayName).put("real_name", displayName + " Real").put("email", email);
        users.put(id, u);
    }

    public synchronized String addMessage(String channel, String text) {
        String ts = ts();
        messages.get(channel).add(json.createObjectNode().put("type", "message").put("ts", ts).put("text", text));
        return ts;
    }

    public synchronized String addThreadReply(String channel, String parentTs, String text) {
        String ts = ts();
        threadReplies.computeIfAbsent(channel, c -> new ArrayList<>()).add(json.createObjectNode()
                .put("type", "message").put("ts", ts).put("thread_ts", parentTs).put("text", text));
        return ts;
    }

    /** Archives a channel, as a person would in Slack; it keeps its name. */
    public synchronized void archive(String channel) {
        archived.add(channel);
    }

    synchronized boolean isArchived(String channel) {
        return archived.contains(channel);
    }

    /**
     * The testkit contracts' faults, said as Slack says them: {@code "ok": false} with Slack's error code
     * (HTTP 200), 503 for an outage, 429 with {@code Retry-After} for a rate limit.
     */
    FakeVendorFaults faults() {
        return new FakeVendorFaults(server, kind -> switch (kind) {
            case UNAVAILABLE -> ScriptedResponse.json(503, "{\"ok\":false,\"error\":\"service_unavailable\"}");
            case UNAUTHORIZED -> ScriptedResponse.ok("{\"ok\":false,\"error\":\"invalid_auth\"}");
            case NOT_FOUND -> ScriptedResponse.ok("{\"ok\":false,\"error\":\"channel_not_found\"}");
            case INVALID -> ScriptedResponse.ok("{\"ok\":false,\"error\":\"invalid_arguments\"}");
            case RATE_LIMITED, TIMEOUT -> throw new IllegalArgumentException("not a refusal: " + kind);
        }, ScriptedResponse::tooManyRequests);
    }

    /** Whether a channel was created private. */
    synchronized boolean isPrivate(String channel) {
        return privateChannels.contains(channel);
    }

    public synchronized Map<String, String> channels() {
        return Map.copyOf(channelNames);
    }

    public synchronized Set<String> members(String channel) {
        return Set.copyOf(members.getOrDefault(channel, Set.of()));
    }

    public synchronized String topic(String channel) {
        return topics.getOrDefault(channel, "");
    }

    public synchronized List<ObjectNode> messages(String channel) {
        return List.copyOf(messages.getOrDefault(channel, List.of()));
    }

    public synchronized Set<String> pinned(String channel) {
        return Set.copyOf(pins.getOrDefault(channel, Set.of()));
    }

    public synchronized List<JsonNode> bookmarks(String channel) {
        return List.copyOf(bookmarks.getOrDefault(channel, List.of()));
    }

    public synchronized List<JsonNode> ephemerals() {
        return List.copyOf(ephemerals);
    }

    public synchronized List<JsonNode> views() {
        return List.copyOf(views);
    }

    // ---------------------------------------------------------------- the methods

    /**
     * Answers the {@code nth} next call of a method (1 = the next one) with {@code answer} and does not
     * act on it: a clean failure, e.g. an HTTP 500 for the second part of a long message.
     */
    public synchronized void failCall(String method, int nth, ScriptedResponse answer) {
        failures.put(method, Map.entry(nth, answer));
    }

    private void post(String method, Function<JsonNode, ObjectNode> answer) {
        server.stub("POST", "/api/" + method, r -> {
            synchronized (this) {
                Map.Entry<Integer, ScriptedResponse> failure = failures.get(method);
                if (failure != null) {
                    if (failure.getKey() == 1) {
                        failures.remove(method);
                        return failure.getValue();
                    }
                    failures.put(method, Map.entry(failure.getKey() - 1, failure.getValue()));
                }
                if (method.equals(limitedMethod) && ++limitedCount % limitEvery == limitEvery / 4 + 1) {
                    return ScriptedResponse.tooManyRequests(limitRetryAfter);
                }
            }
            return answer(r, () -> answer.apply(r.json()));
        });
    }

    /** Refuses every {@code every}-th call of a method with 429 and {@code Retry-After}, like Slack's limit. */
    public synchronized void rateLimit(String method, int every, Duration retryAfter) {
        limitedMethod = method;
        limitEvery = every;
        limitRetryAfter = retryAfter;
        limitedCount = 0;
    }

    private void get(String method, Function<RecordedRequest, ObjectNode> answer) {
        server.stub("GET", "/api/" + method, r -> answer(r, () -> answer.apply(r)));
    }

    private synchronized ScriptedResponse answer(RecordedRequest r, java.util.function.Supplier<ObjectNode> body) {
        if (!r.header("Authorization").orElse("").equals("Bearer " + TOKEN)) {
            return ScriptedResponse.ok("{\"ok\":false,\"error\":\"invalid_auth\"}");
        }
        if (r.method().equals("POST") && !r.header("Content-Type").orElse("").equals("application/json; charset=utf-8")) {
            return ScriptedResponse.ok("{\"ok\":false,\"error\":\"missing_charset\"}");
        }
        return ScriptedResponse.ok(body.get().toString());
    }

    private ObjectNode ok() {
        return json.createObjectNode().put("ok", true);
    }

    private ObjectNode error(String code) {
        return json.createObjectNode().put("ok", false).put("error", code);
    }

    private String ts() {
        java.time.Instant now = clock.instant();
        long t = Math.max(lastTs + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
        lastTs = t;
        return (t / 1_000_000) + "." + String.format("%06d", t % 1_000_000);
    }

    private ObjectNode create(JsonNode a) {
        String name = a.path("name").asText();
        if (!name.matches("[a-z0-9_-]{1,80}")) {
            return error("invalid_name_specials");
        }
        if (channelNames.containsValue(name)) {
            return error("name_taken");
        }
        String id = addChannel(name, BOT_USER);
        if (a.path("is_private").asBoolean(false)) {
            privateChannels.add(id);
        }
        ObjectNode r = ok();
        r.set("channel", channel(id));
        return r;
    }

    private ObjectNode channel(String id) {
        return json.createObjectNode().put("id", id).put("name", channelNames.get(id)).put("is_channel", true)
                .put("is_private", privateChannels.contains(id)).put("is_archived", archived.contains(id)).put("creator", creators.get(id));
    }

    private ObjectNode list(RecordedRequest r) {
        Map<String, String> q = r.query();
        boolean publicOnes = q.getOrDefault("types", "public_channel").contains("public_channel");
        boolean privateOnes = q.getOrDefault("types", "public_channel").contains("private_channel");
        boolean excludeArchived = Boolean.parseBoolean(q.getOrDefault("exclude_archived", "false"));
        // a private channel is listed only to its members: the bot is one of the channels it created
        List<String> ids = channelNames.keySet().stream()
                .filter(id -> privateChannels.contains(id)
                        ? privateOnes && (BOT_USER.equals(creators.get(id)) || members.get(id).contains(BOT_USER))
                        : publicOnes)
                .filter(id -> !excludeArchived || !archived.contains(id)).toList();
        ObjectNode page = ok();
        page(ids.stream().map(this::channel).toList(), q, 100, page.putArray("channels"), page);
        return page;
    }

    /**
     * Writes one page of {@code all} by {@code limit} and {@code cursor} (an offset here; Slack's is opaque).
     * Pages hold at most {@value #PAGE_CAP} items whatever the limit, as Slack may return fewer than asked,
     * so every test that lists also follows cursors.
     */
    private void page(List<ObjectNode> all, Map<String, String> q, int defaultLimit, ArrayNode out, ObjectNode response) {
        int limit = Math.min(PAGE_CAP, Integer.parseInt(q.getOrDefault("limit", Integer.toString(defaultLimit))));
        int from = q.getOrDefault("cursor", "").isEmpty() ? 0 : Integer.parseInt(q.get("cursor").substring("off-".length()));
        int to = Math.min(all.size(), from + limit);
        all.subList(from, to).forEach(out::add);
        response.put("has_more", to < all.size());
        response.putObject("response_metadata").put("next_cursor", to < all.size() ? "off-" + to : "");
    }

    private ObjectNode invite(JsonNode a) {
        Set<String> m = members.get(a.path("channel").asText());
        if (m == null) {
            return error("channel_not_found");
        }
        List<String> ids = List.of(a.path("users").asText().split(","));
        if (ids.stream().anyMatch(m::contains)) {
            return error("already_in_channel");
        }
        if (ids.stream().anyMatch(id -> !id.matches("[UW][A-Z0-9]+"))) {
            return error("user_not_found");
        }
        m.addAll(ids);
        return ok();
    }

    /** Like Slack: an unknown channel is {@code channel_not_found}, an archived one {@code already_archived}. */
    private ObjectNode archiveCall(JsonNode a) {
        String channel = a.path("channel").asText();
        if (!channelNames.containsKey(channel)) {
            return error("channel_not_found");
        }
        if (!archived.add(channel)) {
            return error("already_archived");
        }
        return ok();
    }

    private ObjectNode setTopic(JsonNode a) {
        String channel = a.path("channel").asText();
        if (!channelNames.containsKey(channel)) {
            return error("channel_not_found");
        }
        String topic = a.path("topic").asText();
        if (topic.length() > 250) {
            return error("too_long");
        }
        topics.put(channel, topic);
        return ok();
    }

    private ObjectNode postMessage(JsonNode a) {
        String channel = a.path("channel").asText();
        if (!messages.containsKey(channel)) {
            return error("channel_not_found");
        }
        if (archived.contains(channel)) {
            return error("is_archived");
        }
        JsonNode metadata = a.path("metadata");
        if (!metadata.isMissingNode() && (!metadata.path("event_type").isTextual() || !metadata.path("event_payload").isObject())) {
            return error("invalid_metadata_format");
        }
        if (a.path("text").asText("").isBlank() && a.path("blocks").isEmpty()) {
            return error("no_text");
        }
        if (a.path("blocks").size() > 50) {
            return error("invalid_blocks");
        }
        String ts = ts();
        ObjectNode m = json.createObjectNode().put("type", "message").put("ts", ts).put("text", a.path("text").asText());
        m.set("blocks", a.path("blocks"));
        if (!metadata.isMissingNode()) {
            m.set("metadata", metadata);
        }
        messages.get(channel).add(m);
        ObjectNode r = ok().put("channel", channel).put("ts", ts);
        r.set("message", m);
        return r;
    }

    private ObjectNode update(JsonNode a) {
        List<ObjectNode> list = messages.get(a.path("channel").asText());
        if (list == null) {
            return error("channel_not_found");
        }
        for (ObjectNode m : list) {
            if (m.path("ts").asText().equals(a.path("ts").asText())) {
                m.put("text", a.path("text").asText());
                m.set("blocks", a.path("blocks"));
                return ok().put("channel", a.path("channel").asText()).put("ts", a.path("ts").asText());
            }
        }
        return error("message_not_found");
    }

    private ObjectNode pin(JsonNode a) {
        String channel = a.path("channel").asText();
        List<ObjectNode> list = messages.get(channel);
        if (list == null) {
            return error("channel_not_found");
        }
        String ts = a.path("timestamp").asText();
        if (list.stream().noneMatch(m -> m.path("ts").asText().equals(ts))) {
            return error("message_not_found");
        }
        if (!pins.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(ts)) {
            return error("already_pinned");
        }
        return ok();
    }

    private ObjectNode bookmark(JsonNode a) {
        String channel = a.path("channel_id").asText();
        if (!channelNames.containsKey(channel)) {
            return error("channel_not_found");
        }
        if (!a.path("type").asText().equals("link") || a.path("title").asText().isBlank()) {
            return error("invalid_arguments");
        }
        bookmarks.computeIfAbsent(channel, c -> new ArrayList<>()).add(a);
        ObjectNode r = ok();
        r.putObject("bookmark").put("id", "Bk" + nextChannel++).put("channel_id", channel)
                .put("title", a.path("title").asText()).put("link", a.path("link").asText()).put("type", "link");
        return r;
    }

    private ObjectNode ephemeral(JsonNode a) {
        if (!channelNames.containsKey(a.path("channel").asText())) {
            return error("channel_not_found");
        }
        ephemerals.add(a);
        return ok().put("message_ts", ts());
    }

    private ObjectNode viewsOpen(JsonNode a) {
        if (!a.path("trigger_id").asText().startsWith("trig-")) {
            return error("invalid_trigger_id");
        }
        views.add(a);
        ObjectNode r = ok();
        r.putObject("view").put("id", "V" + views.size());
        return r;
    }

    private ObjectNode history(RecordedRequest r) {
        Map<String, String> q = r.query();
        List<ObjectNode> list = messages.get(q.get("channel"));
        if (list == null) {
            return error("channel_not_found");
        }
        boolean withMetadata = Boolean.parseBoolean(q.getOrDefault("include_all_metadata", "false"));
        return messagesBetween(list.stream().map(m -> {
            ObjectNode copy = m.deepCopy();
            if (!withMetadata) {
                copy.remove("metadata");
            }
            return copy;
        }).toList(), q);
    }

    private ObjectNode replies(RecordedRequest r) {
        Map<String, String> q = r.query();
        List<ObjectNode> list = threadReplies.getOrDefault(q.get("channel"), List.of());
        return messagesBetween(list, q);
    }

    private ObjectNode messagesBetween(List<ObjectNode> list, Map<String, String> q) {
        double oldest = Double.parseDouble(q.getOrDefault("oldest", "0"));
        double latest = Double.parseDouble(q.getOrDefault("latest", "1e12"));
        List<ObjectNode> newestFirst = new ArrayList<>();
        for (ObjectNode m : list) {
            double ts = Double.parseDouble(m.path("ts").asText());
            if (ts >= oldest && ts <= latest) {
                newestFirst.add(0, m);
            }
        }
        ObjectNode r = ok();
        page(newestFirst, q, 100, r.putArray("messages"), r);
        return r;
    }

    private ObjectNode user(ObjectNode u) {
        if (u == null) {
            return error("users_not_found");
        }
        ObjectNode r = ok();
        r.set("user", u);
        return r;
    }

    @Override
    public void close() {
        server.close();
    }
}
