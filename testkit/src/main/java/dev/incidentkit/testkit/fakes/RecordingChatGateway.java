package dev.incidentkit.testkit.fakes;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
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
 * <p>It can create private channels ({@link Capability#PRIVATE_CHANNELS}) unless built without that
 * capability, and then refuses them as a platform without them would; {@link #createdPrivately()} lists them.
 *
 * @since 0.1
 */
public final class RecordingChatGateway extends FakePort implements ChatGateway {
    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Set<Capability> capabilities;

    /** Creates the fake of a platform that can do everything the chat port offers. */
    public RecordingChatGateway() {
        this(EnumSet.allOf(Capability.class));
    }

    /**
     * Creates a fake of a platform with only these capabilities (Teams has no {@link Capability#PIN}, for
     * example). Asking it for one it lacks records the call and fails as the default methods do, with a
     * {@link PortException} of kind {@link PortException.Kind#INVALID}, so a test sees the mistake.
     *
     * @param capabilities what the fake platform can do
     */
    public RecordingChatGateway(Set<Capability> capabilities) {
        super("chat");
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    private void require(Capability capability, String method) {
        if (!capabilities.contains(capability)) {
            throw new PortException("chat " + method, PortException.Kind.INVALID, "unsupported", 0, null,
                    "this fake platform has no " + capability + "; check capabilities() before asking");
        }
    }

    @Override
    public Channel createChannel(String name, IdempotencyKey key) {
        return create("createChannel", key, Channel.class, () -> new Channel("C" + channels.incrementAndGet(), name),
                name, key.value());
    }

    @Override
    public Channel createChannel(String name, Visibility visibility, IdempotencyKey key) {
        if (visibility == Visibility.PUBLIC) {
            return createChannel(name, key);
        }
        if (!capabilities.contains(Capability.PRIVATE_CHANNELS)) {
            return ChatGateway.super.createChannel(name, visibility, key); // refuses, as the port's default does
        }
        return create("createPrivateChannel", key, Channel.class, () -> new Channel("G" + channels.incrementAndGet(), name),
                name, key.value());
    }

    @Override
    public void invite(String channelId, List<PersonRef> people) {
        record("invite", channelId, people);
    }

    @Override
    public void setTopic(String channelId, String topic) {
        record("setTopic", channelId, topic);
        require(Capability.TOPIC, "setTopic");
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
        require(Capability.PIN, "pin");
    }

    @Override
    public void bookmark(String channelId, String title, String url) {
        record("bookmark", channelId, title, url);
        require(Capability.BOOKMARK, "bookmark");
    }

    @Override
    public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
        record("postEphemeral", channelId, person, message);
        require(Capability.EPHEMERAL, "postEphemeral");
    }

    /**
     * Archives a channel (recorded as {@code archive}); refuses as the SPI's default does when built
     * without {@link Capability#ARCHIVE}.
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
        return calls().stream().filter(c -> c.method().equals("createChannel") || c.method().equals("createPrivateChannel"))
                .map(c -> (String) c.arg(0)).toList();
    }

    /**
     * Returns the private channels created, in order (their ids start with {@code G}).
     *
     * @return the channels' wished-for names
     */
    public List<String> createdPrivately() {
        return calls("createPrivateChannel").stream().map(c -> (String) c.arg(0)).toList();
    }
}
