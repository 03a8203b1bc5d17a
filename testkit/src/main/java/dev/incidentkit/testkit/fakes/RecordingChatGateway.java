package dev.incidentkit.testkit.fakes;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChatGateway} that records calls and behaves like a chat platform: every {@code createChannel}
 * makes a new channel ({@code C1}, {@code C2}, …) and every {@code post} a new message ({@code M1}, …),
 * whatever the key. Like a careful adapter, it looks for the marker an earlier attempt left (message
 * metadata, the channel's name) only when the key says an earlier attempt {@link IdempotencyKey#mayExist()
 * may exist}; so a caller that repeats a call without saying so makes a duplicate, and a test sees it.
 *
 * @since 0.1
 */
public final class RecordingChatGateway extends FakePort implements ChatGateway {
    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private volatile Set<Capability> capabilities = EnumSet.complementOf(EnumSet.of(Capability.PRIVATE_CHANNELS));

    /** Creates the fake. */
    public RecordingChatGateway() {
        super("chat");
    }

    @Override
    public Channel createChannel(String name, IdempotencyKey key) {
        return create("createChannel", key, Channel.class, () -> new Channel("C" + channels.incrementAndGet(), name),
                name, key.value());
    }

    @Override
    public void invite(String channelId, List<PersonRef> people) {
        record("invite", channelId, people);
    }

    @Override
    public void setTopic(String channelId, String topic) {
        record("setTopic", channelId, topic);
    }

    @Override
    public MessageRef post(String channelId, ChatMessage message, IdempotencyKey key) {
        return create("post", key, MessageRef.class, () -> new MessageRef(channelId, "M" + messages.incrementAndGet()),
                channelId, message, key.value());
    }

    @Override
    public void update(MessageRef message, ChatMessage content) {
        record("update", message, content);
    }

    @Override
    public void pin(MessageRef message) {
        record("pin", message);
    }

    @Override
    public void bookmark(String channelId, String title, String url) {
        record("bookmark", channelId, title, url);
    }

    @Override
    public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
        record("postEphemeral", channelId, person, message);
    }

    /**
     * Archives a channel (recorded as {@code archive}); refuses as the SPI's default does when
     * {@link Capability#ARCHIVE} was taken away with {@link #without}.
     *
     * @param channelId the channel
     */
    @Override
    public void archive(String channelId) {
        if (!capabilities.contains(Capability.ARCHIVE)) {
            ChatGateway.super.archive(channelId);
        }
        record("archive", channelId);
    }

    /**
     * Returns what this fake can do: everything but private channels, less what {@link #without} took away.
     *
     * @return the capabilities
     */
    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Takes capabilities away, to play a platform that lacks them (e.g. Teams cannot archive).
     *
     * @param missing what the platform cannot do
     * @return this fake
     */
    public RecordingChatGateway without(Capability... missing) {
        EnumSet<Capability> left = EnumSet.copyOf(capabilities);
        left.removeAll(List.of(missing));
        capabilities = Set.copyOf(left);
        return this;
    }

    /**
     * Returns the channels archived, in order: each time one was archived.
     *
     * @return the channels' ids
     */
    public List<String> archived() {
        return calls("archive").stream().map(c -> (String) c.arg(0)).toList();
    }

    /**
     * Returns the messages posted, in order: each time a message reached the channel, so a duplicate
     * shows twice.
     *
     * @return the messages
     */
    public List<ChatMessage> posted() {
        return calls("post").stream().map(c -> (ChatMessage) c.arg(1)).toList();
    }

    /**
     * Returns the channels created, in order: each time one was created, so a duplicate shows twice.
     *
     * @return the channels' wished-for names
     */
    public List<String> created() {
        return calls("createChannel").stream().map(c -> (String) c.arg(0)).toList();
    }
}
