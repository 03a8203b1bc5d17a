package dev.incidentkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.NoteAdded;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 10: on H2 in file mode, a command the bot has answered survives a {@code kill -9} that
 * comes right after the answer. A real child JVM ({@link AnsweringBot}) opens the database with the URL
 * settings the store's documentation asks for, answers notes as fast as it can, and is killed (SIGKILL)
 * the moment the test reads an answer; the next run on the same file must hold every answered note. A
 * bot that wrote commits up to 500 ms late (H2's default) loses the last ones.
 */
final class AnsweredCommandSurvivesKillTest {
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredCommandSurvivesAKillRightAfterItsAnswer() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("incidentkit").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        List<String> answered = new ArrayList<>();
        for (int run = 0; run < KILLS; run++) {
            answered.addAll(runUntilKilled(url, "run" + run, 3 + 7 * run));
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
            try {
                List<String> kept = JdbcIncidentStore.builder(pool).build().load(IncidentId.of(1)).stream()
                        .filter(NoteAdded.class::isInstance).map(e -> ((NoteAdded) e).text()).toList();
                assertThat(kept).as("after kill %d, every answered note is on the timeline", run + 1).containsAll(answered);
            } finally {
                pool.dispose(); // the last connection closes the database, so the next bot can open it
            }
        }
    }

    /** Starts the bot, reads answers until the given number, kills it at once; returns the notes answered. */
    private List<String> runUntilKilled(String url, String run, int answers) throws Exception {
        Path stderr = dir.resolve(run + ".err");
        Process bot = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AnsweringBot.class.getName(), url, run)
                .redirectError(stderr.toFile())
                .start();
        List<String> answered = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; answered.size() < answers && (line = in.readLine()) != null; ) {
                if (line.startsWith("ANSWERED ")) {
                    answered.add(line.substring("ANSWERED ".length()));
                }
            }
        } finally {
            bot.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no flush
            assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("the bot died").isTrue();
        }
        assertThat(answered).as("the bot answered; its stderr:\n%s", Files.exists(stderr) ? Files.readString(stderr) : "")
                .hasSize(answers);
        return answered;
    }
}
