package dev.incidentkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.spi.ChatMessage;
import java.util.List;

/**
 * What to answer a person at once, before any vendor is called.
 *
 * @param text the answer, in the chat's tiny markup ({@code *bold*}, {@code `code`})
 * @param visibility who sees it
 * @param buttons actions offered with the answer, e.g. Confirm; each sends its chat command when clicked
 * @since 0.1
 */
public record Reply(String text, Visibility visibility, List<ChatMessage.Button> buttons) {

    /** Who sees a reply. */
    public enum Visibility {
        /** Only the person who sent the command (usage messages, refusals, help). */
        SENDER,
        /** Everyone in the channel. */
        CHANNEL
    }

    /** Checks nulls and copies. */
    public Reply {
        requireNonNull(text, "text");
        requireNonNull(visibility, "visibility");
        buttons = List.copyOf(buttons);
    }

    /**
     * A reply without buttons.
     *
     * @param text the answer
     * @param visibility who sees it
     */
    public Reply(String text, Visibility visibility) {
        this(text, visibility, List.of());
    }

    /**
     * A reply only the sender sees, with buttons.
     *
     * @param text the text
     * @param buttons the buttons
     * @return the reply
     */
    public static Reply toSender(String text, List<ChatMessage.Button> buttons) {
        return new Reply(text, Visibility.SENDER, buttons);
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
