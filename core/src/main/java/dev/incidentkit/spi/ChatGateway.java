package dev.incidentkit.spi;

import dev.incidentkit.incident.PersonRef;
import java.util.List;

/**
 * The chat platform: channels, messages and people, in neutral terms. Slack is the reference adapter.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use.
 *
 * <p><b>Idempotency:</b> calls that create something carry an {@code idempotencyKey}, stable across
 * retries of the same effect; an implementation that can recognise a repeat (for example by message
 * metadata) returns the earlier result instead of creating a second one.
 *
 * <p><b>Failures:</b> every method throws {@link PortException} when the platform refuses or cannot be
 * reached; its {@link PortException#kind() kind} says whether a retry can help.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.ChatGatewayContract</a>
 * @since 0.1
 */
public interface ChatGateway {

    /**
     * A channel.
     *
     * @param id the platform's id, e.g. {@code C0123ABCD}
     * @param name the name without {@code #}, e.g. {@code inc-42-checkout-is-failing}
     */
    record Channel(String id, String name) {}

    /**
     * A posted message.
     *
     * @param channelId where it was posted
     * @param id the platform's id of the message (Slack's {@code ts})
     */
    record MessageRef(String channelId, String id) {}

    /**
     * Creates a channel for an incident. The adapter turns {@code name} into a valid name for its
     * platform and, if the name is taken, picks a free variant.
     *
     * @param name the wished-for name, e.g. {@code inc-42-checkout-is-failing}
     * @param idempotencyKey stable across retries; when {@link IdempotencyKey#mayExist()}, look for the
     *     vendor-kept marker of an earlier attempt before creating anything
     * @return the channel created
     */
    Channel createChannel(String name, IdempotencyKey idempotencyKey);

    /**
     * Invites people to a channel; people already in it are not an error.
     *
     * @param channelId the channel
     * @param people who to invite
     */
    void invite(String channelId, List<PersonRef> people);

    /**
     * Sets the channel's topic, e.g. {@code SEV1 · investigating · IMOC: Alice}.
     *
     * @param channelId the channel
     * @param topic the topic; adapters truncate it to the platform's limit
     */
    void setTopic(String channelId, String topic);

    /**
     * Posts a message.
     *
     * @param channelId the channel
     * @param message the message; adapters split or truncate it to the platform's limits, never fail
     * @param idempotencyKey stable across retries; when {@link IdempotencyKey#mayExist()}, look for the
     *     vendor-kept marker of an earlier attempt before creating anything
     * @return the posted message
     */
    MessageRef post(String channelId, ChatMessage message, IdempotencyKey idempotencyKey);

    /**
     * Replaces a posted message's content.
     *
     * @param message the message to update
     * @param content the new content
     */
    void update(MessageRef message, ChatMessage content);

    /**
     * Pins a message in its channel.
     *
     * @param message the message
     */
    void pin(MessageRef message);

    /**
     * Adds a bookmark (a link at the top of the channel): the status page incident, the page, the issue.
     *
     * @param channelId the channel
     * @param title the link's label
     * @param url the address
     */
    void bookmark(String channelId, String title, String url);

    /**
     * Shows a message to one person only.
     *
     * @param channelId the channel
     * @param person who sees it
     * @param message the message
     */
    void postEphemeral(String channelId, PersonRef person, ChatMessage message);
}
