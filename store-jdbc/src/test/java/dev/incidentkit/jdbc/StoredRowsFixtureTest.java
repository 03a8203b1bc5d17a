package dev.incidentkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentJson;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.jdbc.internal.Schema;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.PendingEffect;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows written by schema version 1 ({@code schema-v1-rows.sql}, recorded once and never regenerated) in a
 * database created by the version 1 script still load, replay, list and deliver once the store has
 * upgraded the schema, and a kit carries on with such an incident.
 */
final class StoredRowsFixtureTest {
    private static final IncidentId INC1 = IncidentId.of(1);
    private static final IncidentId INC3 = IncidentId.of(3);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"PostgreSQL", "H2"})
    void rowsFromSchemaVersion1StillLoad(String database) throws Exception {
        String schema = database.equals("PostgreSQL") ? TestDatabases.newPostgresSchema() : "";
        String url = schema.isEmpty() ? TestDatabases.h2Url(dir) : TestDatabases.postgresUrl(schema);
        JdbcConnectionPool pool = TestDatabases.dataSource(url);
        try {
            String v1 = Schema.script(Dialect.forProductName(database).orElseThrow().schemaScripts().get(0));
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                for (String statement : Schema.statements(v1)) {
                    s.execute(statement); // the schema as release 0.1 created it
                }
            }
            insertFixture(pool);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) { // 0.1 was delivering it when stopped
                s.execute("UPDATE incidentkit_effect SET claimed_by = 'old-bot', claimed_until = TIMESTAMP WITH TIME ZONE"
                        + " '2026-11-24T14:40:00Z' WHERE idempotency_key = 'INC-3:2:0'");
            }
            JdbcIncidentStore store = JdbcIncidentStore.builder(pool).build(); // upgrades to the current schema

            Set<String> types = new HashSet<>();
            for (IncidentId id : List.of(INC1, IncidentId.of(2), INC3, IncidentId.of(4), IncidentId.of(5))) {
                store.load(id).forEach(e -> types.add(IncidentJson.typeName(e.getClass())));
            }
            Set<String> sinceTheFixture = Set.of("deliveries_retried", "classified", "presence_confirmed"); // event types 0.1 did not have
            assertThat(types).as("the fixture holds every event type 0.1 had").containsExactlyInAnyOrderElementsOf(
                    IncidentJson.typeNames().values().stream().filter(t -> !sinceTheFixture.contains(t)).toList());

            Incident first = Incident.replay(INC1, store.load(INC1));
            assertThat(first.version()).isEqualTo(20);
            assertThat(first.title()).isEqualTo("Checkout is failing");
            assertThat(first.severity()).isEqualTo(Severity.SEV2);
            assertThat(first.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(first.all(NoteAdded.class)).extracting(NoteAdded::text).containsExactly("rolled back deploy 1234 — «ошибка» 🔥");

            List<IncidentEvent> drill = store.load(INC3);
            assertThat(Incident.replay(INC3, drill).drill()).isTrue();
            assertThat(drill.get(drill.size() - 1)).isInstanceOf(Closed.class);
            assertThat(drill).filteredOn(ReminderFired.class::isInstance).singleElement()
                    .extracting(IncidentEvent::at).isEqualTo(Instant.parse("2026-11-24T16:30:00.123456789Z"));

            assertThat(store.openIncidents()).containsExactly(INC1, IncidentId.of(2));
            List<IncidentId> closedWithFollowUps = new java.util.ArrayList<>();
            for (IncidentId id : List.of(INC1, IncidentId.of(2), INC3, IncidentId.of(4), IncidentId.of(5))) {
                Incident replayed = Incident.replay(id, store.load(id));
                if (replayed.status() == dev.incidentkit.incident.IncidentStatus.CLOSED && !replayed.openFollowUps().isEmpty()) {
                    closedWithFollowUps.add(id);
                }
            }
            assertThat(store.closedWithOpenFollowUps()).as("the upgrade counted every incident's follow-ups")
                    .containsExactlyElementsOf(closedWithFollowUps);
            assertThat(store.nextId()).isEqualTo(IncidentId.of(6));
            assertThat(Incident.replay(IncidentId.of(5), store.load(IncidentId.of(5))).openFollowUps()).isEmpty();
            Set<String> effectTypes = new HashSet<>();
            store.pendingEffects().forEach(p -> effectTypes.add(IncidentJson.effectTypeName(p.effect().getClass())));
            assertThat(store.requeueFailedEffects(INC1, Instant.parse("2026-11-24T17:00:00Z"), e -> false)).singleElement()
                    .isInstanceOf(Effect.PublishStatus.class);
            store.pendingEffects().forEach(p -> effectTypes.add(IncidentJson.effectTypeName(p.effect().getClass())));
            assertThat(effectTypes).contains("create_channel", "page", "resolve_pages", "file_report", "file_follow_up", "publish_status");
            assertThat(store.pendingEffects()).extracting(PendingEffect::incident).contains(INC1, IncidentId.of(2), INC3);

            assertThat(store.claimDue("new-bot", Instant.parse("2026-11-24T18:00:00Z"), Duration.ofSeconds(15), 100))
                    .as("claims of the old rows; only the one a 0.1 bot was delivering may have reached the vendor")
                    .isNotEmpty().allSatisfy(c -> assertThat(c.mayHaveRun()).isEqualTo(c.pending().effect().key().equals("INC-3:2:0")))
                    .anySatisfy(c -> assertThat(c.pending().effect().key()).isEqualTo("INC-3:2:0"));
            assertThat(store.release("new-bot")).isPositive();

            TestClock clock = TestClock.at("2026-11-24T18:00:00Z");
            try (IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(new RecordingChatGateway())
                    .deliveryExecutor(command -> { }).tickEvery(Duration.ZERO).build()) {
                kit.handle(new ChatRequest(new PersonRef("alice", "Alice"), "C-general", "INC-1 note carried on after an upgrade"));
            }
            assertThat(store.load(INC1)).hasSize(21).last().isInstanceOf(NoteAdded.class);
        } finally {
            pool.dispose();
            if (schema.isEmpty()) {
                TestDatabases.shutdownH2(url);
            } else {
                TestDatabases.dropPostgres(schema);
            }
        }
    }

    private static void insertFixture(JdbcConnectionPool pool) throws IOException, SQLException {
        String fixture;
        try (InputStream in = StoredRowsFixtureTest.class.getResourceAsStream("schema-v1-rows.sql")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String line : fixture.split("\n")) {
                if (!line.isBlank() && !line.startsWith("--")) {
                    s.execute(line.strip().replaceAll(";$", ""));
                }
            }
        }
    }
}
