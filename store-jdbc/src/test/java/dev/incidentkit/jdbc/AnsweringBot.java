package dev.incidentkit.jdbc;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The bot {@link AnsweredCommandSurvivesKillTest} kills: run in a JVM of its own on an H2 file URL, as the
 * example bot opens it. It declares INC-1 if it is new, then takes notes as fast as it can and prints
 * {@code ANSWERED <text>} as soon as each command has been answered, until it is killed.
 */
final class AnsweringBot {
    private AnsweringBot() {}

    public static void main(String[] args) {
        String url = args[0];
        String run = args[1];
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", ""); // as IncidentBot does
        IncidentKit kit = IncidentKit.builder()
                .clock(Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC))
                .store(JdbcIncidentStore.builder(pool).build())
                .chat(new RecordingChatGateway())
                .replicaName("answering-bot")
                .deliveryExecutor(command -> { }) // only the answers matter here
                .tickEvery(Duration.ZERO)
                .build();
        PersonRef alice = new PersonRef("alice", "Alice");
        if (kit.incident(IncidentId.of(1)).isEmpty()) {
            kit.handle(new ChatRequest(alice, "C-general", "declare sev2 Checkout is failing"));
        }
        for (int i = 0; ; i++) {
            String text = run + "-" + i;
            Reply reply = kit.handle(new ChatRequest(alice, "C-general", "INC-1 note " + text));
            if (reply.visibility() != Reply.Visibility.CHANNEL) {
                throw new IllegalStateException("the note was refused: " + reply.text());
            }
            System.out.println("ANSWERED " + text);
            System.out.flush();
        }
    }
}
