package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.Command;
import dev.incidentkit.testkit.arbitraries.CommandArbitraries;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the chat command language. */
final class CommandLanguageTest {
    private final CommandParser parser =
            CommandParser.create(TestClock.at("2026-11-24T14:00:00Z"), ZoneId.of("America/New_York"));

    @Property
    void renderThenParseGivesTheSameCommand(@ForAll("commands") Command command) {
        String text = CommandParser.render(command);
        assertThat(parser.parse(text)).as(text).isEqualTo(new ParseResult.Parsed(Optional.empty(), command));
    }

    @Property
    void renderedTextIsForgivingOfCaseAndSpaces(@ForAll("commands") Command command) {
        String text = "  " + CommandParser.render(command).replaceFirst(" ", "   ") + " ";
        String shouted = text.substring(0, 4).toUpperCase() + text.substring(4);
        ParseResult result = parser.parse(shouted);
        assertThat(result).as(shouted).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) result).command().getClass()).isEqualTo(command.getClass());
    }

    @Property(tries = 2000)
    void parseNeverThrows(@ForAll("anyText") String text) {
        ParseResult result = parser.parse(text);
        if (result instanceof ParseResult.Unparsed u) {
            assertThat(u.message()).isNotBlank().contains("`");
        }
    }

    @Provide
    Arbitrary<Command> commands() {
        return CommandArbitraries.commands();
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> words = Arbitraries.of(List.of("declare", "note", "sev", "sev1", "update", "status",
                "assign", "imoc", "@", "<@", "|", ">", ":", "impact", "started", "mitigated", "14:02", "99:99", "ago",
                "--drill", "INC-1", "inc-0", "/incident", "handoff", "help", "cancel", "resolve", "  ", "\n", "\t"));
        Arbitrary<String> mixed = Arbitraries.oneOf(List.of(words, Arbitraries.strings().ofMaxLength(8)))
                .list().ofMaxSize(8).map(parts -> String.join(" ", parts));
        return Arbitraries.oneOf(List.of(Arbitraries.strings().ofMaxLength(60), mixed));
    }
}
