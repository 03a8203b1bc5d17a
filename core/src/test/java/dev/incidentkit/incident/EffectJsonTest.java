package dev.incidentkit.incident;

import static dev.incidentkit.incident.EventTypesTest.ALICE;
import static dev.incidentkit.incident.EventTypesTest.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.Effect;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbox effects have a stable JSON form, so a durable store can keep them across releases. */
final class EffectJsonTest {

    /** One sample of each effect type. */
    static Map<Class<?>, Effect> samples() {
        Map<Class<?>, Effect> s = new LinkedHashMap<>();
        s.put(Effect.CreateChannel.class, new Effect.CreateChannel("INC-42:1:1", "inc-42-checkout-is-failing"));
        s.put(Effect.Invite.class, new Effect.Invite("INC-42:1:2", List.of(ALICE, BOB)));
        s.put(Effect.SetTopic.class, new Effect.SetTopic("INC-42:1:3"));
        s.put(Effect.Post.class, new Effect.Post("INC-42:1:4", new ChatMessage(ChatMessage.Kind.KICKOFF,
                "INC-42 · SEV1 · Checkout is failing", "*IMOC checklist*\n1. `update investigating: …` — «quoted» 🔥",
                List.of(new ChatMessage.Button("Snooze 15m", "remind me in 15m")), true), true));
        s.put(Effect.Bookmark.class, new Effect.Bookmark("INC-42:2:1", "status page", "https://status.example.com/x"));
        s.put(Effect.ArchiveChannel.class, new Effect.ArchiveChannel("INC-42:30:0:archive"));
        s.put(Effect.Page.class, new Effect.Page("INC-42:1:5", ALICE, "declared SEV1"));
        s.put(Effect.ResolvePages.class, new Effect.ResolvePages("INC-42:9:1"));
        s.put(Effect.PublishStatus.class, new Effect.PublishStatus("INC-42:7:1", IncidentStatus.IDENTIFIED, "We found the cause"));
        s.put(Effect.MarkComponents.class, new Effect.MarkComponents("INC-42:8:0", Map.of("checkout", "major_outage")));
        s.put(Effect.FileReport.class, new Effect.FileReport("INC-42:10:1"));
        s.put(Effect.FileFollowUp.class, new Effect.FileFollowUp("INC-42:11:1", 2, "Alert on checkout errors"));
        return s;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEffectTypeHasAUniqueSnakeCaseName() {
        assertThat(IncidentJson.effectTypeNames().keySet()).containsExactlyInAnyOrder(
                (Class<? extends Effect>[]) Effect.class.getPermittedSubclasses());
        assertThat(IncidentJson.effectTypeNames().values()).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z]+(_[a-z]+)*"));
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(Arrays.asList(Effect.class.getPermittedSubclasses()));
    }

    @Test
    void everyEffectSurvivesARoundTrip() {
        samples().forEach((type, effect) -> {
            String json = IncidentJson.writeEffect(effect);
            assertThat(json).startsWith("{\"type\":\"" + IncidentJson.effectTypeName(effect.getClass()) + "\",\"key\":\"");
            assertThat(IncidentJson.readEffect(json)).as(json).isEqualTo(effect);
        });
    }

    @Test
    void aStatusUpdateHasTheDocumentedShape() {
        assertThat(IncidentJson.writeEffect(new Effect.PublishStatus("INC-42:7:1", IncidentStatus.IDENTIFIED, "We found the cause")))
                .isEqualTo("{\"type\":\"publish_status\",\"key\":\"INC-42:7:1\",\"status\":\"identified\",\"message\":\"We found the cause\"}");
    }

    @Test
    void aChatMessageIsWrittenWithItsKindInLowerCase() {
        String json = IncidentJson.writeEffect(new Effect.Post("k", new ChatMessage(ChatMessage.Kind.PUBLIC_UPDATE, "", "hi",
                List.of(), false), false));
        assertThat(json).isEqualTo("{\"type\":\"post\",\"key\":\"k\",\"message\":{\"kind\":\"public_update\",\"title\":\"\","
                + "\"text\":\"hi\",\"buttons\":[],\"drill\":false},\"pin\":false}");
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownTypesAreAClearError() {
        assertThat(IncidentJson.readEffect("{\"type\":\"set_topic\",\"key\":\"k\",\"addedLater\":1}"))
                .isEqualTo(new Effect.SetTopic("k"));
        assertThatThrownBy(() -> IncidentJson.readEffect("{\"type\":\"teleport\",\"key\":\"k\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an incidentkit effect")
                .hasMessageContaining("teleport");
    }
}
