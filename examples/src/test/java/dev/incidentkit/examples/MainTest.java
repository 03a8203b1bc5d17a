package dev.incidentkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        return Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("", "--help")).isZero();
        assertThat(out()).contains("room", "drill [--script FILE]", "bot");
        assertThat(run("", "nonsense")).isEqualTo(2);
        assertThat(err()).contains("unknown subcommand `nonsense`");
    }

    @Test
    void theBundledDrillRunsToTheEnd(@TempDir Path dir) throws Exception {
        Path timeline = dir.resolve("timeline.json");
        Path report = dir.resolve("report.md");
        assertThat(run("", "drill", "--timeline-out", timeline.toString(), "--report-out", report.toString()))
                .as(err()).isZero();
        assertThat(out()).contains("alice>      declare --drill sev1 Checkout is failing for EU customers",
                "(kickoff) *This is a drill.*", "[drill] paged Alice", "Dave: Closed", "Drill score for INC-1 (trainee IMOC: Alice)");
        assertThat(out()).doesNotContain("status page  opened");
        assertThat(Files.readString(timeline)).contains("\"schema\" : 1", "\"type\" : \"closed\"");
        assertThat(report).exists();
    }

    @Test
    void aScriptWithABadLineFailsWithTheLineNumber(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.txt");
        Files.writeString(script, "# fine\nalice: declare sev2 Search is slow\n+5m\nalice declre oops\n");
        assertThat(run("", "drill", "--script", script.toString())).isEqualTo(1);
        assertThat(err()).startsWith(script + ":4: `alice declre oops` is not a line the room understands");
    }

    @Test
    void aScriptWithACommandTheParserCannotReadFailsWithTheLineNumber(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.txt");
        Files.writeString(script, "alice: declare sev2 Search is slow\nalice: sev 9\n");
        assertThat(run("", "drill", "--script", script.toString())).isEqualTo(1);
        assertThat(err()).startsWith(script + ":2: Give a severity from 1 (most severe) to 4 (got `9`)");
    }

    @Test
    void aBadDurationIsALineError(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.txt");
        Files.writeString(script, "+soon\n");
        assertThat(run("", "drill", "--script", script.toString())).isEqualTo(1);
        assertThat(err()).contains(":1: `+soon` is not a duration");
    }

    @Test
    void theRoomReadsTheKeyboardAndKeepsGoingAfterAMistake() {
        assertThat(run("alice: declare sev3 Emails are late\nalice: nte oops\nnonsense\nalice: note still here\n", "room")).isZero();
        assertThat(out()).contains("bot (to Alice)", "I don't know `nte`", "?? `nonsense` is not a line", "Alice: Note: still here");
    }

    @Test
    void examplesUseOnlyPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.incidentkit.examples"));
    }
}
