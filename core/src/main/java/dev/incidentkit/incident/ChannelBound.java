package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A chat channel was bound to the incident; all communication happens there.
 *
 * <p>JSON type name: {@code channel_bound}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param channelId the chat platform's channel id
 * @param channelName the channel's name, without {@code #}
 * @since 0.1
 */
public record ChannelBound(long seq, Instant at, PersonRef by, String channelId, String channelName) implements IncidentEvent {

    /** Checks every field. */
    public ChannelBound {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        channelId = Checks.text(channelId, "channel id");
        channelName = Checks.text(channelName, "channel name");
    }
}
