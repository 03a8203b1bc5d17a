package dev.incidentkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.PersonRef;

/**
 * A line of chat text addressed to incidentkit: a slash command, a button click (whose button carries
 * its command text) or a message in an incident channel.
 *
 * @param actor who sent it
 * @param channelId the channel it came from; commands in a channel bound to an incident need no id
 * @param text what they typed, e.g. {@code note rolled back deploy 1234}
 * @param channelName the channel's name without {@code #}, which {@code declare here} records; the id when
 *     the platform gives no name
 * @since 0.1
 */
public record ChatRequest(PersonRef actor, String channelId, String text, String channelName) {
    /** Checks nulls. */
    public ChatRequest {
        requireNonNull(actor, "actor");
        requireNonNull(channelId, "channelId");
        requireNonNull(text, "text");
        requireNonNull(channelName, "channelName");
    }

    /**
     * A request from a channel known by its id only.
     *
     * @param actor who sent it
     * @param channelId the channel it came from
     * @param text what they typed
     */
    public ChatRequest(PersonRef actor, String channelId, String text) {
        this(actor, channelId, text, channelId);
    }
}
