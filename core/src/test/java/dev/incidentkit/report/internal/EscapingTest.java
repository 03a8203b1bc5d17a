package dev.incidentkit.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.PersonRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class EscapingTest {

    @Test
    void tableCellsEscapePipesAndLineBreaks() {
        assertThat(Markdown.cell("rollback | deploy\nthen wait\r\ndone")).isEqualTo("rollback \\| deploy<br>then wait<br>done");
    }

    @Test
    void htmlIsEscapedOutsideCodeSpansOnly() {
        assertThat(Markdown.cell("ping <@U123> & `update <message>`")).isEqualTo("ping &lt;@U123> &amp; `update <message>`");
        assertThat(Markdown.cell("``a ` <b>`` <c>")).isEqualTo("``a ` <b>`` &lt;c>");
        assertThat(Markdown.cell("unclosed ` <b>")).isEqualTo("unclosed ` &lt;b>");
    }

    @Test
    void pipesAreEscapedInsideCodeSpansToo() {
        assertThat(Markdown.cell("`grep a|b`")).isEqualTo("`grep a\\|b`");
    }

    @Test
    void inlineTextStaysOnOneLine() {
        assertThat(Markdown.inline(" two\nlines ")).isEqualTo("two lines");
    }

    @Test
    void quotesKeepEveryLineInTheQuote() {
        assertThat(Markdown.quote("first\n\nthird")).isEqualTo("> first\n>\n> third\n");
    }

    @Test
    void mermaidLabelsUseEntityCodesForTheCharactersThatSplitLines() {
        assertThat(Mermaid.label("Deploy: PR #12; 100%")).isEqualTo("Deploy#58; PR #35;12#59; 100#37;");
        assertThat(Mermaid.label("a <b>")).isEqualTo("a #60;b#62;");
    }

    @Test
    void mermaidLabelsAreOneShortLine() {
        assertThat(Mermaid.label(" two\n  lines ")).isEqualTo("two lines");
        String label = Mermaid.label("x".repeat(100));
        assertThat(label).hasSize(60).endsWith("…");
    }

    /** Stands in for an event type added later, which this version of the report does not know. */
    private record ReminderSnoozed(long seq, Instant at, PersonRef by, String key, Instant until) {}

    @Test
    void unknownEventTypesAreDescribedGenerically() {
        Object event = new ReminderSnoozed(9, Instant.EPOCH, PersonRef.BOT, "status-update:2",
                Instant.parse("2026-11-24T15:00:00Z"));
        assertThat(EventLines.generic(event)).isEqualTo("Reminder snoozed (key status-update:2, until 2026-11-24 15:00 UTC)");
        assertThat(EventLines.generic("not a record")).isEqualTo("String");
    }
}
