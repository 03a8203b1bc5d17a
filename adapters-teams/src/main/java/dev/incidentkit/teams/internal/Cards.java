package dev.incidentkit.teams.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.spi.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders the kit's neutral {@link ChatMessage} as a Bot Framework message activity carrying one Adaptive
 * Card, version 1.5 (the highest Teams renders for bots, api-notes-teams §5.1), with a plain-text fallback
 * ({@code fallbackText}, and {@code summary} for notifications). No {@code text} is sent next to the card:
 * Teams would split the two into separate messages and the answer would carry no usable id (§4.2).
 *
 * <ul>
 *   <li>The tiny markup becomes the card's Markdown subset: {@code *bold*} → {@code **bold**},
 *       {@code <url|label>} → {@code [label](url)}; a person reference {@code <@id|name>} becomes a Teams
 *       mention ({@code <at>name</at>} plus an entry in {@code msteams.entities}).
 *   <li>Buttons are {@code Action.Execute} with verb {@value #VERB} and {@code data.command}, falling back
 *       to an {@code Action.Submit} with {@code data.incidentkitCommand} on clients without Universal
 *       Actions (§5.3); at most six (labels cut to 60 characters), the others listed as commands to type.
 *   <li>A post carries its effect's key in a hidden {@code TextBlock} with id {@value #MARKER_ID}, the
 *       marker a repeated post looks for (the Bot Connector keeps no idempotency key, §4.4).
 *   <li>The whole activity is kept within {@link #MAX_ACTIVITY_BYTES} (UTF-16, as Teams counts), by
 *       truncating the body with a visible note: size never fails a call.
 * </ul>
 */
public final class Cards {
    /** The attachment content type of an Adaptive Card. */
    public static final String ADAPTIVE = "application/vnd.microsoft.card.adaptive";
    /** The verb of every button the kit renders. */
    public static final String VERB = "incidentkit.command";
    /** The id of the hidden element that carries a post's idempotency key. */
    public static final String MARKER_ID = "incidentkit-effect";
    /**
     * The size budget of one activity: Teams takes 100 KB and recommends 80 KB, but channel posts
     * forwarded or read through Graph are limited to about 28 KB (api-notes-teams §4.7), so 28 KB it is.
     */
    public static final int MAX_ACTIVITY_BYTES = 28 * 1024;

    private static final Pattern LINK = Pattern.compile("<(https?://[^|>\\s]+)(?:\\|([^>]*))?>");
    private static final Pattern PERSON = Pattern.compile("<@([^|>\\s]+)(?:\\|([^>]+))?>");
    private static final Pattern BOLD = Pattern.compile("(?<![*\\w])\\*([^*\\n]+)\\*(?![*\\w])");
    private static final int SUMMARY_LIMIT = 200;
    /** Teams shows a handful of actions on a card; more are listed as commands to type. */
    private static final int MAX_BUTTONS = 6;
    private static final int LABEL_LIMIT = 60;

    private Cards() {}

    /** The message activity for a post or an update; {@code marker} is the post's key, or null. */
    public static ObjectNode activity(ObjectMapper json, ChatMessage message, @Nullable String marker) {
        String text = message.text();
        ObjectNode activity = render(json, message, text, marker);
        for (int i = 0; i < 8 && size(activity) > MAX_ACTIVITY_BYTES; i++) {
            int excess = (size(activity) - MAX_ACTIVITY_BYTES) / 2; // chars; the text is there about twice
            int keep = Math.max(0, text.length() - excess / 2 - 200);
            text = text.substring(0, keep) + "\n… (truncated: the message was too long for Teams)";
            activity = render(json, message, text, marker);
        }
        return activity;
    }

    private static int size(JsonNode node) {
        return node.toString().length() * 2;
    }

    private static ObjectNode render(ObjectMapper json, ChatMessage message, String text, @Nullable String marker) {
        ObjectNode card = json.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.5");
        String fallback = (message.title().isBlank() ? "" : plain(message.title()) + "\n") + plain(text);
        card.put("fallbackText", fallback);
        ArrayNode body = card.putArray("body");
        List<ObjectNode> mentions = new ArrayList<>();
        if (!message.title().isBlank()) {
            ObjectNode h = body.addObject().put("type", "TextBlock").put("text", markdown(message.title(), mentions, json))
                    .put("weight", "Bolder").put("size", "Medium").put("wrap", true);
            if (message.kind() == ChatMessage.Kind.ALERT) {
                h.put("color", "Attention");
            }
        }
        if (message.drill()) {
            body.addObject().put("type", "TextBlock").put("text", "DRILL: practice only, nothing is public")
                    .put("color", "Warning").put("weight", "Bolder").put("wrap", true);
        }
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                continue;
            }
            body.addObject().put("type", "TextBlock").put("text", markdown(line, mentions, json)).put("wrap", true)
                    .put("spacing", "Small");
        }
        if (marker != null) {
            body.addObject().put("type", "TextBlock").put("id", MARKER_ID).put("text", marker).put("isVisible", false);
        }
        List<ChatMessage.Button> buttons = message.buttons();
        if (buttons.size() > MAX_BUTTONS) { // the rest are offered as commands to type
            StringBuilder more = new StringBuilder("Also: ");
            for (ChatMessage.Button b : buttons.subList(MAX_BUTTONS, buttons.size())) {
                more.append(more.length() > 6 ? ", " : "").append('`').append(b.command()).append('`');
            }
            body.addObject().put("type", "TextBlock").put("text", more.toString()).put("wrap", true).put("isSubtle", true);
            buttons = buttons.subList(0, MAX_BUTTONS);
        }
        if (!buttons.isEmpty()) {
            ArrayNode actions = card.putArray("actions");
            for (ChatMessage.Button b : buttons) {
                String label = b.label().length() <= LABEL_LIMIT ? b.label() : b.label().substring(0, LABEL_LIMIT - 1) + "…";
                actions.add(button(json, label, b.command()));
            }
        }
        ObjectNode msteams = card.putObject("msteams").put("width", "Full");
        if (!mentions.isEmpty()) {
            ArrayNode entities = msteams.putArray("entities");
            mentions.forEach(entities::add);
        }
        ObjectNode activity = json.createObjectNode().put("type", "message");
        activity.put("summary", summary(fallback));
        activity.putArray("attachments").addObject().put("contentType", ADAPTIVE).set("content", card);
        return activity;
    }

    /** An {@code Action.Execute} button that sends {@code command} back, with its classic fallback. */
    public static ObjectNode button(ObjectMapper json, String label, String command) {
        ObjectNode a = json.createObjectNode().put("type", "Action.Execute").put("title", label).put("verb", VERB);
        a.putObject("data").put("command", command);
        ObjectNode fallback = a.putObject("fallback").put("type", "Action.Submit").put("title", label);
        fallback.putObject("data").put("incidentkitCommand", command);
        return a;
    }

    /** A plain-text activity (a reply), with mentions of the tiny markup made real. */
    public static ObjectNode textActivity(ObjectMapper json, String markup) {
        List<ObjectNode> mentions = new ArrayList<>();
        String text = markdown(markup, mentions, json);
        int limit = MAX_ACTIVITY_BYTES / 2 - 2000;
        if (text.length() > limit) {
            text = text.substring(0, limit) + "\n… (truncated)";
        }
        ObjectNode activity = json.createObjectNode().put("type", "message").put("textFormat", "markdown").put("text", text);
        if (!mentions.isEmpty()) {
            ArrayNode entities = activity.putArray("entities");
            mentions.forEach(entities::add);
        }
        return activity;
    }

    /** The key a card's hidden marker carries, if it has one. */
    public static Optional<String> marker(JsonNode card) {
        for (JsonNode element : card.path("body")) {
            if (element.path("id").asText().equals(MARKER_ID)) {
                return Optional.of(element.path("text").asText());
            }
        }
        return Optional.empty();
    }

    /** The tiny markup as the card's Markdown, collecting mention entities. */
    static String markdown(String markup, List<ObjectNode> mentions, ObjectMapper json) {
        Matcher m = PERSON.matcher(markup);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = m.group(1);
            String name = m.group(2) == null ? id : m.group(2).strip();
            String at = "<at>" + escapeXml(name) + "</at>";
            ObjectNode e = json.createObjectNode().put("type", "mention").put("text", at);
            e.putObject("mentioned").put("id", id).put("name", name);
            mentions.add(e);
            m.appendReplacement(out, Matcher.quoteReplacement(at));
        }
        m.appendTail(out);
        String s = LINK.matcher(out.toString()).replaceAll(r -> Matcher.quoteReplacement(
                "[" + (r.group(2) == null || r.group(2).isBlank() ? r.group(1) : r.group(2)) + "](" + r.group(1) + ")"));
        return BOLD.matcher(s).replaceAll("**$1**");
    }

    /** The tiny markup as plain text: {@code label (url)}, {@code @name}, no emphasis marks. */
    public static String plain(String markup) {
        String s = PERSON.matcher(markup).replaceAll(r -> Matcher.quoteReplacement(
                "@" + (r.group(2) == null ? r.group(1) : r.group(2).strip())));
        s = LINK.matcher(s).replaceAll(r -> Matcher.quoteReplacement(
                r.group(2) == null || r.group(2).isBlank() ? r.group(1) : r.group(2) + " (" + r.group(1) + ")"));
        return BOLD.matcher(s).replaceAll("$1");
    }

    private static String summary(String fallback) {
        String oneLine = fallback.replaceAll("\\s*\\R\\s*", " · ").strip();
        return oneLine.length() <= SUMMARY_LIMIT ? oneLine : oneLine.substring(0, SUMMARY_LIMIT - 1) + "…";
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The dialog card of the public status update: a status choice and the customer-facing message. */
    public static ObjectNode statusForm(ObjectMapper json, String channelId, String error) {
        ObjectNode card = json.createObjectNode().put("type", "AdaptiveCard").put("version", "1.5");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", "Public status update").put("weight", "Bolder")
                .put("size", "Medium");
        if (!error.isEmpty()) {
            body.addObject().put("type", "TextBlock").put("text", error).put("color", "Attention").put("wrap", true);
        }
        ObjectNode status = body.addObject().put("type", "Input.ChoiceSet").put("id", "status")
                .put("label", "Status").put("value", "investigating").put("isRequired", true);
        ArrayNode choices = status.putArray("choices");
        for (String s : List.of("investigating", "identified", "monitoring", "resolved")) {
            choices.addObject().put("title", s).put("value", s);
        }
        body.addObject().put("type", "Input.Text").put("id", "message").put("label", "What customers should know")
                .put("isMultiline", true).put("isRequired", true).put("maxLength", 2000);
        ObjectNode submit = card.putArray("actions").addObject().put("type", "Action.Submit").put("title", "Preview");
        submit.putObject("data").put("incidentkitForm", "status-update").put("channel", channelId);
        return card;
    }

    /** The dialog card that turns a message into a note, with the message's text to edit. */
    public static ObjectNode noteForm(ObjectMapper json, String text) {
        ObjectNode card = json.createObjectNode().put("type", "AdaptiveCard").put("version", "1.5");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", "Add to the incident timeline").put("weight", "Bolder");
        body.addObject().put("type", "Input.Text").put("id", "note").put("label", "Note").put("isMultiline", true)
                .put("value", text).put("isRequired", true).put("maxLength", 3000);
        card.putArray("actions").addObject().put("type", "Action.Submit").put("title", "Add note");
        return card;
    }

    /** A dialog answer ({@code task/fetch}, {@code composeExtension/fetchTask}) showing a card. */
    public static ObjectNode dialog(ObjectMapper json, String title, ObjectNode card) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode value = answer.putObject("task").put("type", "continue").putObject("value")
                .put("title", title).put("height", "medium").put("width", "medium");
        value.putObject("card").put("contentType", ADAPTIVE).set("content", card);
        return answer;
    }
}
