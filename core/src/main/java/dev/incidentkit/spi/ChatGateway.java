package dev.incidentkit.spi;

import dev.incidentkit.incident.PersonRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
 * <p><b>Capabilities:</b> platforms differ (Teams cannot pin a channel message through its API, for
 * example). {@link #capabilities()} says what this implementation can do, and the kit never calls an
 * operation whose {@link Capability} is missing: it degrades visibly instead (says so in the channel or
 * the reply).
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

    /** Who can see a channel. */
    enum Visibility {
        /** Anyone in the workspace can find and join it. */
        PUBLIC,
        /** Only the people invited can see it (security incidents). */
        PRIVATE
    }

    /** An operation that not every platform has; see {@link #capabilities()}. */
    enum Capability {
        /** {@link #pin}. */
        PIN,
        /** {@link #bookmark}. */
        BOOKMARK,
        /** {@link #setTopic}. */
        TOPIC,
        /** {@link #postEphemeral}; without it the kit answers the asker in a direct reply instead. */
        EPHEMERAL,
        /** {@link #archive}. */
        ARCHIVE,
        /** {@link #createChannel(String, Visibility, IdempotencyKey)} with {@link Visibility#PRIVATE}. */
        PRIVATE_CHANNELS,
        /** A reaction on a message turns it into a timeline note (Slack's {@code :pushpin:}). */
        REACTION_NOTES
    }

    /**
     * Returns what this implementation can do. The default is what every implementation written before
     * capabilities existed could do: everything but {@link Capability#ARCHIVE} and
     * {@link Capability#PRIVATE_CHANNELS}, whose methods have defaults that refuse.
     *
     * @return the capabilities, never {@code null}
     */
    default Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.ARCHIVE, Capability.PRIVATE_CHANNELS));
    }

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
     * Creates a channel for an incident with the given visibility. The kit calls this only with
     * {@link Visibility#PRIVATE} when {@link #capabilities()} has {@link Capability#PRIVATE_CHANNELS}.
     *
     * @param name the wished-for name, as for {@link #createChannel(String, IdempotencyKey)}
     * @param visibility who can see the channel
     * @param idempotencyKey as for {@link #createChannel(String, IdempotencyKey)}
     * @return the channel created
     * @throws PortException of kind {@link PortException.Kind#INVALID} by default for a private channel
     */
    default Channel createChannel(String name, Visibility visibility, IdempotencyKey idempotencyKey) {
        if (visibility == Visibility.PRIVATE) {
            throw unsupported("create a private channel");
        }
        return createChannel(name, idempotencyKey);
    }

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

    /**
     * Archives a channel: nobody can post in it any more, its history stays readable. Archiving an
     * archived channel is not an error. The kit calls this only when {@link #capabilities()} has
     * {@link Capability#ARCHIVE}.
     *
     * @param channelId the channel
     * @throws PortException of kind {@link PortException.Kind#INVALID} by default
     */
    default void archive(String channelId) {
        throw unsupported("archive a channel");
    }

    private PortException unsupported(String operation) {
        return new PortException(getClass().getSimpleName(), PortException.Kind.INVALID, "unsupported", 0, null,
                "this chat platform cannot " + operation + "; check capabilities() before asking");
    }
}
