package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway.Capability;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingPager;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kit asks a chat platform only for what its capabilities say, and says in the channel what it cannot do. */
final class ChatCapabilitiesTest {
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");

    private static IncidentKit kit(RecordingChatGateway chat, RecordingPager pager) {
        return IncidentKit.builder().clock(TestClock.at("2026-12-08T10:00:00Z")).store(new InMemoryIncidentStore())
                .chat(chat).pager(pager).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
    }

    private static ChatMessage kickOff(RecordingChatGateway chat) {
        return chat.posted().stream().filter(m -> m.kind() == ChatMessage.Kind.KICKOFF).findFirst().orElseThrow();
    }

    @Test
    void withoutPinningTheKickOffIsPostedUnpinnedAndSaysSo() {
        RecordingChatGateway chat = new RecordingChatGateway(EnumSet.of(Capability.TOPIC, Capability.BOOKMARK, Capability.ARCHIVE));
        try (IncidentKit kit = kit(chat, new RecordingPager())) {
            kit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
            assertThat(chat.calls("pin")).isEmpty();
            assertThat(chat.calls("setTopic")).hasSize(1);
            assertThat(chat.calls("bookmark")).as("the page's link").hasSize(1);
            assertThat(kickOff(chat).text()).contains("IMOC checklist").contains("cannot pin messages")
                    .doesNotContain("channel topic").doesNotContain("bookmark");
            assertThat(kit.incident(IncidentId.of(1)).orElseThrow().all(DeliveryFailed.class)).isEmpty();
        }
    }

    @Test
    void withNoneOfThemNothingIsAskedAndLinksArePosted() {
        RecordingChatGateway chat = new RecordingChatGateway(Set.of());
        try (IncidentKit kit = kit(chat, new RecordingPager())) {
            kit.handle(new ChatRequest(ALICE, "C-general", "declare sev2 Search is slow"));
            kit.handle(new ChatRequest(ALICE, kit.incident(IncidentId.of(1)).orElseThrow().channel().orElseThrow().channelId(),
                    "sev 1"));
            assertThat(chat.calls("pin")).isEmpty();
            assertThat(chat.calls("setTopic")).isEmpty();
            assertThat(chat.calls("bookmark")).isEmpty();
            assertThat(chat.calls("postEphemeral")).isEmpty();
            assertThat(kickOff(chat).text()).contains("cannot pin messages").contains("set a channel topic")
                    .contains("bookmark links");
            assertThat(chat.posted()).anySatisfy(m -> assertThat(m.text())
                    .startsWith("Link: <https://pager.example.com/incidents/"));
            assertThat(kit.incident(IncidentId.of(1)).orElseThrow().all(DeliveryFailed.class)).isEmpty();
        }
    }

    @Test
    void withEveryCapabilityTheKickOffIsPinnedAndUnchanged() {
        RecordingChatGateway chat = new RecordingChatGateway();
        try (IncidentKit kit = kit(chat, new RecordingPager())) {
            kit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
            assertThat(chat.calls("pin")).hasSize(1);
            assertThat(kickOff(chat).text()).doesNotContain("cannot");
        }
    }

    @Test
    void theFakeRefusesWhatItLacks() {
        RecordingChatGateway chat = new RecordingChatGateway(Set.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> chat.pin(new dev.incidentkit.spi.ChatGateway.MessageRef("C1", "M1")))
                .isInstanceOf(dev.incidentkit.spi.PortException.class);
    }
}
