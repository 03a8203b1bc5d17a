package dev.incidentkit.jdbc;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The bot {@link CrashSafetyTest} kills: run in a JVM of its own with the database's JDBC URL and the
 * status page's file. It declares an incident, reports the timeline's version, then publishes a status
 * update, and hangs while the status page holds the request.
 */
final class CrashingBot {
    static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final String NAME = "crashing-bot";
    static final Duration LEASE = Duration.ofSeconds(15);

    private CrashingBot() {}

    public static void main(String[] args) {
        String url = args[0];
        Path statusPageLog = Path.of(args[1]);
        JdbcIncidentStore store = JdbcIncidentStore.builder(TestDatabases.dataSource(url)).build();
        IncidentKit kit = IncidentKit.builder()
                .clock(Clock.fixed(T0, ZoneOffset.UTC))
                .store(store)
                .chat(new RecordingChatGateway())
                .statusPublisher(new FileStatusPage(statusPageLog, true))
                .replicaName(NAME)
                .deliveryLease(LEASE)
                .deliveryExecutor(Runnable::run)
                .tickEvery(Duration.ZERO)
                .build();
        kit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
        System.out.println("DECLARED " + kit.incident(IncidentId.of(1)).orElseThrow().version());
        System.out.flush();
        kit.handle(new ChatRequest(ALICE, "C1", "update investigating: We are looking into failed checkouts"));
        System.out.println("NOT_KILLED"); // the status page hangs, so this is never reached
    }
}
