package dev.incidentkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.jdbc.internal.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Building the store: dialects, the schema it creates, and a schema managed by another tool. */
final class JdbcIncidentStoreTest {
    @TempDir
    Path dir;
    private final List<Runnable> cleanUp = new ArrayList<>();

    @AfterEach
    void tearDown() {
        cleanUp.forEach(Runnable::run);
    }

    private JdbcConnectionPool h2() {
        String url = TestDatabases.h2Url(dir);
        JdbcConnectionPool pool = TestDatabases.h2(url);
        cleanUp.add(() -> {
            pool.dispose();
            TestDatabases.shutdownH2(url);
        });
        return pool;
    }

    private JdbcConnectionPool postgres() {
        String schema = TestDatabases.newPostgresSchema();
        JdbcConnectionPool pool = TestDatabases.postgres(schema);
        cleanUp.add(() -> {
            pool.dispose();
            TestDatabases.dropPostgres(schema);
        });
        return pool;
    }

    @Test
    void aFailedStatementNamesItsSqlStateButNotItsParameters() {
        for (JdbcConnectionPool pool : List.of(h2(), postgres())) {
            JdbcIncidentStore store = JdbcIncidentStore.builder(pool).build();
            dev.incidentkit.incident.IncidentId id = store.nextId();
            java.time.Instant at = java.time.Instant.parse("2026-11-24T14:00:00Z");
            dev.incidentkit.incident.PersonRef alice = new dev.incidentkit.incident.PersonRef("alice", "Alice");
            // an idempotency key longer than its column: the driver's message would quote the value
            dev.incidentkit.spi.Effect tooLong = new dev.incidentkit.spi.Effect.SetTopic("k".repeat(300) + "what-alice-typed");
            assertThatThrownBy(() -> store.append(id, 0, List.of(new dev.incidentkit.incident.Declared(1, at, alice, id,
                    "what-alice-typed", dev.incidentkit.incident.Severity.SEV2, false)), List.of(tooLong)))
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("SQLState")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("what-alice-typed"));
        }
    }

    /**
     * H2's MVStore once let a racing writer's rollback put back the incident's version under events already
     * committed (11 events over version 10), after which every append was a conflict forever; the store now
     * serialises its H2 writes. A hundred rounds of four racing appenders each end consistent.
     */
    @Test
    void racingAppendersOnH2KeepTheVersionWithTheEvents() throws Exception {
        java.time.Instant at = java.time.Instant.parse("2026-11-24T14:00:00Z");
        dev.incidentkit.incident.PersonRef alice = new dev.incidentkit.incident.PersonRef("alice", "Alice");
        for (int round = 0; round < 100; round++) {
            JdbcIncidentStore store = JdbcIncidentStore.builder(h2()).build();
            dev.incidentkit.incident.IncidentId id = store.nextId();
            store.append(id, 0, List.of(new dev.incidentkit.incident.Declared(1, at, alice, id, "x",
                    dev.incidentkit.incident.Severity.SEV1, false)));
            java.util.concurrent.ExecutorService racers = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(racers.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            for (int conflicts = 0; ; conflicts++) {
                                assertThat(conflicts).as("conflicts of one append").isLessThan(1_000);
                                long version = store.load(id).size();
                                try {
                                    store.append(id, version, List.of(new dev.incidentkit.incident.NoteAdded(version + 1, at, alice, "n")));
                                    break;
                                } catch (dev.incidentkit.spi.ConcurrencyConflictException e) {
                                    // reload and try again
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                racers.shutdownNow();
            }
            assertThat(store.load(id)).hasSize(41);
        }
    }

    @Test
    void theDialectIsDetected() {
        assertThat(JdbcIncidentStore.builder(h2()).build().dialect()).isEqualTo(Dialect.H2);
        assertThat(JdbcIncidentStore.builder(postgres()).build().dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void eachSettingIsSetOnce() {
        JdbcIncidentStore.Builder builder = JdbcIncidentStore.builder(h2()).dialect(Dialect.H2).idPrefix("OPS");
        assertThatThrownBy(() -> builder.dialect(Dialect.POSTGRESQL)).isInstanceOf(IllegalStateException.class)
                .hasMessage("dialect was already set to H2");
        assertThatThrownBy(() -> builder.idPrefix("X1")).isInstanceOf(IllegalStateException.class);
        assertThat(builder.build().nextId()).hasToString("OPS-1");
    }

    @Test
    void withoutCreateSchemaAMissingSchemaNamesTheScriptToApply() {
        assertThatThrownBy(() -> JdbcIncidentStore.builder(h2()).createSchema(false).build())
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("dev/incidentkit/jdbc/h2/V1__incidentkit.sql then dev/incidentkit/jdbc/h2/V2__fenced_claims.sql")
                .hasMessageContaining("createSchema(true)");
    }

    @Test
    void aSchemaAppliedByAnotherToolIsUsedAsItIs() throws Exception {
        JdbcConnectionPool pool = postgres();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String script : Dialect.POSTGRESQL.schemaScripts()) {
                s.execute(Schema.script(script)); // as a migration tool would run the shipped files
            }
        }
        JdbcIncidentStore store = JdbcIncidentStore.builder(pool).createSchema(false).build();
        assertThat(store.nextId()).hasToString("INC-1");
    }

    @Test
    void aVersion1SchemaManagedByAnotherToolNamesTheScriptStillToApply() throws Exception {
        JdbcConnectionPool pool = h2();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String statement : Schema.statements(Schema.script(Dialect.H2.schemaScripts().get(0)))) {
                s.execute(statement);
            }
        }
        assertThatThrownBy(() -> JdbcIncidentStore.builder(pool).createSchema(false).build())
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("schema version 1")
                .hasMessageContaining("apply dev/incidentkit/jdbc/h2/V2__fenced_claims.sql completely");
        JdbcIncidentStore.builder(pool).build(); // upgrades it
        assertThat(JdbcIncidentStore.builder(pool).createSchema(false).build().nextId()).hasToString("INC-1");
    }

    @Test
    void aSchemaWrittenByALaterReleaseIsRefused() throws Exception {
        JdbcConnectionPool pool = h2();
        JdbcIncidentStore.builder(pool).build();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incidentkit_schema (version, description) VALUES (3, 'from the future')");
        }
        assertThatThrownBy(() -> JdbcIncidentStore.builder(pool).build())
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("schema version 3")
                .hasMessageContaining("upgrade incidentkit");
    }

    /**
     * Why the URL must say WRITE_DELAY=0 (issue 13, item 10): H2 2.x applies the URL's WRITE_DELAY, 500 ms
     * if it has none, each time it opens the database, over what the store set before. Its settings view
     * shows both: the stored setting (0, as the store set it) and the one in effect.
     */
    @ParameterizedTest(name = "URL settings \"{0}\" give WRITE_DELAY {1} after a reopen")
    @CsvSource({"'', 500", "';WRITE_DELAY=0', 0"})
    void h2GoesBackToTheUrlsWriteDelayWhenItReopensTheDatabase(String settings, String expected) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("reopened").toAbsolutePath() + settings;
        JdbcConnectionPool first = TestDatabases.h2(url);
        JdbcIncidentStore.builder(first).build();
        assertThat(writeDelay(first)).as("set by the store").containsOnly("0");
        first.dispose(); // the last connection closes the database
        JdbcConnectionPool second = TestDatabases.h2(url);
        try {
            assertThat(writeDelay(second)).as("stored, and in effect").containsExactlyInAnyOrder("0", expected);
        } finally {
            second.dispose();
        }
    }

    private static List<String> writeDelay(JdbcConnectionPool pool) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void replicasStartingAtOnceCreateTheSchemaOnce() throws Exception {
        JdbcConnectionPool pool = postgres();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JdbcIncidentStore>> stores = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                stores.add(threads.submit(() -> {
                    start.await();
                    return JdbcIncidentStore.builder(pool).idPrefix("OPS").build();
                }));
            }
            start.countDown();
            for (Future<JdbcIncidentStore> f : stores) {
                assertThat(f.get(60, TimeUnit.SECONDS).nextId().prefix()).isEqualTo("OPS");
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
