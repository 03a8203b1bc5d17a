package dev.incidentkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.PendingEffect;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bot process is killed with SIGKILL while a status update is in flight (the status page has published
 * it, the bot has not heard back). A new bot on the same database finds the timeline intact. Under another
 * replica name it leaves the effect alone while the dead bot's claim lasts; under the dead bot's own name
 * it releases that claim when it starts and delivers at once (issue 13, item 9). Either way it delivers
 * with the same idempotency key marked "may exist", finds the update the dead bot left with the status
 * page, and customers see it exactly once.
 */
final class CrashSafetyTest {
    private static final IncidentId INC1 = IncidentId.of(1);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}, restarted as {1}")
    @CsvSource({"PostgreSQL, next-bot", "H2, next-bot", "PostgreSQL, crashing-bot", "H2, crashing-bot"})
    void aBotKilledMidDeliveryIsResumedByTheNextOneExactlyOnce(String database, String nextName) throws Exception {
        String schema = database.equals("PostgreSQL") ? TestDatabases.newPostgresSchema() : "";
        String url = schema.isEmpty() ? TestDatabases.h2Url(dir) : TestDatabases.postgresUrl(schema);
        Path statusPage = dir.resolve("status-page.log");
        try {
            long declaredVersion = runBotUntilKilled(url, statusPage);
            List<String> received = FileStatusPage.published(statusPage);
            assertThat(received).as("the dead bot's update reached the status page").hasSize(1);
            String key = received.get(0);

            JdbcConnectionPool pool = TestDatabases.dataSource(url);
            try {
                JdbcIncidentStore store = JdbcIncidentStore.builder(pool).build();
                List<IncidentEvent> timeline = store.load(INC1);
                assertThat(timeline).as("the declaration and the update survived the crash").hasSize((int) declaredVersion + 1);
                assertThat(timeline.get(timeline.size() - 1)).isInstanceOf(StatusUpdatePublished.class);
                assertThat(store.pendingEffects()).extracting(PendingEffect::effect)
                        .anySatisfy(e -> assertThat(e).isInstanceOf(Effect.PublishStatus.class)
                                .extracting(Effect::key).isEqualTo(key));

                TestClock clock = TestClock.at(CrashingBot.T0);
                RecordingChatGateway chat = new RecordingChatGateway();
                try (IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat)
                        .statusPublisher(new FileStatusPage(statusPage, false)).replicaName(nextName)
                        .deliveryLease(CrashingBot.LEASE).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build()) {
                    kit.tick();
                    if (!nextName.equals(CrashingBot.NAME)) {
                        assertThat(store.pendingEffects()).as("the dead bot's claim still holds")
                                .anySatisfy(p -> assertThat(p.effect().key()).isEqualTo(key));
                        clock.advance(CrashingBot.LEASE.plusSeconds(1));
                        kit.tick();
                    }

                    assertThat(FileStatusPage.published(statusPage)).as("the status page shows it once").containsExactly(key);
                    assertThat(store.pendingEffects()).isEmpty();
                    List<IncidentEvent> after = store.load(INC1);
                    for (int i = 0; i < after.size(); i++) {
                        assertThat(after.get(i).seq()).isEqualTo(i + 1);
                    }
                    assertThat(after).startsWith(timeline.toArray(IncidentEvent[]::new));
                    assertThat(kit.incident(INC1).orElseThrow().links()).filteredOn(l -> l.kind() == LinkKind.STATUS_PAGE)
                            .extracting(LinkAdded::reference).containsExactly("SP-INC-1");
                    assertThat(chat.posted()).as("the channel got its copy of the update")
                            .anySatisfy(m -> assertThat(m.text()).contains("We are looking into failed checkouts"));
                }
            } finally {
                pool.dispose();
            }
        } finally {
            if (schema.isEmpty()) {
                TestDatabases.shutdownH2(url);
            } else {
                TestDatabases.dropPostgres(schema);
            }
        }
    }

    /** Starts {@link CrashingBot}, waits until its update is in flight, kills it; returns the version it declared. */
    private long runBotUntilKilled(String url, Path statusPage) throws Exception {
        Path stderr = dir.resolve("bot.err");
        Process bot = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashingBot.class.getName(), url, statusPage.toString())
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ_FAILED " + e);
            }
        }, "crashing-bot-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String declared = next(lines, "DECLARED", stderr);
            next(lines, "IN_FLIGHT", stderr);
            return Long.parseLong(declared.substring("DECLARED ".length()));
        } finally {
            bot.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no commit
            assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("the bot died").isTrue();
        }
    }

    private static String next(BlockingQueue<String> lines, String prefix, Path stderr) throws Exception {
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null || line.startsWith("READ_FAILED")) {
                throw new AssertionError("the bot never printed " + prefix + "; its stderr:\n"
                        + (Files.exists(stderr) ? Files.readString(stderr) : "(none)"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }
}
