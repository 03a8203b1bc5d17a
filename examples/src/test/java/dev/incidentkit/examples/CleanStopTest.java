package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example bot on its default H2 file store, stopped the way an operator stops it (SIGTERM), in a real
 * process: it stops the kit, then closes the database, and logs no ERROR on the way out.
 */
final class CleanStopTest {

    @Test
    void aCleanStopOnH2LogsNoError(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bot"))
                .redirectError(stderr.toFile());
        pb.environment().putAll(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token",
                "SLACK_SIGNING_SECRET", "test-signing-secret", "SLACK_API_URL", "http://127.0.0.1:9/api",
                "INCIDENTKIT_PORT", "0", "INCIDENTKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("db")));
        Process bot = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("incidentkit bot listening"));
            assertThat(line).as("the bot started").isNotNull();
            bot.destroy(); // SIGTERM: the shutdown hooks run
            assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("the bot stopped").isTrue();
        } finally {
            bot.destroyForcibly();
        }
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).doesNotContain("ERROR");
    }
}
