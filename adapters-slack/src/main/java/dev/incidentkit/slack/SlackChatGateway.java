package dev.incidentkit.slack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.slack.internal.BlockKit;
import dev.incidentkit.slack.internal.ChannelNames;
import dev.incidentkit.slack.internal.SlackApi;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.PortException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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
 *   <li>Channel names are made valid for Slack (lowercase letters, digits, {@code -} and {@code _}, ≤ 80);
 *       a taken name gets a suffix ({@code -2}, {@code -3}, …).
 *   <li>Messages are rendered as Block Kit with a plain-text fallback; a message too big for one Slack
 *       message continues in the next, and updates and ephemerals are truncated: size never fails a call.
 *       Buttons carry their chat command in {@code value}; {@link SlackInbound} runs it when clicked.
 *   <li>Posts are paced per channel (default one per second with bursts of three, Slack's posting limit)
 *       in call order, and a 429 is retried after its {@code Retry-After}.
 *   <li>Every {@code ok:false} becomes a {@link PortException} of the right kind; {@code already_in_channel},
 *       {@code cant_invite_self} and {@code already_pinned} count as success.
 *   <li>A repeated {@code createChannel} or {@code post} with the same idempotency key returns the earlier
 *       result (remembered for the last 10,000 keys, in memory: a restart forgets them).
 * </ul>
 *
 * <p>People are invited by their {@link PersonRef#id()}, which must be a Slack user id (as slash commands
 * give them); map other ids with {@link SlackDirectory}. Thread-safe. {@link #close()} stops its threads.
 *
 * <p>Bot scopes needed: {@code channels:manage}, {@code chat:write}, {@code pins:write},
 * {@code bookmarks:write}, {@code users:read}, {@code users:read.email}; for {@link SlackInbound} also
 * {@code commands}, {@code reactions:read}, {@code channels:history}.
 *
 * @since 0.1
 */
public final class SlackChatGateway implements ChatGateway, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackChatGateway.class);
    private static final int TOPIC_LIMIT = 250;
    private static final int NAME_VARIANTS = 20;
    private static final int INVITE_BATCH = 1000;
    private static final Set<String> ALREADY_DONE_INVITE = Set.of("already_in_channel", "cant_invite_self");

    private final SlackApi api;
    private final SlackConfig config;
    private final Map<String, Object> idempotent = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > 10_000;
        }
    };

    private SlackChatGateway(Builder b) {
        this.config = b.config;
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

    @Override
    public Channel createChannel(String name, String idempotencyKey) {
        requireNonNull(name, "name");
        requireNonNull(idempotencyKey, "idempotencyKey");
        Object earlier = remembered(idempotencyKey);
        if (earlier instanceof Channel c) {
            return c;
        }
        String base = ChannelNames.normalize(name);
        PortException taken = null;
        for (int i = 1; i <= NAME_VARIANTS; i++) {
            String candidate = i == 1 ? base : ChannelNames.withSuffix(base, i);
            ObjectNode args = api.args().put("name", candidate).put("is_private", false);
            try {
                JsonNode channel = api.create("conversations.create", args).path("channel");
                Channel created = new Channel(channel.path("id").asText(), channel.path("name").asText(candidate));
                remember(idempotencyKey, created);
                return created;
            } catch (PortException e) {
                if (!e.vendorCode().equals("name_taken")) {
                    throw e;
                }
                taken = e;
                log.debug("slack channel name {} is taken; trying a variant", candidate);
            }
        }
        throw new PortException("slack conversations.create", PortException.Kind.INVALID, "name_taken",
                requireNonNull(taken).httpStatus(), null, "the name " + base + " and " + (NAME_VARIANTS - 1)
                + " numbered variants are taken; archive old incident channels or choose another name");
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
        String plain = topic.replaceAll("\\s*\\R\\s*", " · ").strip();
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
    public MessageRef post(String channelId, ChatMessage message, String idempotencyKey) {
        requireNonNull(channelId, "channelId");
        requireNonNull(message, "message");
        requireNonNull(idempotencyKey, "idempotencyKey");
        Object earlier = remembered(idempotencyKey);
        if (earlier instanceof MessageRef ref) {
            return ref;
        }
        MessageRef first = null;
        for (BlockKit.Rendered part : BlockKit.render(message)) {
            JsonNode r = api.postMessage(channelId, part.into(api.args().put("channel", channelId)));
            MessageRef ref = new MessageRef(r.path("channel").asText(channelId), r.path("ts").asText());
            if (first == null) {
                first = ref;
                remember(idempotencyKey, ref); // a retry after a failed continuation must not repeat the first part
            }
        }
        return requireNonNull(first);
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

    @Override
    public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
        requireNonNull(channelId, "channelId");
        requireNonNull(person, "person");
        ObjectNode args = api.args().put("channel", channelId).put("user", person.id());
        api.create("chat.postEphemeral", BlockKit.renderOne(message).into(args));
    }

    private @Nullable Object remembered(String key) {
        synchronized (idempotent) {
            return idempotent.get(key);
        }
    }

    private void remember(String key, Object result) {
        synchronized (idempotent) {
            idempotent.put(key, result);
        }
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

        private Builder(SlackConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /**
         * Sets the clock for rate-limit buckets and {@code Retry-After} dates; default UTC system clock.
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
         * Builds the gateway.
         *
         * @return the gateway
         */
        public SlackChatGateway build() {
            return new SlackChatGateway(this);
        }
    }
}
