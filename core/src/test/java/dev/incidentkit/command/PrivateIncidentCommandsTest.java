package dev.incidentkit.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Command.Declare;
import dev.incidentkit.incident.Command.PublishUpdate;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The chat language of issue 17's second half: private and typed declarations, {@code update --public}, {@code here}. */
final class PrivateIncidentCommandsTest {
    private final CommandParser parser = CommandParser.create(Clock.fixed(Instant.parse("2026-11-24T08:30:00Z"), ZoneOffset.UTC),
            ZoneOffset.UTC);

    private Command command(String text) {
        ParseResult r = parser.parse(text);
        assertThat(r).as(text).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).command();
    }

    private String usage(String text) {
        ParseResult r = parser.parse(text);
        assertThat(r).as(text).isInstanceOf(ParseResult.Unparsed.class);
        return ((ParseResult.Unparsed) r).message();
    }

    @ParameterizedTest
    @ValueSource(strings = {"declare --private sev2 Leaked API key", "declare private sev2 Leaked API key",
        "declare sev2 --private Leaked API key", "DECLARE --PRIVATE SEV 2 Leaked API key"})
    void declarePrivately(String text) {
        assertThat(command(text)).isEqualTo(new Declare(Severity.SEV2, "Leaked API key", false, true, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"declare --type security sev2 Leaked API key", "declare --type=security sev2 Leaked API key",
        "declare sev2 --type Security Leaked API key"})
    void declareOfAType(String text) {
        assertThat(command(text)).isEqualTo(new Declare(Severity.SEV2, "Leaked API key", false, false, Optional.of("security")));
    }

    @Test
    void flagsCombineAndABareWordAfterTheSeverityIsTitle() {
        assertThat(command("declare --drill --private --type data-loss sev1 Backups gone"))
                .isEqualTo(new Declare(Severity.SEV1, "Backups gone", true, true, Optional.of("data-loss")));
        assertThat(command("declare sev3 private API is slow"))
                .as("after the severity only --private is a flag").isEqualTo(new Declare(Severity.SEV3, "private API is slow", false));
    }

    @Test
    void aMalformedTypeIsExplained() {
        assertThat(usage("declare --type sev2 Leaked key")).isNotEmpty(); // "sev2" is a valid name, the title then lacks a severity
        assertThat(usage("declare --type Sécurité sev2 Leaked")).startsWith("Name the incident type after --type, like `--type security` (got `sécurité`)")
                .contains("Usage: `declare [--drill] [--private] [--type <type>] <sev1-4> <what is wrong>`");
        assertThat(usage("declare --type")).startsWith("Name the incident type after --type");
    }

    @Test
    void updatePublicly() {
        assertThat(command("update --public identified: We found the cause"))
                .isEqualTo(new PublishUpdate(Optional.of(IncidentStatus.IDENTIFIED), "We found the cause", true));
        assertThat(command("update --PUBLIC We are looking into it"))
                .isEqualTo(new PublishUpdate(Optional.empty(), "We are looking into it", true));
        assertThat(command("update identified: --public is just text here"))
                .isEqualTo(new PublishUpdate(Optional.of(IncidentStatus.IDENTIFIED), "--public is just text here", false));
        assertThat(usage("update --public")).startsWith("Say what the update tells customers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"here", "still here", "Still on it", "i'm here", "INC-4 here"})
    void here(String text) {
        assertThat(command(text)).isEqualTo(new Command.ConfirmPresence());
    }

    @Test
    void hereTakesNoTextAndEverythingRendersBack() {
        assertThat(usage("here we go")).contains("takes no text");
        assertThat(command("mute still reminders for 1h"))
                .isEqualTo(new Command.MuteReminders("still-there", java.time.Duration.ofHours(1)));
        for (Command c : new Command[] {
            new Declare(Severity.SEV1, "Backups gone", true, true, Optional.of("data-loss")),
            new Declare(Severity.SEV4, "x", false, false, Optional.of("security")),
            new PublishUpdate(Optional.of(IncidentStatus.RESOLVED), "Fixed", true),
            new PublishUpdate(Optional.empty(), "Fixed", true),
            new Command.ConfirmPresence()}) {
            assertThat(command(CommandParser.render(c))).as(CommandParser.render(c)).isEqualTo(c);
        }
        assertThat(parser.help("here")).hasValueSatisfying(h -> assertThat(h).contains("still-there reminder"));
    }
}
