package dev.incidentkit.slack.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.ChatMessage.Button;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link ChatMessage} as Slack messages: Block Kit blocks plus the plain {@code text} fallback
 * (notifications, screen readers). Slack's limits (api-notes §2.6) are respected by construction, so a
 * message never fails for its size:
 *
 * <ul>
 *   <li>section text ≤ 3,000 characters: longer bodies are split at line breaks, else at spaces;
 *   <li>≤ 50 blocks and ≤ 12,000 characters of block text per message (Slack's {@code msg_blocks_too_long}
 *       fires well below the sum of per-block limits): {@link #render} continues in further messages,
 *       {@link #renderOne} truncates and says so;
 *   <li>{@code text} ≤ 40,000 (we stop at 39,000); header ≤ 150; button label ≤ 75; button value
 *       (the command) ≤ 2,000, a longer command becomes text to type instead of a button; ≤ 25 buttons per
 *       actions block.
 * </ul>
 *
 * <p>Each button's {@code value} is the chat command it sends back when clicked; its {@code action_id} is
 * {@code incidentkit-<n>}.
 *
 * <p><b>Escaping.</b> A {@link ChatMessage} cannot tell the bot's words from what people typed (a title, a
 * note, a name), so every text it carries is escaped for Slack's markup: {@code &} becomes {@code &amp;},
 * {@code <} {@code &lt;} and {@code >} {@code &gt;}, in section text, the fallback {@code text}, replies and
 * topics alike. Nothing in a message can therefore ping the workspace ({@code <!channel>},
 * {@code <!everyone>}, {@code <!here>}) or show a link under a label it does not go to
 * ({@code <https://evil|https://status.example.com>}). The bot writes no Slack control sequences of its own:
 * a URL it adds is written bare and Slack links it as it is, and a person is named by name. A link of the tiny
 * markup, {@code <url|label>}, whoever wrote it, is shown as {@code label (url)}, so its real target is always
 * in sight; a user or channel reference Slack itself wrote into typed text ({@code <@U123|alice>}) is shown as
 * {@code @alice}, without a notification. {@code *bold*} and {@code `code`} are kept. Header and button texts are {@code plain_text},
 * which Slack never reads as markup.
 */
public final class BlockKit {
    public static final int SECTION_TEXT = 3000;
    public static final int MAX_BLOCKS = 50;
    public static final int MESSAGE_BLOCK_CHARS = 12_000;
    public static final int TEXT_LIMIT = 39_000;
    public static final int HEADER_TEXT = 150;
    public static final int BUTTON_LABEL = 75;
    public static final int BUTTON_VALUE = 2000;
    public static final int ACTIONS_ELEMENTS = 25;
    /** The {@code action_id} prefix of our buttons. */
    public static final String ACTION_PREFIX = "incidentkit-";
    static final String TRUNCATED = "\n… _(truncated; the full text is in the incident's timeline)_";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Written as text, never as Slack controls: a user or channel reference as Slack writes it into typed text
    // (<@U123|alice>, <#C123|general>), and a link of the tiny markup (<https://…|label>).
    private static final Pattern REFERENCE = Pattern.compile("<([@#])([UWC][A-Z0-9]+)(?:\\|([^<>|]*))?>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^\\s<>|]+)(?:\\|([^<>]*))?>");

    private BlockKit() {}

    /** One rendered Slack message: the fallback text and the blocks. */
    public record Rendered(String text, ArrayNode blocks) {
        /** Writes the fields into a Web API argument object. */
        public ObjectNode into(ObjectNode args) {
            args.put("text", text);
            args.set("blocks", blocks);
            return args;
        }
    }

    /**
     * Renders a message, as one Slack message if it fits and as several otherwise (the buttons go with the
     * last one).
     */
    public static List<Rendered> render(ChatMessage message) {
        return pack(message, false);
    }

    /** Renders a message as exactly one Slack message, truncating if needed (for updates and ephemerals). */
    public static Rendered renderOne(ChatMessage message) {
        return pack(message, true).get(0);
    }

    private static List<Rendered> pack(ChatMessage m, boolean single) {
        List<ObjectNode> lead = new ArrayList<>();
        StringBuilder leadText = new StringBuilder();
        if (m.drill()) {
            leadText.append("[DRILL] ");
        }
        if (!m.title().isBlank()) {
            String title = truncate(emoji(m.kind()) + m.title().strip(), HEADER_TEXT);
            lead.add(NODES.objectNode().put("type", "header").set("text", plain(title)));
            leadText.append(escape(m.title().strip())).append('\n');
        }
        if (m.drill()) {
            lead.add(context(":test_tube: *Drill*: a practice incident; nothing goes to the public status page."));
        }
        List<String> extraLines = new ArrayList<>();
        List<ObjectNode> actions = actions(m.buttons(), extraLines);
        String body = mrkdwn(m.text()) + (extraLines.isEmpty() ? "" : "\n" + escape(String.join("\n", extraLines)));
        List<String> chunks = split(body, SECTION_TEXT);

        List<Rendered> out = new ArrayList<>();
        List<ObjectNode> blocks = new ArrayList<>(lead);
        StringBuilder text = new StringBuilder(leadText);
        int chars = leadText.length();
        int actionBlocks = actions.size();
        for (int i = 0; i < chunks.size(); i++) {
            String chunk = chunks.get(i);
            boolean fits = blocks.size() + 1 + actionBlocks <= MAX_BLOCKS && chars + chunk.length() <= MESSAGE_BLOCK_CHARS;
            if (!fits) {
                if (single) {
                    String last = truncate(chunk, SECTION_TEXT - TRUNCATED.length());
                    int room = MESSAGE_BLOCK_CHARS - chars - TRUNCATED.length();
                    if (blocks.size() + 1 + actionBlocks <= MAX_BLOCKS && room > 200) {
                        blocks.add(section(truncate(last, room) + TRUNCATED));
                    } else if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).path("type").asText().equals("section")) {
                        ObjectNode prev = blocks.get(blocks.size() - 1);
                        String t = prev.path("text").path("text").asText();
                        prev.set("text", mrkdwnText(truncate(t, SECTION_TEXT - TRUNCATED.length()) + TRUNCATED));
                    }
                    text.append(TRUNCATED);
                    break;
                }
                out.add(new Rendered(truncate(text.toString(), TEXT_LIMIT), array(blocks)));
                blocks = new ArrayList<>();
                blocks.add(context("_(continued)_"));
                text = new StringBuilder();
                chars = 0;
            }
            blocks.add(section(chunk));
            text.append(chunk).append('\n');
            chars += chunk.length();
        }
        blocks.addAll(actions);
        out.add(new Rendered(truncate(text.toString().strip(), TEXT_LIMIT), array(blocks)));
        return out;
    }

    private static List<ObjectNode> actions(List<Button> buttons, List<String> typeInstead) {
        List<ObjectNode> blocks = new ArrayList<>();
        ArrayNode elements = null;
        int n = 0;
        for (Button b : buttons) {
            if (b.command().length() > BUTTON_VALUE) {
                typeInstead.add("• " + b.label() + ": type the command shown in the timeline");
                continue;
            }
            if (elements == null || elements.size() == ACTIONS_ELEMENTS) {
                if (blocks.size() == 2) {
                    typeInstead.add("• " + b.label() + ": `" + b.command() + "`");
                    continue;
                }
                elements = NODES.arrayNode();
                blocks.add(NODES.objectNode().put("type", "actions").set("elements", elements));
            }
            ObjectNode button = NODES.objectNode().put("type", "button").put("action_id", ACTION_PREFIX + n++);
            button.set("text", plain(truncate(b.label(), BUTTON_LABEL)));
            button.put("value", b.command());
            if (elements.isEmpty()) {
                button.put("style", "primary");
            }
            elements.add(button);
        }
        return blocks;
    }

    private static String emoji(ChatMessage.Kind kind) {
        switch (kind) {
            case KICKOFF:
                return "🚨 ";
            case STATUS_CHANGE:
                return "🔄 ";
            case PUBLIC_UPDATE:
                return "📣 ";
            case REMINDER:
                return "⏰ ";
            case HANDOFF_REQUEST:
                return "🤝 ";
            case REPORT_SUMMARY:
                return "📄 ";
            case ALERT:
                return "⚠️ ";
            default:
                return "";
        }
    }

    /**
     * Turns the tiny markup into Slack mrkdwn, escaping as the class says: {@code *bold*} and {@code `code`}
     * are already Slack's; checklist lines {@code - [ ]} and {@code - [x]} become boxes; a reference
     * {@code <@U123|alice>} becomes {@code @alice}; a link {@code <url|label>} becomes {@code label (url)};
     * then every {@code &}, {@code <} and {@code >} is escaped.
     */
    public static String mrkdwn(String text) {
        String t = text.replaceAll("(?m)^\\s*[-*] \\[ \\] ", "☐ ").replaceAll("(?m)^\\s*[-*] \\[[xX]\\] ", "☑ ");
        return escape(LINK.matcher(REFERENCE.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + (m.group(3) == null || m.group(3).isBlank() ? m.group(2) : m.group(3).strip()))))
                .replaceAll(m -> Matcher.quoteReplacement(m.group(2) == null || m.group(2).isBlank()
                        || m.group(2).strip().equals(m.group(1)) ? m.group(1) : m.group(2).strip() + " (" + m.group(1) + ")")));
    }

    /** Escapes {@code &}, {@code <} and {@code >} as Slack requires, so text shows as typed and controls nothing. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Splits text into pieces of at most {@code max} characters, at line breaks, else spaces, else anywhere. */
    static List<String> split(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = max;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(rest.isEmpty() ? " " : rest);
        }
        return out;
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, Math.max(0, cut)) + "…";
    }

    private static ObjectNode plain(String text) {
        return NODES.objectNode().put("type", "plain_text").put("text", text).put("emoji", true);
    }

    private static ObjectNode mrkdwnText(String text) {
        return NODES.objectNode().put("type", "mrkdwn").put("text", text);
    }

    private static ObjectNode section(String text) {
        return NODES.objectNode().put("type", "section").set("text", mrkdwnText(text));
    }

    private static ObjectNode context(String text) {
        ObjectNode c = NODES.objectNode().put("type", "context");
        c.putArray("elements").add(mrkdwnText(text));
        return c;
    }

    private static ArrayNode array(List<ObjectNode> blocks) {
        ArrayNode a = NODES.arrayNode();
        blocks.forEach(a::add);
        return a;
    }
}
