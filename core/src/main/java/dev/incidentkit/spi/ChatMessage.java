package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.util.List;

/**
 * A chat message in neutral form, which each {@link ChatGateway} renders for its platform (Block Kit for
 * Slack). The text uses a tiny markup every platform can show: {@code *bold*}, {@code `code`},
 * {@code <url|label>} links and line breaks. Anyone can write a link, so adapters show its address beside
 * the label, never hidden under it (Slack renders {@code label (url)}).
 *
 * @param kind what the message is for, so an adapter can style it
 * @param title a short heading, e.g. {@code INC-42 · SEV1 · Checkout is failing}; may be empty
 * @param text the body, in the tiny markup; also the plain-text fallback
 * @param buttons actions a person can take; each sends its chat command back when clicked
 * @param drill whether this belongs to a drill, so the adapter marks it as practice
 * @since 0.1
 */
public record ChatMessage(Kind kind, String title, String text, List<Button> buttons, boolean drill) {

    /** What a message is for. */
    public enum Kind {
        /** The kick-off message of a new incident, with the IMOC checklist. */
        KICKOFF,
        /** A change of status, severity or roles. */
        STATUS_CHANGE,
        /** A copy of a public status update. */
        PUBLIC_UPDATE,
        /** A reminder for the IMOC or a role. */
        REMINDER,
        /** A request to take over the IMOC role. */
        HANDOFF_REQUEST,
        /** The service-disruption report's summary. */
        REPORT_SUMMARY,
        /** A reply to a person's command. */
        REPLY,
        /** A failure a person must know about (an update that could not be delivered). */
        ALERT
    }

    /**
     * A button.
     *
     * @param label what it says, e.g. {@code Snooze 15m}
     * @param command the chat command clicking it sends as the person who clicked, e.g.
     *     {@code remind me in 15m}
     */
    public record Button(String label, String command) {
        /** Checks the fields. */
        public Button {
            label = Checks.text(label, "button label");
            command = Checks.text(command, "button command");
        }
    }

    /** Checks and copies. */
    public ChatMessage {
        requireNonNull(kind, "kind");
        requireNonNull(title, "title");
        text = Checks.text(text, "message text");
        buttons = List.copyOf(buttons);
    }

    /**
     * A plain reply with no heading or buttons.
     *
     * @param text the text
     * @return the message
     */
    public static ChatMessage reply(String text) {
        return new ChatMessage(Kind.REPLY, "", text, List.of(), false);
    }
}
