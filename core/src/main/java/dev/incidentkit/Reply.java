package dev.incidentkit;

import static java.util.Objects.requireNonNull;

/**
 * What to answer a person at once, before any vendor is called.
 *
 * @param text the answer, in the chat's tiny markup ({@code *bold*}, {@code `code`})
 * @param visibility who sees it
 * @since 0.1
 */
public record Reply(String text, Visibility visibility) {

    /** Who sees a reply. */
    public enum Visibility {
        /** Only the person who sent the command (usage messages, refusals, help). */
        SENDER,
        /** Everyone in the channel. */
        CHANNEL
    }

    /** Checks nulls. */
    public Reply {
        requireNonNull(text, "text");
        requireNonNull(visibility, "visibility");
    }

    /**
     * A reply only the sender sees.
     *
     * @param text the text
     * @return the reply
     */
    public static Reply toSender(String text) {
        return new Reply(text, Visibility.SENDER);
    }

    /**
     * A reply the whole channel sees.
     *
     * @param text the text
     * @return the reply
     */
    public static Reply toChannel(String text) {
        return new Reply(text, Visibility.CHANNEL);
    }
}
