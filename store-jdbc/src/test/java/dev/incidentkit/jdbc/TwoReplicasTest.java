package dev.incidentkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.FakePort;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two bot replicas on one PostgreSQL take commands for the same incident at the same time. Every
 * command lands once, the sequence has no gap or duplicate, and each effect reaches its port once:
 * counted at the fakes, which both replicas share as the real vendors would be.
 */
final class TwoReplicasTest {
    private static final IncidentId INC1 = IncidentId.of(1);
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");
    private static final int THREADS_PER_REPLICA = 2;
    private static final int COMMANDS_PER_THREAD = 8;
    private static final Duration LEASE = Duration.ofSeconds(15);

    private final String schema = TestDatabases.newPostgresSchema();
    private final List<JdbcConnectionPool> pools = new ArrayList<>();
    private final List<IncidentKit> kits = new ArrayList<>();
    private final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final RecordingPager pager = new RecordingPager();
    private final RecordingStatusPublisher statusPage = new RecordingStatusPublisher();

    @AfterEach
    void tearDown() {
        kits.forEach(IncidentKit::close);
        pools.forEach(JdbcConnectionPool::dispose);
        TestDatabases.dropPostgres(schema);
    }

    private IncidentKit replica(String name) {
        JdbcConnectionPool pool = TestDatabases.postgres(schema);
        pools.add(pool);
        IncidentKit kit = IncidentKit.builder().clock(clock).store(JdbcIncidentStore.builder(pool).build())
                .chat(chat).pager(pager).statusPublisher(statusPage).replicaName(name).deliveryLease(LEASE)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
        kits.add(kit);
        return kit;
    }

    /** A replica with only a chat, so that the one delivery the test steers is all it runs. */
    private IncidentKit chatOnlyReplica(String name, ChatGateway chatOfReplica, Executor deliveryExecutor) {
        JdbcConnectionPool pool = TestDatabases.postgres(schema);
        pools.add(pool);
        IncidentKit kit = IncidentKit.builder().clock(clock).store(JdbcIncidentStore.builder(pool).build())
                .chat(chatOfReplica).replicaName(name).deliveryLease(LEASE)
                .deliveryExecutor(deliveryExecutor).tickEvery(Duration.ZERO).build();
        kits.add(kit);
        return kit;
    }

    /**
     * Issue 13, items 1 and 2: replica A creates the channel, then hangs before it hears back; its lease
     * runs out (it never ticks, so never renews), and B takes the effect over. B is told the vendor may
     * have acted, finds A's channel by its marker instead of creating a second one, and binds it. When A's
     * call finally returns, its completion is refused: the vendor saw one channel and the timeline one
     * binding.
     */
    @Test
    void aDeliveryWhoseLeaseRunsOutIsTakenOverAndReachesTheVendorOnce() throws Exception {
        CountDownLatch acted = chat.actThenHold("createChannel"); // A's answer will come too late
        ExecutorService deliveryOfA = Executors.newFixedThreadPool(2);
        try {
            IncidentKit a = chatOnlyReplica("replica-a", chat, deliveryOfA);
            IncidentKit b = chatOnlyReplica("replica-b", chat, Runnable::run);
            a.handle(new ChatRequest(ALICE, "C-general", "declare sev2 Search is slow"));
            assertThat(acted.await(30, TimeUnit.SECONDS)).as("A reached the vendor").isTrue();

            clock.advance(LEASE.plusSeconds(1));
            b.tick();
            chat.release();
            deliveryOfA.shutdown();
            assertThat(deliveryOfA.awaitTermination(30, TimeUnit.SECONDS)).as("A's delivery ended").isTrue();

            assertThat(chat.created()).as("one channel at the vendor").hasSize(1);
            assertThat(chat.calls("lookUp")).as("B looked for A's channel by its key").singleElement()
                    .satisfies(c -> assertThat(c.arg(0)).isEqualTo(chat.calls("createChannel").get(0).arg(1)));
            List<IncidentEvent> timeline = b.incident(INC1).orElseThrow().timeline();
            assertThat(timeline).as("A's late outcome was dropped").filteredOn(ChannelBound.class::isInstance).hasSize(1);
            for (int i = 0; i < timeline.size(); i++) {
                assertThat(timeline.get(i).seq()).isEqualTo(i + 1);
            }
            assertThat(chat.calls("post")).as("the channel's messages went out once each, from B").isNotEmpty()
                    .extracting(c -> c.arg(2)).doesNotHaveDuplicates();
            assertThat(effectRows().keySet()).as("nothing left waiting").containsOnly("delivered");
            try (Connection c = pools.get(0).getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT claimed_by FROM incidentkit_effect WHERE effect_type = 'create_channel'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("B delivered the channel").isEqualTo("replica-b");
            }
        } finally {
            chat.release();
            deliveryOfA.shutdownNow();
        }
    }

    @Test
    void commandsForOneIncidentOnTwoReplicasLandOnceAndEveryEffectIsDeliveredOnce() throws Exception {
        IncidentKit a = replica("replica-a");
        IncidentKit b = replica("replica-b");
        a.handle(new ChatRequest(ALICE, "C-general", "declare sev2 Search is slow"));

        List<String> notes = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_REPLICA);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (IncidentKit kit : List.of(a, b)) {
                for (int t = 0; t < THREADS_PER_REPLICA; t++) {
                    String who = (kit == a ? "a" : "b") + t;
                    List<String> commands = new ArrayList<>();
                    for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
                        String text = "from " + who + " #" + i;
                        // typed in the incident's channel, which replica B never bound: it finds the incident in the store
                        commands.add(i % 3 == 2 ? "update " + text : "note " + text);
                        (i % 3 == 2 ? updates : notes).add(text);
                    }
                    done.add(pool.submit(() -> {
                        start.await();
                        for (String command : commands) { // only the IMOC may publish updates
                            say(kit, command.startsWith("update ") ? ALICE : new PersonRef(who, "Person " + who), command);
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        a.tick();
        b.tick();

        List<IncidentEvent> timeline = a.incident(INC1).orElseThrow().timeline();
        for (int i = 0; i < timeline.size(); i++) {
            assertThat(timeline.get(i).seq()).as("seq of event %d", i).isEqualTo(i + 1);
        }
        assertThat(timeline).filteredOn(NoteAdded.class::isInstance).map(e -> ((NoteAdded) e).text())
                .containsExactlyInAnyOrderElementsOf(notes);
        assertThat(timeline).filteredOn(StatusUpdatePublished.class::isInstance)
                .map(e -> ((StatusUpdatePublished) e).message()).containsExactlyInAnyOrderElementsOf(updates);

        Map<String, Map<String, Long>> rows = effectRows();
        assertThat(rows.keySet()).as("every effect delivered; none waiting or parked").containsOnly("delivered");
        // which replica delivers what depends on timing (one may win every claim), so only who may appear is checked
        assertThat(deliveredBy().keySet()).as("delivered by the replicas").isSubsetOf("replica-a", "replica-b");
        Map<String, Long> delivered = rows.get("delivered");
        assertThat(statusPage.published()).extracting(u -> u.message()).containsExactlyInAnyOrderElementsOf(updates);
        assertOncePerKey(statusPage, "publish", 1, delivered.get("publish_status"));
        assertOncePerKey(chat, "post", 2, delivered.get("post"));
        assertOncePerKey(chat, "createChannel", 1, delivered.get("create_channel"));
        assertOncePerKey(pager, "page", 1, delivered.get("page"));
        assertThat((long) chat.calls("setTopic").size()).isEqualTo(delivered.getOrDefault("set_topic", 0L));
        assertThat((long) chat.calls("invite").size()).isEqualTo(delivered.getOrDefault("invite", 0L));
        assertThat((long) chat.calls("bookmark").size()).isEqualTo(delivered.getOrDefault("bookmark", 0L));
    }

    @Test
    void aReplicaFiresTheRemindersAnotherPlannedWithoutReadingEveryIncident() {
        IncidentKit a = replica("replica-a");
        IncidentKit b = replica("replica-b");
        b.tick(); // B's first run reads every incident (there are none); its next full scan is an hour away
        a.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
        a.tick(); // A plans INC-1's reminders and writes when the first is due into the store
        a.close(); // and then A is gone
        JdbcConnectionPool look = TestDatabases.postgres(schema);
        pools.add(look);
        assertThat(JdbcIncidentStore.builder(look).build().remindersDueBy(clock.instant().plus(Duration.ofMinutes(31))))
                .as("what A planned, as every replica reads it").contains(List.of(INC1));

        clock.advance(Duration.ofMinutes(31));
        b.tick();
        assertThat(b.incident(INC1).orElseThrow().all(ReminderFired.class))
                .as("B found INC-1 due in the store, though it never read INC-1 before").isNotEmpty();
    }

    @Test
    void remindersFireOnceWhenTwoReplicasTickAtOnce() throws Exception {
        IncidentKit a = replica("replica-a");
        IncidentKit b = replica("replica-b");
        a.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int minute = 0; minute < 45; minute++) {
                clock.advance(Duration.ofMinutes(1));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> ticks = new ArrayList<>();
                for (IncidentKit kit : List.of(a, b)) {
                    ticks.add(pool.submit(() -> {
                        start.await();
                        kit.tick();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : ticks) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<ReminderFired> fired = a.incident(INC1).orElseThrow().all(ReminderFired.class);
        assertThat(fired).as("in 45 minutes of a SEV1 nobody tends, reminders fall due").isNotEmpty();
        assertThat(fired).extracting(r -> r.key() + "@" + r.dueAt()).doesNotHaveDuplicates();
        List<String> reminderPosts = chat.attempts().stream().filter(c -> c.method().equals("post"))
                .filter(c -> ((dev.incidentkit.spi.ChatMessage) c.arg(1)).kind() == dev.incidentkit.spi.ChatMessage.Kind.REMINDER)
                .map(c -> (String) c.arg(2)).toList();
        assertThat(reminderPosts).as("one chat message per fired reminder").doesNotHaveDuplicates().hasSize(fired.size());
    }

    private static void say(IncidentKit kit, PersonRef who, String command) {
        while (true) { // a person told the incident is changing too fast types the command again
            Reply reply = kit.handle(new ChatRequest(who, "C1", command));
            if (!reply.text().contains("changing too fast")) {
                assertThat(reply.visibility()).as("%s: %s", command, reply.text()).isEqualTo(Reply.Visibility.CHANNEL);
                return;
            }
        }
    }

    /** Each effect of a port method with an idempotency key reached the vendor exactly once, as often as the store has rows of it. */
    private static void assertOncePerKey(FakePort fake, String method, int keyArg, Long rows) {
        List<Object> keys = fake.calls(method).stream().map(c -> c.arg(keyArg)).toList();
        assertThat(keys).as(method + " idempotency keys").doesNotHaveDuplicates().hasSize(rows.intValue());
    }

    /** Delivered effects by the replica that delivered them. */
    private Map<String, Long> deliveredBy() throws SQLException {
        Map<String, Long> by = new HashMap<>();
        try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT claimed_by, COUNT(*) FROM incidentkit_effect GROUP BY claimed_by")) {
            while (rs.next()) {
                by.put(rs.getString(1), rs.getLong(2));
            }
        }
        return by;
    }

    /** Effect rows by state and type. */
    private Map<String, Map<String, Long>> effectRows() throws SQLException {
        Map<String, Map<String, Long>> rows = new HashMap<>();
        try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, effect_type, COUNT(*) FROM incidentkit_effect GROUP BY state, effect_type")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
            }
        }
        return rows;
    }
}
