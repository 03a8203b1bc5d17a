package dev.incidentkit.teams;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.teams.internal.Cards;
import dev.incidentkit.teams.internal.ChannelNames;
import dev.incidentkit.teams.internal.TeamsApi;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChatGateway} for Microsoft Teams: messages through the Bot Connector REST API, channels,
 * members, descriptions, tabs and archiving through Microsoft Graph (api-notes-teams §4, §6).
 *
 * <ul>
 *   <li><b>Channels</b> are standard channels of the configured team ({@code POST /teams/{id}/channels}),
 *       named validly for Teams (≤ 50 characters, no {@code # % & * { } / \ : < > ? + | ' "}); private
 *       channels are not offered (Microsoft's pages disagree on whether a bot can post in one, §6.2).
 *   <li><b>Invite</b>: a standard channel has no members of its own, so people are added to the team
 *       ({@code POST /teams/{id}/members}). Person ids must be Entra object ids (as {@link TeamsInbound}
 *       gives them) or user principal names; other ids are skipped with a warning.
 *   <li><b>Topic</b>: Teams channels have none; the description is set instead ({@code PATCH}, ≤ 1024).
 *   <li><b>Messages</b> are Adaptive Cards 1.5 with a text fallback, within 28 KB, each a new thread
 *       ({@code POST /v3/conversations} with the channel); {@link #update} replaces the card
 *       ({@code PUT …/activities/{id}}). {@code <@id|name>} in the text becomes a Teams mention.
 *   <li><b>Bookmarks</b> are website tabs on the channel ({@code POST …/tabs}).
 *   <li><b>Archive</b>: {@code POST …/channels/{id}/archive} (asynchronous on Microsoft's side).
 *   <li><b>Not offered</b>, so absent from {@link #capabilities()}: pinning (Graph pins chat messages only,
 *       §6.6), private channels, reaction notes (reactions reach a bot only on its own messages, §7.3;
 *       {@link TeamsInbound} takes the "Add to incident timeline" message action instead), and ephemeral
 *       messages unless {@link TeamsConfig#targetedMessages()} turns on Teams' preview of them.
 * </ul>
 *
 * <p><b>Repeats.</b> Neither API keeps an idempotency key, so markers Teams keeps are looked for when
 * {@link IdempotencyKey#mayExist()} says an earlier attempt may have acted:
 * <ul>
 *   <li>a channel is created with the key in its description ({@code incidentkit key …}); a repeat lists
 *       the team's channels and adopts the one with the wished-for name that carries the key. A name taken
 *       by a channel without our key is someone else's: the next variant ({@code -2} … {@code -20}) is tried.
 *   <li>a post carries the key in a hidden element of its card; a repeat reads the channel's recent
 *       messages through Graph ({@code GET …/channels/{id}/messages}, needs {@code ChannelMessage.Read.Group}
 *       or {@code ChannelMessage.Read.All}) back to {@link Builder#markerLookback} and returns the message
 *       found. That Graph call is not in the saved API description and the equality of Graph message ids
 *       with Bot Connector activity ids is Microsoft's practice, not a documented rule (unverified).
 * </ul>
 *
 * <p>Throttling (429 with {@code Retry-After}, from either API) is retried after the wait asked for and,
 * when retries run out, thrown as {@link PortException.Kind#RATE_LIMITED} with that wait. Tokens come from
 * the client-credentials flow, cached and fetched again five minutes before they expire by the injected
 * clock. Thread-safe; {@link #close()} stops its threads.
 *
 * <p>Graph application permissions: {@code Channel.Create}, {@code ChannelSettings.ReadWrite.All},
 * {@code TeamMember.ReadWriteNonOwnerRole.All}, {@code TeamsTab.Create}, {@code User.Read.All}, and
 * {@code ChannelMessage.Read.All} (or the RSC {@code ChannelMessage.Read.Group} of the app manifest in
 * {@code examples}) for repeats.
 *
 * @since 0.1
 */
public final class TeamsChatGateway implements ChatGateway, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamsChatGateway.class);
    private static final int NAME_VARIANTS = 20;
    private static final int DESCRIPTION_LIMIT = 1024;
    private static final int MESSAGE_PAGE = 50;
    private static final int MESSAGE_PAGES = 10;
    private static final String MARKER_PREFIX = "incidentkit key ";

    private final TeamsApi api;
    private final Duration markerLookback;
    private final Clock clock;

    private TeamsChatGateway(Builder b) {
        this.api = new TeamsApi(b.config, b.clock, b.retryPolicy, b.httpClient, b.scheduler);
        this.markerLookback = b.markerLookback;
        this.clock = b.clock;
    }

    /**
     * Starts a builder.
     *
     * @param config the team and the app
     * @return the builder
     */
    public static Builder builder(TeamsConfig config) {
        return new Builder(config);
    }

    /**
     * Returns a directory that shares this gateway's Graph connection and token.
     *
     * @return the directory
     */
    public TeamsDirectory directory() {
        return new TeamsDirectory(api);
    }

    TeamsApi api() {
        return api;
    }

    /**
     * Returns {@link Capability#TOPIC} (the channel description), {@link Capability#BOOKMARK} (a website
     * tab) and {@link Capability#ARCHIVE}, plus {@link Capability#EPHEMERAL} when targeted messages are
     * turned on.
     *
     * @return the capabilities
     */
    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> c = EnumSet.of(Capability.TOPIC, Capability.BOOKMARK, Capability.ARCHIVE);
        if (api.config().targetedMessages()) {
            c.add(Capability.EPHEMERAL);
        }
        return c;
    }

    @Override
    public Channel createChannel(String name, IdempotencyKey idempotencyKey) {
        requireNonNull(name, "name");
        requireNonNull(idempotencyKey, "idempotencyKey");
        String base = ChannelNames.normalize(name);
        String marker = MARKER_PREFIX + idempotencyKey.value();
        Map<String, JsonNode> existing = idempotencyKey.mayExist() ? channels() : null;
        PortException taken = null;
        for (int i = 1; i <= NAME_VARIANTS; i++) {
            String candidate = i == 1 ? base : ChannelNames.withSuffix(base, i);
            JsonNode found = existing == null ? null : existing.get(candidate.toLowerCase(Locale.ROOT));
            if (found != null) {
                if (ours(found, marker)) {
                    log.debug("teams channel {} was created by an earlier attempt; adopting it", candidate);
                    return channel(found, candidate);
                }
                continue;
            }
            ObjectNode body = api.json().createObjectNode().put("displayName", candidate)
                    .put("description", "Incident channel opened by incidentkit (" + marker + ")")
                    .put("membershipType", "standard");
            try {
                return channel(api.graph(new JsonRequest("channel-post", "POST", api.team() + "/channels", Map.of(),
                        body, false)), candidate);
            } catch (PortException e) {
                if (e.kind() != PortException.Kind.INVALID && e.httpStatus() != 409) {
                    throw e;
                }
                existing = channels(); // was the name taken? (Graph's error for it is not documented)
                found = existing.get(candidate.toLowerCase(Locale.ROOT));
                if (found == null) {
                    throw e;
                }
                taken = e;
                if (ours(found, marker)) {
                    return channel(found, candidate);
                }
                log.debug("teams channel name {} is taken by a channel that is not ours; trying a variant", candidate);
            }
        }
        throw new PortException("teams channel-post", PortException.Kind.INVALID, "name_taken",
                taken == null ? 400 : taken.httpStatus(), null, "the name " + base + " and " + (NAME_VARIANTS - 1)
                + " numbered variants are taken in the team; archive or rename old incident channels");
    }

    private static boolean ours(JsonNode channel, String marker) {
        return channel.path("description").asText("").contains("(" + marker + ")")
                && !channel.path("isArchived").asBoolean(false);
    }

    private static Channel channel(JsonNode c, String name) {
        return new Channel(c.path("id").asText(), c.path("displayName").asText(name));
    }

    /** The team's channels by lower-case display name. */
    private Map<String, JsonNode> channels() {
        JsonNode page = api.graph(JsonRequest.get("channel-list", api.team() + "/channels",
                Map.of("$select", "id,displayName,description,isArchived")));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode c : page.path("value")) {
            out.putIfAbsent(c.path("displayName").asText("").toLowerCase(Locale.ROOT), c);
        }
        // Graph returns a team's channels in one page (no @odata.nextLink is documented for this list)
        return out;
    }

    @Override
    public void invite(String channelId, List<PersonRef> people) {
        requireNonNull(channelId, "channelId");
        for (String id : people.stream().map(PersonRef::id).distinct().toList()) {
            if (!TeamsApi.isUserId(id)) {
                log.warn("cannot add {} to the team: not an Entra object id or user principal name", id);
                continue;
            }
            ObjectNode member = api.json().createObjectNode()
                    .put("@odata.type", "#microsoft.graph.aadUserConversationMember");
            member.putArray("roles");
            member.put("user@odata.bind", api.userBind(id));
            try {
                api.graph(JsonRequest.post("team-member-add", api.team() + "/members", member));
            } catch (PortException e) {
                if (e.httpStatus() != 409) { // already a member
                    throw e;
                }
            }
        }
    }

    @Override
    public void setTopic(String channelId, String topic) {
        requireNonNull(channelId, "channelId");
        String plain = Cards.plain(topic.replaceAll("\\s*\\R\\s*", " · ").strip());
        String description = plain.length() <= DESCRIPTION_LIMIT ? plain : plain.substring(0, DESCRIPTION_LIMIT - 1) + "…";
        api.graph(new JsonRequest("channel-patch", "PATCH", channelPath(channelId), Map.of(),
                api.json().createObjectNode().put("description", description), true));
    }

    @Override
    public MessageRef post(String channelId, ChatMessage message, IdempotencyKey idempotencyKey) {
        requireNonNull(channelId, "channelId");
        requireNonNull(message, "message");
        requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.mayExist()) {
            Optional<MessageRef> earlier = posted(channelId, idempotencyKey.value());
            if (earlier.isPresent()) {
                log.debug("teams message {} was posted by an earlier attempt", idempotencyKey.value());
                return earlier.get();
            }
        }
        ObjectNode params = api.json().createObjectNode().put("isGroup", true);
        params.putObject("channelData").putObject("channel").put("id", channelId);
        params.set("activity", Cards.activity(api.json(), message, idempotencyKey.value()));
        JsonNode r = api.connector(new JsonRequest("conversation-create", "POST", "v3/conversations", Map.of(), params, false));
        String activityId = r.path("activityId").asText("");
        if (activityId.isEmpty()) {
            activityId = messageIdOf(r.path("id").asText(""));
        }
        return new MessageRef(channelId, activityId);
    }

    /** The root message id in a thread's conversation id {@code 19:…;messageid=<id>}. */
    private static String messageIdOf(String conversationId) {
        int at = conversationId.indexOf(";messageid=");
        return at < 0 ? "" : conversationId.substring(at + ";messageid=".length());
    }

    /** The message with this key among the channel's messages since the look-back. */
    private Optional<MessageRef> posted(String channelId, String key) {
        Instant oldest = clock.instant().minus(markerLookback);
        String target = channelPath(channelId) + "/messages";
        Map<String, String> query = Map.of("$top", Integer.toString(MESSAGE_PAGE));
        for (int page = 0; page < MESSAGE_PAGES; page++) {
            JsonNode answer = api.graph(JsonRequest.get("channel-messages", target, query));
            boolean older = false;
            for (JsonNode m : answer.path("value")) {
                for (JsonNode a : m.path("attachments")) {
                    if (a.path("contentType").asText().equals(Cards.ADAPTIVE) && key.equals(markerOf(a.path("content")))) {
                        return Optional.of(new MessageRef(channelId, m.path("id").asText()));
                    }
                }
                older |= createdBefore(m, oldest);
            }
            String next = answer.path("@odata.nextLink").asText("");
            if (older || next.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> skip = skipToken(next);
            if (skip.isEmpty()) {
                return Optional.empty();
            }
            query = Map.of("$top", Integer.toString(MESSAGE_PAGE), "$skiptoken", skip.get());
        }
        return Optional.empty();
    }

    private @Nullable String markerOf(JsonNode content) {
        try {
            JsonNode card = content.isTextual() ? api.json().readTree(content.asText()) : content; // Graph: a string
            return Cards.marker(card).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean createdBefore(JsonNode message, Instant oldest) {
        try {
            return OffsetDateTime.parse(message.path("createdDateTime").asText()).toInstant().isBefore(oldest);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<String> skipToken(String nextLink) {
        int at = nextLink.indexOf("$skiptoken=");
        if (at < 0) {
            at = nextLink.indexOf("%24skiptoken=");
            if (at < 0) {
                return Optional.empty();
            }
            at += "%24skiptoken=".length();
        } else {
            at += "$skiptoken=".length();
        }
        int end = nextLink.indexOf('&', at);
        return Optional.of(java.net.URLDecoder.decode(end < 0 ? nextLink.substring(at) : nextLink.substring(at, end),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void update(MessageRef message, ChatMessage content) {
        requireNonNull(message, "message");
        requireNonNull(content, "content");
        ObjectNode activity = Cards.activity(api.json(), content, null).put("id", message.id());
        api.connector(new JsonRequest("activity-update", "PUT", activityPath(thread(message), message.id()), Map.of(),
                activity, true));
    }

    /** Always refuses: Teams has no API to pin a channel message (api-notes-teams §6.6). */
    @Override
    public void pin(MessageRef message) {
        requireNonNull(message, "message");
        throw new PortException("teams pin", PortException.Kind.INVALID, "unsupported", 0, null,
                "Teams cannot pin a channel message through its API; check capabilities() before asking");
    }

    @Override
    public void bookmark(String channelId, String title, String url) {
        requireNonNull(channelId, "channelId");
        requireNonNull(title, "title");
        requireNonNull(url, "url");
        ObjectNode tab = api.json().createObjectNode();
        String label = title.strip();
        tab.put("displayName", label.length() <= 128 ? label : label.substring(0, 127) + "…");
        tab.put("teamsApp@odata.bind", api.graphAddress("appCatalogs/teamsApps/com.microsoft.teamspace.tab.web"));
        // entityId and removeUrl are optional; Microsoft's example sends them as null
        tab.putObject("configuration").put("contentUrl", url).put("websiteUrl", url);
        api.graph(JsonRequest.post("tab-post", channelPath(channelId) + "/tabs", tab).notIdempotent());
    }

    /**
     * Sends a targeted message ("only you can see this", Teams' developer preview) when
     * {@link TeamsConfig#targetedMessages()} is on; otherwise refuses, as {@link #capabilities()} says.
     */
    @Override
    public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
        requireNonNull(channelId, "channelId");
        requireNonNull(person, "person");
        requireNonNull(message, "message");
        if (!api.config().targetedMessages()) {
            throw new PortException("teams postEphemeral", PortException.Kind.INVALID, "unsupported", 0, null,
                    "Teams targeted messages are off (TEAMS_TARGETED_MESSAGES); check capabilities() before asking");
        }
        // the target is the user's Teams id (29:…), which the member lookup gives for an Entra object id
        String userId = api.connector(JsonRequest.get("member-get", "v3/conversations/" + TeamsApi.seg(channelId)
                + "/members/" + TeamsApi.seg(person.id()), Map.of())).path("id").asText(person.id());
        ObjectNode activity = Cards.activity(api.json(), message, null);
        activity.putObject("recipient").put("id", userId);
        api.connector(new JsonRequest("activity-send-targeted", "POST", "v3/conversations/" + TeamsApi.seg(channelId)
                + "/activities", Map.of("isTargetedActivity", "true"), activity, false));
    }

    /** Archives the channel; an already archived channel is not an error. */
    @Override
    public void archive(String channelId) {
        requireNonNull(channelId, "channelId");
        try {
            api.graph(JsonRequest.post("channel-archive", channelPath(channelId) + "/archive",
                    api.json().createObjectNode()));
        } catch (PortException e) {
            if (!(e.kind() == PortException.Kind.INVALID && e.vendorCode().toLowerCase(Locale.ROOT).contains("archived"))) {
                throw e;
            }
        }
    }

    private String channelPath(String channelId) {
        return api.team() + "/channels/" + TeamsApi.seg(channelId);
    }

    /** The conversation of the thread a posted message starts. */
    private static String thread(MessageRef message) {
        return message.channelId() + ";messageid=" + message.id();
    }

    private static String activityPath(String conversationId, String activityId) {
        return "v3/conversations/" + TeamsApi.seg(conversationId) + "/activities/" + TeamsApi.seg(activityId);
    }

    /** Stops the threads this gateway started; calls in flight may fail. */
    @Override
    public void close() {
        api.close();
    }

    /** Names the endpoints only. */
    @Override
    public String toString() {
        return "TeamsChatGateway[" + api + "]";
    }

    /**
     * Builds a {@link TeamsChatGateway}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final TeamsConfig config;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpClient httpClient;
        private @Nullable ScheduledExecutorService scheduler;
        private Duration markerLookback = Duration.ofHours(24);

        private Builder(TeamsConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /**
         * Sets the clock for token expiry, {@code Retry-After} dates and the look-back of a repeated post;
         * default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how calls are retried; default {@link RetryPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Uses this JDK HTTP client (proxies, TLS settings) for every call, tokens and keys included.
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = requireNonNull(client, "client");
            return this;
        }

        /**
         * Schedules retries on this executor, which the caller owns; by default the gateway starts one
         * daemon thread and stops it on {@link TeamsChatGateway#close()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets how far back a repeated post looks for the message an earlier attempt posted; default 24
         * hours. Only read when {@link IdempotencyKey#mayExist()}.
         *
         * @param lookback positive
         * @return this builder
         * @throws IllegalArgumentException if {@code lookback} is not positive
         */
        public Builder markerLookback(Duration lookback) {
            requireNonNull(lookback, "lookback");
            if (lookback.isNegative() || lookback.isZero()) {
                throw new IllegalArgumentException("markerLookback must be positive; got " + lookback);
            }
            this.markerLookback = lookback;
            return this;
        }

        /**
         * Builds the gateway.
         *
         * @return the gateway
         */
        public TeamsChatGateway build() {
            return new TeamsChatGateway(this);
        }
    }
}
