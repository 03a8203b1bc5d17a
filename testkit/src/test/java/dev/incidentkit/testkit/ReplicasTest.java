package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every replica answers in every incident channel, whichever replica bound it and whenever it started. */
final class ReplicasTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final RecordingChatGateway chat = new RecordingChatGateway();
    final IncidentKit a = kit("a");
    IncidentKit b;

    IncidentKit kit(String name) {
        return IncidentKit.builder().clock(clock).store(store).chat(chat).replicaName(name)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
    }

    @AfterEach
    void close() {
        a.close();
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aReplicaThatDidNotBindTheChannelAnswersInIt() {
        b = kit("b"); // started before the channel exists
        a.handle(new ChatRequest(ALICE, "D-alice", "declare sev2 Search is slow"));
        assertThat(a.incidentOf("C1")).contains(IncidentId.of(1));

        assertThat(b.handle(new ChatRequest(ALICE, "C1", "note index rebuild started")).text()).doesNotContain("Which incident");
        IncidentKit late = kit("c"); // started after the channel was bound
        assertThat(late.handle(new ChatRequest(ALICE, "C1", "note second replica")).text()).doesNotContain("Which incident");
        late.close();
        assertThat(a.incident(IncidentId.of(1)).orElseThrow().all(NoteAdded.class)).hasSize(2);
    }

    @Test
    void aChannelThatIsNoIncidentsStillAsksWhichIncident() {
        b = kit("b");
        a.handle(new ChatRequest(ALICE, "D-alice", "declare sev2 Search is slow"));
        assertThat(b.handle(new ChatRequest(ALICE, "C-general", "note hello")).text()).startsWith("Which incident?");
    }
}
