package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.slack.internal.BlockKit;
import dev.incidentkit.slack.internal.ChannelNames;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.ChatMessage.Button;
import dev.incidentkit.spi.ChatMessage.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class BlockKitTest {

    /** Every Slack limit from api-notes §2.6 that a rendered message must respect. */
    static List<String> limitViolations(String text, JsonNode blocks) {
        List<String> v = new ArrayList<>();
        if (text.length() > 40_000) {
            v.add("text of " + text.length());
        }
        if (blocks.size() > 50) {
            v.add(blocks.size() + " blocks");
        }
        int chars = 0;
        for (JsonNode b : blocks) {
            String t = b.path("text").path("text").asText("");
            chars += t.length();
            switch (b.path("type").asText()) {
                case "section" -> {
                    if (t.length() > 3000) {
                        v.add("section of " + t.length());
                    }
                }
                case "header" -> {
                    if (t.length() > 150) {
                        v.add("header of " + t.length());
                    }
                }
                case "actions" -> {
                    if (b.path("elements").size() > 25) {
                        v.add("actions block of " + b.path("elements").size());
                    }
                    for (JsonNode e : b.path("elements")) {
                        if (e.path("text").path("text").asText().length() > 75) {
                            v.add("button label of " + e.path("text").path("text").asText().length());
                        }
                        if (e.path("value").asText().length() > 2000) {
                            v.add("button value too long");
                        }
                        if (e.path("action_id").asText().length() > 255) {
                            v.add("action_id too long");
                        }
                    }
                }
                default -> { }
            }
        }
        if (chars > 12_100) {
            v.add(chars + " characters of block text");
        }
        return v;
    }

    @Test
    void everyKindRendersWithinLimits() {
        for (Kind kind : Kind.values()) {
            BlockKit.Rendered r = BlockKit.renderOne(new ChatMessage(kind, "INC-1 title", "body *bold* `code`",
                    List.of(new Button("Accept", "handoff accept")), false));
            assertThat(limitViolations(r.text(), r.blocks())).isEmpty();
            assertThat(r.blocks().toString()).contains("\"value\":\"handoff accept\"").contains("INC-1 title");
        }
    }

    @Test
    void handOffRequestHasAPrimaryAcceptButton() {
        BlockKit.Rendered r = BlockKit.renderOne(new ChatMessage(Kind.HANDOFF_REQUEST, "INC-3 hand-off",
                "Alice asks <@U0BOB> to take over as IMOC", List.of(new Button("Accept", "handoff accept")), false));
        JsonNode button = r.blocks().get(r.blocks().size() - 1).path("elements").get(0);
        assertThat(button.path("style").asText()).isEqualTo("primary");
        assertThat(button.path("action_id").asText()).startsWith(BlockKit.ACTION_PREFIX);
    }

    @Test
    void everyControlSequenceIsEscapedAndReferencesAreShownByName() {
        assertThat(BlockKit.mrkdwn("p99 > 2s & rising <see> <https://x.example/a?b=1&c=2|graph> <!here> *bold* `code`"))
                .isEqualTo("p99 &gt; 2s &amp; rising &lt;see&gt; graph (https://x.example/a?b=1&amp;c=2) &lt;!here&gt;"
                        + " *bold* `code`");
        assertThat(BlockKit.mrkdwn("<https://x.example> and <https://x.example|https://x.example>"))
                .isEqualTo("https://x.example and https://x.example");
        assertThat(BlockKit.mrkdwn("ask <@U0BOB|bob> and <@U0ALICE> in <#C0GEN|general>, not <@U1|<!channel>>"))
                .isEqualTo("ask @bob and @U0ALICE in #general, not &lt;@U1|&lt;!channel&gt;&gt;");
    }

    @Test
    void aTitleCannotPingTheWorkspaceAndANoteCannotDisguiseALink() {
        ChatMessage kickOff = new ChatMessage(Kind.KICKOFF, "INC-1 · SEV1 · <!channel> checkout <!everyone>",
                "Note: see <https://evil.example|https://status.example.com> & https://status.example.com/x?a=1&b=2",
                List.of(new Button("Confirm", "update investigating: <!here> look")), false);
        for (BlockKit.Rendered r : BlockKit.render(kickOff)) {
            StringBuilder all = new StringBuilder(r.text());
            r.blocks().forEach(b -> {
                if (b.path("type").asText().equals("header")) {
                    assertThat(b.path("text").path("type").asText()).as("never read as markup").isEqualTo("plain_text");
                } else if (!b.path("type").asText().equals("actions")) { // a button's value is sent back, not shown
                    all.append(b);
                }
            });
            assertThat(all).doesNotContain("<!channel>").doesNotContain("<!everyone>").doesNotContain("<!here>")
                    .doesNotContain("<https://evil");
            assertThat(r.text()).contains("&lt;!channel&gt; checkout &lt;!everyone&gt;")
                    .contains("https://status.example.com (https://evil.example) &amp; https://status.example.com/x?a=1&amp;b=2");
        }
        BlockKit.Rendered typed = BlockKit.renderOne(new ChatMessage(Kind.REMINDER, "", "Reminder",
                List.of(new Button("Long", "note <!channel> " + "x".repeat(2100))), false));
        assertThat(typed.blocks().toString()).doesNotContain("<!channel>");
    }

    @Test
    void anOverlongCommandBecomesTextInsteadOfAButton() {
        BlockKit.Rendered r = BlockKit.renderOne(new ChatMessage(Kind.REMINDER, "", "Reminder",
                List.of(new Button("Long", "note " + "x".repeat(2100))), false));
        assertThat(r.blocks().toString()).doesNotContain("\"type\":\"actions\"");
        assertThat(limitViolations(r.text(), r.blocks())).isEmpty();
    }

    @Test
    void hugeTextSplitsAcrossMessagesWithinLimits() {
        String text = IntStream.range(0, 20_000).mapToObj(Integer::toString).reduce((a, b) -> a + " " + b).orElseThrow();
        List<BlockKit.Rendered> parts = BlockKit.render(new ChatMessage(Kind.REPORT_SUMMARY, "t", text, List.of(), false));
        assertThat(parts.size()).isGreaterThan(1);
        parts.forEach(p -> assertThat(limitViolations(p.text(), p.blocks())).isEmpty());
        String joined = String.join(" ", parts.stream().flatMap(p -> {
            List<String> s = new ArrayList<>();
            p.blocks().forEach(b -> {
                if (b.path("type").asText().equals("section")) {
                    s.add(b.path("text").path("text").asText());
                }
            });
            return s.stream();
        }).toList());
        assertThat(joined.replaceAll("\\s+", " ")).isEqualTo(text); // nothing lost when splitting
    }

    @Test
    void channelNamesFollowSlacksRules() {
        assertThat(ChannelNames.normalize("INC-42 Ünïcödé títle_with SPACES")).isEqualTo("inc-42-unicode-title_with-spaces");
        assertThat(ChannelNames.normalize("!!!")).isEqualTo("incident");
        assertThat(ChannelNames.normalize("--a--")).isEqualTo("a");
        String longName = ChannelNames.normalize("inc-1 " + "word ".repeat(40));
        assertThat(longName.length()).isLessThanOrEqualTo(80);
        assertThat(longName).matches("[a-z0-9_-]+").doesNotEndWith("-");
        assertThat(ChannelNames.withSuffix("a".repeat(80), 12)).hasSize(80).endsWith("-12");
    }
}
