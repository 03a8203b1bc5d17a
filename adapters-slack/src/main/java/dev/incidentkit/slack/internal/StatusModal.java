package dev.incidentkit.slack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The modal for a public status update, opened by {@code /incident update} with no text: a status select
 * and the message. Its submission becomes the chat command {@code update <status>: <message>}. Titles and
 * labels respect the modal limits (api-notes §2.6: title, submit, close ≤ 24 characters).
 */
public final class StatusModal {
    /** The view's {@code callback_id}. */
    public static final String CALLBACK_ID = "incidentkit_status_update";
    static final String KEEP = "keep";
    private static final List<String> STATUSES = List.of("investigating", "identified", "monitoring", "resolved");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatusModal() {}

    /**
     * The view for {@code views.open}.
     *
     * @param channelId the channel the command came from, kept in {@code private_metadata}
     */
    public static ObjectNode view(String channelId) {
        ObjectNode view = NODES.objectNode().put("type", "modal").put("callback_id", CALLBACK_ID)
                .put("private_metadata", channelId);
        view.set("title", plain("Public status update"));
        view.set("submit", plain("Publish"));
        view.set("close", plain("Cancel"));
        ArrayNode blocks = view.putArray("blocks");

        ObjectNode select = NODES.objectNode().put("type", "static_select").put("action_id", "status");
        select.set("placeholder", plain("Choose a status"));
        ArrayNode options = select.putArray("options");
        options.add(option("Keep the current status", KEEP));
        for (String s : STATUSES) {
            options.add(option(Character.toUpperCase(s.charAt(0)) + s.substring(1), s));
        }
        select.set("initial_option", option("Keep the current status", KEEP));
        ObjectNode statusBlock = NODES.objectNode().put("type", "input").put("block_id", "status");
        statusBlock.set("label", plain("Status"));
        statusBlock.set("element", select);
        blocks.add(statusBlock);

        ObjectNode input = NODES.objectNode().put("type", "plain_text_input").put("action_id", "message")
                .put("multiline", true).put("max_length", 2000);
        input.set("placeholder", plain("What customers should know: impact, what we are doing, next update"));
        ObjectNode messageBlock = NODES.objectNode().put("type", "input").put("block_id", "message");
        messageBlock.set("label", plain("Message for the status page"));
        messageBlock.set("element", input);
        blocks.add(messageBlock);
        return view;
    }

    /** A submitted update: the command text and the channel it belongs to. */
    public record Submission(String command, String channelId) {}

    /**
     * Reads a {@code view_submission} payload of this modal.
     *
     * @return the submission, or empty if the message is blank (the caller shows a field error)
     */
    public static Optional<Submission> read(JsonNode payload) {
        JsonNode view = payload.path("view");
        JsonNode values = view.path("state").path("values");
        String status = values.path("status").path("status").path("selected_option").path("value").asText(KEEP);
        String message = values.path("message").path("message").path("value").asText("").strip();
        if (message.isEmpty()) {
            return Optional.empty();
        }
        String oneLine = message.replaceAll("\\s*\\R\\s*", " ");
        String command = STATUSES.contains(status) ? "update " + status + ": " + oneLine : "update: " + oneLine;
        return Optional.of(new Submission(command, view.path("private_metadata").asText("")));
    }

    private static ObjectNode option(String text, String value) {
        ObjectNode o = NODES.objectNode();
        o.set("text", plain(text));
        o.put("value", value);
        return o;
    }

    private static ObjectNode plain(String text) {
        return NODES.objectNode().put("type", "plain_text").put("text", text);
    }
}
