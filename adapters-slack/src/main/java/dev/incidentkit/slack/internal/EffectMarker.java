package dev.incidentkit.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * The marker a posted message carries so that a repeat can find it: Slack message {@code metadata} with
 * {@code event_type} {@value #EVENT_TYPE} and an {@code event_payload} of the idempotency key, the part's
 * number (from 1) and the number of parts. Slack keeps it with the message and returns it from
 * {@code conversations.history} when asked with {@code include_all_metadata=true}.
 */
public final class EffectMarker {
    /** The {@code event_type} of our metadata. */
    public static final String EVENT_TYPE = "incidentkit_effect";

    private EffectMarker() {}

    /**
     * Writes the marker into {@code chat.postMessage} arguments.
     *
     * @param args the arguments
     * @param key the idempotency key
     * @param part the part's number, from 1
     * @param parts how many parts the message has
     * @return {@code args}
     */
    public static ObjectNode into(ObjectNode args, String key, int part, int parts) {
        ObjectNode metadata = args.putObject("metadata");
        metadata.put("event_type", EVENT_TYPE);
        metadata.putObject("event_payload").put("key", key).put("part", part).put("parts", parts);
        return args;
    }

    /**
     * Reads which part of the message with this key a message from {@code conversations.history} is.
     *
     * @param message a message object
     * @param key the idempotency key
     * @return the part's number, or empty if the message carries no marker for this key
     */
    public static OptionalInt partOf(JsonNode message, String key) {
        JsonNode metadata = message.path("metadata");
        JsonNode payload = metadata.path("event_payload");
        int part = payload.path("part").asInt(0);
        if (!metadata.path("event_type").asText().equals(EVENT_TYPE) || !payload.path("key").asText().equals(key)
                || part < 1) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(part);
    }
}
