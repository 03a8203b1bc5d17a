package dev.incidentkit.jdbc;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import java.util.List;

/** A chat gateway that hands every call to another; tests override the calls they want to bend. */
class ForwardingChat implements ChatGateway {
    private final ChatGateway vendor;

    ForwardingChat(ChatGateway vendor) {
        this.vendor = vendor;
    }

    @Override
    public Channel createChannel(String name, IdempotencyKey key) {
        return vendor.createChannel(name, key);
    }

    @Override
    public void invite(String channelId, List<PersonRef> people) {
        vendor.invite(channelId, people);
    }

    @Override
    public void setTopic(String channelId, String topic) {
        vendor.setTopic(channelId, topic);
    }

    @Override
    public MessageRef post(String channelId, ChatMessage message, IdempotencyKey key) {
        return vendor.post(channelId, message, key);
    }

    @Override
    public void update(MessageRef message, ChatMessage content) {
        vendor.update(message, content);
    }

    @Override
    public void pin(MessageRef message) {
        vendor.pin(message);
    }

    @Override
    public void bookmark(String channelId, String title, String url) {
        vendor.bookmark(channelId, title, url);
    }

    @Override
    public void postEphemeral(String channelId, PersonRef person, ChatMessage message) {
        vendor.postEphemeral(channelId, person, message);
    }
}
