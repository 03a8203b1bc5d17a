package dev.incidentkit.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real IncidentKit driving the Statuspage adapter against the fake server, from chat commands. */
final class StatuspageKitTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final IncidentId INC1 = IncidentId.of(1);

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final IncidentStore store = new InMemoryIncidentStore();
    final RecordingChatGateway chat = new RecordingChatGateway();
    final FakeStatuspage statuspage = new FakeStatuspage();
    StatuspageStatusPublisher publisher = statuspage.publisher(clock, RetryPolicy.none());
    IncidentKit kit = kit(false);

    IncidentKit kit(boolean preview) {
        return IncidentKit.builder().clock(clock).store(store).chat(chat).statusPublisher(publisher)
                .previewPublicUpdates(preview).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO)
                .retries(5, Duration.ofSeconds(2), Duration.ofMinutes(1)).build();
    }

    @AfterEach
    void close() {
        kit.close();
        publisher.close();
        statuspage.close();
    }

    Reply say(String text) {
        return kit.handle(new ChatRequest(ALICE, kit.incidentOf("C1").isPresent() ? "C1" : "C-general", text));
    }

    List<String> writes() {
        return statuspage.incidentWrites().stream().map(r -> r.method() + " " + r.path() + " "
                + r.json().path("incident").path("status").asText() + ": " + r.json().path("incident").path("body").asText())
                .toList();
    }

    @Test
    void updatesOpenThenUpdateTheStatusPageIncidentAndResolveResolvesIt() {
        say("declare sev1 Checkout is failing");
        say("components checkout-api=major_outage");
        say("update investigating: We are looking into failed checkouts");
        say("update identified: We found the cause");
        say("resolve");

        assertThat(writes()).containsExactly(
                "POST /v1/pages/page1/incidents investigating: We are looking into failed checkouts",
                "PATCH /v1/pages/page1/incidents/sp1 identified: We found the cause",
                "PATCH /v1/pages/page1/incidents/sp1 resolved: This incident has been resolved.");
        RecordedRequest resolve = statuspage.incidentWrites().get(2);
        assertThat(resolve.json().path("incident").path("components").toString()).isEqualTo("{\"cmp_checkout\":\"operational\"}");
        assertThat(kit.incident(INC1).orElseThrow().links()).filteredOn(l -> l.kind() == LinkKind.STATUS_PAGE)
                .extracting(LinkAdded::url, LinkAdded::reference).containsExactly(org.assertj.core.groups.Tuple.tuple("https://stspg.io/sp1", "sp1"));
        statuspage.checkAll();
    }

    @Test
    void aKitRebuiltOnTheSameStoreKeepsUpdatingTheSameStatusPageIncident() {
        say("declare sev2 Search is slow");
        say("update investigating: Searches are slow");
        kit.close();
        publisher.close();
        publisher = statuspage.publisher(clock, RetryPolicy.none());
        kit = kit(false);
        say("update monitoring: A fix is out");
        assertThat(writes()).containsExactly(
                "POST /v1/pages/page1/incidents investigating: Searches are slow",
                "PATCH /v1/pages/page1/incidents/sp1 monitoring: A fix is out");
    }

    @Test
    void updatesStayInOrderWhenTheStatusPageRateLimitsAndRetriesWait() {
        say("declare sev1 Checkout is failing");
        say("update investigating: first");
        statuspage.server.enqueue("PATCH", "/v1/pages/page1/incidents/sp1",
                ScriptedResponse.json(429, "{\"message\":\"Rate limited\"}"),
                ScriptedResponse.json(420, "{\"message\":\"Rate limited\"}"));
        say("update identified: second");
        say("update monitoring: third");
        assertThat(writes()).hasSize(2); // the 429 parked the lane: third waits behind second
        clock.advance(Duration.ofSeconds(5));
        kit.tick();
        assertThat(writes()).hasSize(3);
        clock.advance(Duration.ofMinutes(1));
        kit.tick();
        assertThat(statuspage.incidentWrites()).extracting(r -> r.json().path("incident").path("body").asText())
                .containsExactly("first", "second", "second", "second", "third");
        assertThat(kit.incident(INC1).orElseThrow().all(DeliveryFailed.class)).isEmpty();
    }

    @Test
    void anUnknownComponentIsRefusedWhenTyped() {
        say("declare sev1 Checkout is failing");
        Reply r = say("components chekout=major_outage");
        assertThat(r.visibility()).isEqualTo(Reply.Visibility.SENDER);
        assertThat(r.text()).contains("did you mean `checkout-api`?");
        assertThat(kit.incident(INC1).orElseThrow().components()).isEmpty();
    }

    @Test
    void withThePreviewAnUpdateWaitsForConfirm() {
        kit.close();
        kit = kit(true);
        say("declare sev1 Checkout is failing");
        Reply draft = say("update identified: We found the cause");
        assertThat(draft.visibility()).isEqualTo(Reply.Visibility.SENDER);
        assertThat(draft.text()).contains("Preview", "We found the cause", "the public status page");
        assertThat(draft.buttons()).containsExactly(new ChatMessage.Button("Confirm", "confirm"));
        assertThat(writes()).isEmpty();
        say("confirm");
        assertThat(writes()).containsExactly("POST /v1/pages/page1/incidents identified: We found the cause");
        assertThat(say("confirm").text()).contains("no drafted public update");
    }

    @Test
    void drillsGoToTheSandboxPage() {
        kit.handle(new ChatRequest(ALICE, "C-general", "declare --drill sev2 Practice run"));
        say("update investigating: practising");
        assertThat(statuspage.incidentWrites()).extracting(RecordedRequest::path).containsExactly("/v1/pages/sandbox1/incidents");
    }
}
