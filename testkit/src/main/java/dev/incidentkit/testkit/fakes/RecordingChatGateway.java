package dev.incidentkit.testkit.fakes;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChatGateway} that records calls. Channels get ids {@code C1}, {@code C2}, …; messages
 * {@code M1}, …. The same idempotency key returns the earlier channel or message, as a careful adapter
 * does.
 *
 * @since 0.1
 */
public final class RecordingChatGateway extends FakePort implements ChatGateway {
    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Map<String, Object> byKey = new HashMap<>();

    /** Creates the fake. */
    public RecordingChatGateway() {
        super("chat");
    }

    @Override
    public Channel createChannel(String name, String idempotencyKey) {
        record("createChannel", name, idempotencyKey);
        synchronized (byKey) {
            return (Channel) byKey.computeIfAbsent(idempotencyKey, k -> new Channel("C" + channels.incrementAndGet(), name));
        }
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
    public MessageRef post(String channelId, ChatMessage message, String idempotencyKey) {
        record("post", channelId, message, idempotencyKey);
        synchronized (byKey) {
            return (MessageRef) byKey.computeIfAbsent(idempotencyKey, k -> new MessageRef(channelId, "M" + messages.incrementAndGet()));
        }
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
     * Returns the messages posted, in order.
     *
     * @return the messages
     */
    public List<ChatMessage> posted() {
        return calls("post").stream().map(c -> (ChatMessage) c.arg(1)).toList();
    }
}
