package dev.incidentkit.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.slack.internal.BlockKit;
import dev.incidentkit.slack.internal.ChannelNames;
import dev.incidentkit.slack.internal.EffectMarker;
import dev.incidentkit.slack.internal.SlackApi;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChatGateway} for Slack, over the Web API (api-notes §2): {@code conversations.create},
 * {@code .invite}, {@code .setTopic}, {@code chat.postMessage}, {@code chat.update}, {@code pins.add},
 * {@code bookmarks.add} and {@code chat.postEphemeral}.
 *
 * <ul>
 *   <li>Channel names are made valid for Slack (lowercase letters, digits, {@code -} and {@code _}, ≤ 80).
 *   <li>Messages are rendered as Block Kit with a plain-text fallback; a message too big for one Slack
 *       message continues in the next, and updates and ephemerals are truncated: size never fails a call.
 *       Buttons carry their chat command in {@code value}; {@link SlackInbound} runs it when clicked.
 *   <li>Posts are paced per channel (default one per second with bursts of three, Slack's posting limit)
 *       in call order, and a 429 is retried after its {@code Retry-After}.
 *   <li>Every {@code ok:false} becomes a {@link PortException} of the right kind; {@code already_in_channel},
 *       {@code cant_invite_self}, {@code already_pinned} and {@code already_archived} count as success.
 * </ul>
 *
 * <p><b>Repeats.</b> Slack keeps no idempotency key, so the gateway leaves markers Slack keeps and looks
 * for them when {@link IdempotencyKey#mayExist()} says an earlier attempt may have acted. Nothing is
 * remembered in memory, so this holds across restarts and replicas.
 * <ul>
 *   <li><b>Messages</b>: every part of a post carries message {@code metadata} ({@code event_type}
 *       {@code incidentkit_effect}, {@code event_payload} {@code {key, part, parts}}). When the key
 *       may exist, the gateway first reads the channel's {@code conversations.history} with
 *       {@code include_all_metadata=true} back to {@link Builder#markerLookback} ago (default 24 hours), and
 *       posts only the parts not found there; the first part's {@code ts} is the result. A message whose
 *       earlier attempt is older than the look-back can be posted twice. When a later part fails after
 *       earlier parts went out, the failure is reported as {@link PortException.Kind#TIMEOUT} (keeping a
 *       retryable failure's {@code Retry-After}), so that the retry looks before posting.
 *   <li><b>Channels</b>: the name is deterministic (derived from the wished-for name only). On
 *       {@code name_taken}, or before creating when the key may exist, the gateway lists the workspace's
 *       unarchived public channels ({@code conversations.list}, paginated) and adopts the channel with
 *       exactly that name if this bot created it ({@code creator} equals the bot's user id from
 *       {@code auth.test}). A taken name whose channel is archived (Slack keeps an archived channel's name,
 *       and nothing can be posted there) or was created by someone else is not ours: the gateway then tries
 *       the next variant ({@code -2}, {@code -3}, …, up to {@code -20}), adopting a variant it created
 *       earlier in the same way.
 * </ul>
 *
 * <p>People are invited by their {@link PersonRef#id()}, which must be a Slack user id (as slash commands
 * give them); map other ids with {@link SlackDirectory}. Thread-safe. {@link #close()} stops its threads.
 *
 * <p>Bot scopes needed: {@code channels:manage} (also for {@code conversations.archive}), {@code channels:read} (finding a channel again),
 * {@code channels:history} (finding a message again; {@code groups:history} too for posts into private
 * channels), {@code chat:write}, {@code pins:write}, {@code bookmarks:write}, {@code users:read},
 * {@code users:read.email}; for {@link SlackInbound} also {@code commands} and {@code reactions:read}.
 *
 * @since 0.1
 */
public final class SlackChatGateway implements ChatGateway, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackChatGateway.class);
    private static final int TOPIC_LIMIT = 250;
    private static final int NAME_VARIANTS = 20;
    private static final int INVITE_BATCH = 1000;
    private static final int HISTORY_PAGE = 200;
    private static final int LIST_PAGE = 1000;
    private static final Set<String> ALREADY_DONE_INVITE = Set.of("already_in_channel", "cant_invite_self");

    private final SlackApi api;
    private final SlackConfig config;
    private final Clock clock;
    private final Duration markerLookback;
    private volatile @Nullable String botUserId; // who we are in this workspace; not a record of what we did

    private SlackChatGateway(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.markerLookback = b.markerLookback;
        this.api = new SlackApi(b.config.apiUrl(), b.config.botToken(), b.config.requestTimeout(), b.clock,
                b.retryPolicy, b.httpClient, b.scheduler, b.postInterval, b.postBurst);
    }

    /**
     * Starts a builder.
     *
     * @param config the workspace settings
     * @return the builder
     */
    public static Builder builder(SlackConfig config) {
        return new Builder(config);
    }

    /**
     * Returns a directory that shares this gateway's connection.
     *
     * @return the directory
     */
    public SlackDirectory directory() {
        return new SlackDirectory(api);
    }

    SlackApi api() {
        return api;
    }

    /**
     * Returns what Slack can do here: everything, private channels ({@code conversations.create} with
     * {@code is_private}; the bot token needs {@code groups:write}, and {@code groups:read} to find a private
     * channel an earlier attempt created) and archiving ({@code conversations.archive}) included.
     *
     * @return the capabilities
     */
    @Override
    public Set<Capability> capabilities() {
        return java.util.EnumSet.allOf(Capability.class);
    }

    @Override
    public Channel createChannel(String name, IdempotencyKey idempotencyKey) {
        return createChannel(name, Visibility.PUBLIC, idempotencyKey);
    }

    /**
     * Creates the channel, private ({@code is_private: true}) when asked; a private channel is visible only
     * to the people invited to it. Repeats are found as for public channels, among the private channels the
     * bot is a member of.
     */
    @Override
    public Channel createChannel(String name, Visibility visibility, IdempotencyKey idempotencyKey) {
        requireNonNull(name, "name");
        requireNonNull(visibility, "visibility");
        requireNonNull(idempotencyKey, "idempotencyKey");
        boolean privately = visibility == Visibility.PRIVATE;
        String base = ChannelNames.normalize(name);
        Map<String, Existing> existing = idempotencyKey.mayExist() ? existingChannels(privately) : null;
        PortException taken = null;
        for (int i = 1; i <= NAME_VARIANTS; i++) {
            String candidate = i == 1 ? base : ChannelNames.withSuffix(base, i);
            Existing found = existing == null ? null : existing.get(candidate);
            if (found != null) {
                if (found.ours()) {
                    log.debug("slack channel {} was created by an earlier attempt; adopting it", candidate);
                    return found.channel();
                }
                continue;
            }
            ObjectNode args = api.args().put("name", candidate).put("is_private", privately);
            try {
                JsonNode channel = api.create("conversations.create", args).path("channel");
                return new Channel(channel.path("id").asText(), channel.path("name").asText(candidate));
            } catch (PortException e) {
                if (!e.vendorCode().equals("name_taken")) {
                    throw e;
                }
                taken = e;
            }
            existing = existingChannels(privately); // fresh: another attempt or replica may have just created it
            found = existing.get(candidate);
            if (found != null && found.ours()) {
                log.debug("slack channel {} was created by an earlier attempt; adopting it", candidate);
                return found.channel();
            }
            log.debug("slack channel name {} is taken by a channel that is archived or not ours; trying a variant",
                    candidate);
        }
        throw new PortException("slack conversations.create", PortException.Kind.INVALID, "name_taken",
                taken == null ? 200 : taken.httpStatus(), null, "the name " + base + " and " + (NAME_VARIANTS - 1)
                + " numbered variants are taken; archive old incident channels or choose another name");
    }

    /** A channel that exists, and whether this bot created it. */
    private record Existing(Channel channel, boolean ours) {}

    /** The workspace's unarchived public channels by name, and the private ones the bot is in when asked. */
    private Map<String, Existing> existingChannels(boolean privateToo) {
        String me = botUserId();
        Map<String, Existing> out = new HashMap<>();
        String cursor = "";
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("types", privateToo ? "public_channel,private_channel" : "public_channel");
            query.put("exclude_archived", "true");
            query.put("limit", Integer.toString(LIST_PAGE));
            if (!cursor.isEmpty()) {
                query.put("cursor", cursor);
            }
            JsonNode page = api.read("conversations.list", query);
            for (JsonNode c : page.path("channels")) {
                if (c.path("is_archived").asBoolean(false)) {
                    continue;
                }
                String channelName = c.path("name").asText();
                out.put(channelName, new Existing(new Channel(c.path("id").asText(), channelName),
                        c.path("creator").asText().equals(me)));
            }
            cursor = page.path("response_metadata").path("next_cursor").asText("");
        } while (!cursor.isEmpty());
        return out;
    }

    private String botUserId() {
        String id = botUserId;
        if (id == null) {
            id = api.read("auth.test", Map.of()).path("user_id").asText();
            botUserId = id;
        }
        return id;
    }

    @Override
    public void invite(String channelId, List<PersonRef> people) {
        requireNonNull(channelId, "channelId");
        List<String> ids = people.stream().map(PersonRef::id).distinct().toList();
        for (int from = 0; from < ids.size(); from += INVITE_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + INVITE_BATCH));
            try {
                inviteBatch(channelId, batch);
            } catch (PortException e) {
                if (!ALREADY_DONE_INVITE.contains(e.vendorCode())) {
                    throw e;
                }
                if (batch.size() > 1) {
                    // Slack refuses the whole batch if one person is already in; invite one by one.
                    for (String id : batch) {
                        try {
                            inviteBatch(channelId, List.of(id));
                        } catch (PortException single) {
                            if (!ALREADY_DONE_INVITE.contains(single.vendorCode())) {
                                throw single;
                            }
                        }
                    }
                }
            }
        }
    }

    private void inviteBatch(String channelId, List<String> ids) {
        api.call("conversations.invite", api.args().put("channel", channelId).put("users", String.join(",", ids)));
    }

    @Override
    public void setTopic(String channelId, String topic) {
        requireNonNull(channelId, "channelId");
        String plain = BlockKit.escape(topic.replaceAll("\\s*\\R\\s*", " · ").strip());
        String t = plain.length() <= TOPIC_LIMIT ? plain : plain.substring(0, TOPIC_LIMIT - 1) + "…";
        try {
            api.call("conversations.setTopic", api.args().put("channel", channelId).put("topic", t));
        } catch (PortException e) {
            if (!e.vendorCode().equals("too_long")) {
                throw e;
            }
            api.call("conversations.setTopic", api.args().put("channel", channelId)
                    .put("topic", t.substring(0, Math.min(t.length(), 96)) + "…"));
        }
    }

    @Override
    public MessageRef post(String channelId, ChatMessage message, IdempotencyKey idempotencyKey) {
        requireNonNull(channelId, "channelId");
        requireNonNull(message, "message");
        requireNonNull(idempotencyKey, "idempotencyKey");
        List<BlockKit.Rendered> parts = BlockKit.render(message);
        Map<Integer, MessageRef> done = idempotencyKey.mayExist()
                ? postedParts(channelId, idempotencyKey.value(), parts.size()) : Map.of();
        MessageRef first = null;
        for (int part = 1; part <= parts.size(); part++) {
            MessageRef ref = done.get(part);
            if (ref == null) {
                ObjectNode args = parts.get(part - 1).into(api.args().put("channel", channelId));
                EffectMarker.into(args, idempotencyKey.value(), part, parts.size());
                try {
                    JsonNode r = api.postMessage(channelId, args);
                    ref = new MessageRef(r.path("channel").asText(channelId), r.path("ts").asText());
                } catch (PortException e) {
                    throw part > 1 ? partlyPosted(e, part, parts.size()) : e; // part 1 is in the channel
                }
            }
            if (first == null) {
                first = ref;
            }
        }
        return requireNonNull(first);
    }

    /** The parts of the message with this key already in the channel, by part number. */
    private Map<Integer, MessageRef> postedParts(String channelId, String key, int parts) {
        Instant oldest = clock.instant().minus(markerLookback);
        Map<Integer, MessageRef> found = new HashMap<>();
        String cursor = "";
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("channel", channelId);
            query.put("include_all_metadata", "true");
            query.put("oldest", oldest.getEpochSecond() + ".000000");
            query.put("limit", Integer.toString(HISTORY_PAGE));
            if (!cursor.isEmpty()) {
                query.put("cursor", cursor);
            }
            JsonNode page = api.read("conversations.history", query);
            for (JsonNode m : page.path("messages")) {
                EffectMarker.partOf(m, key).ifPresent(part -> found.putIfAbsent(part, new MessageRef(channelId, m.path("ts").asText())));
            }
            cursor = found.size() < parts && page.path("has_more").asBoolean(false)
                    ? page.path("response_metadata").path("next_cursor").asText("") : "";
        } while (!cursor.isEmpty());
        return found;
    }

    /** A later part failed after earlier ones went out: the retry must look before posting again. */
    private static PortException partlyPosted(PortException e, int part, int parts) {
        if (!e.retryable()) {
            return e;
        }
        PortException partly = new PortException(e.port(), PortException.Kind.TIMEOUT, e.vendorCode(), e.httpStatus(),
                e.retryAfter().orElse(null), "part " + part + " of " + parts + " failed after the earlier parts were"
                + " posted, so the message is partly posted; a retry posts only the missing parts. Cause: "
                + e.getMessage());
        partly.initCause(e);
        return partly;
    }

    @Override
    public void update(MessageRef message, ChatMessage content) {
        requireNonNull(message, "message");
        requireNonNull(content, "content");
        ObjectNode args = api.args().put("channel", message.channelId()).put("ts", message.id());
        api.call("chat.update", BlockKit.renderOne(content).into(args));
    }

    @Override
    public void pin(MessageRef message) {
        requireNonNull(message, "message");
        try {
            api.call("pins.add", api.args().put("channel", message.channelId()).put("timestamp", message.id()));
        } catch (PortException e) {
            if (!e.vendorCode().equals("already_pinned")) {
                throw e;
            }
        }
    }

    @Override
    public void bookmark(String channelId, String title, String url) {
        requireNonNull(channelId, "channelId");
        requireNonNull(title, "title");
        requireNonNull(url, "url");
        api.create("bookmarks.add", api.args().put("channel_id", channelId).put("title", title.strip())
                .put("type", "link").put("link", url));
    }

    /**
     * Archives a channel with {@code conversations.archive}; a channel archived already
     * ({@code already_archived}) counts as success.
     *
     * @param channelId the channel
     */
    @Override
    public void archive(String channelId) {
        requireNonNull(channelId, "channelId");
        try {
            api.call("conversations.archive", api.args().put("channel", channelId));
        } catch (PortException e) {
            if (!e.vendorCode().equals("already_archived")) {
                throw e;
            }
        }
    }

    @Override
    public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
        requireNonNull(channelId, "channelId");
        requireNonNull(person, "person");
        ObjectNode args = api.args().put("channel", channelId).put("user", person.id());
        api.create("chat.postEphemeral", BlockKit.renderOne(message).into(args));
    }

    /** Stops the threads this gateway started; calls in flight may fail. */
    @Override
    public void close() {
        api.close();
    }

    /** Names the API URL only. */
    @Override
    public String toString() {
        return "SlackChatGateway[" + config.apiUrl() + "]";
    }

    /**
     * Builds a {@link SlackChatGateway}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final SlackConfig config;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpClient httpClient;
        private @Nullable ScheduledExecutorService scheduler;
        private Duration postInterval = Duration.ofSeconds(1);
        private int postBurst = 3;
        private Duration markerLookback = Duration.ofHours(24);

        private Builder(SlackConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /**
         * Sets the clock for rate-limit buckets, {@code Retry-After} dates and the history look-back of a
         * repeated post; default UTC system clock.
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
         * Uses this JDK HTTP client (proxies, TLS settings).
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = requireNonNull(client, "client");
            return this;
        }

        /**
         * Schedules retries and paced posts on this executor, which the caller owns; by default the gateway
         * starts one daemon thread and stops it on {@link SlackChatGateway#close()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the posting pace per channel; default one message per second with bursts of three.
         *
         * @param interval how often a channel earns a post; zero for no pacing
         * @param burst how many posts a channel can save up, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is negative or {@code burst} below 1
         */
        public Builder postRate(Duration interval, int burst) {
            requireNonNull(interval, "interval");
            if (interval.isNegative() || burst < 1) {
                throw new IllegalArgumentException("postRate needs interval >= 0 and burst >= 1; got " + interval
                        + " and " + burst);
            }
            this.postInterval = interval;
            this.postBurst = burst;
            return this;
        }

        /**
         * Sets how far back a repeated post looks in the channel's history for the parts an earlier attempt
         * posted; default 24 hours. Only read when {@link IdempotencyKey#mayExist()}.
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
        public SlackChatGateway build() {
            return new SlackChatGateway(this);
        }
    }
}
