package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled drill's report and transcript are checked against golden files, so a change to what the
 * bot says or writes is seen in review. Rewrite them with {@code -Dgolden.update=true}.
 */
final class BundledDrillGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void theBundledDrillWritesTheGoldenReportAndTranscript(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.md");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"drill", "--report-out", report.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String transcript = out.toString(StandardCharsets.UTF_8).replace(report.toString(), "REPORT.md");
        compare("sev1-checkout-report.md", Files.readString(report, StandardCharsets.UTF_8));
        compare("sev1-checkout-transcript.txt", transcript);
    }

    private static void compare(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (rewrite with -Dgolden.update=true)", file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
