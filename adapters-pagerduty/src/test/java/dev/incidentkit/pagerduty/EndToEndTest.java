package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole path with a real kit: declare → the IMOC (a Slack user) is paged as their PagerDuty user →
 * PagerDuty's signed {@code incident.acknowledged} webhook → the timeline shows the acknowledgement by the
 * Slack user → resolve → the PagerDuty incident is resolved at the fake.
 */
final class EndToEndTest {
    static final PersonRef ALICE = PagerDutyPagerTest.ALICE;

    @Test
    void declarePageAcknowledgeInPagerDutyResolve() {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        RecordingChatGateway chat = new RecordingChatGateway();
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        try (FakePagerDuty pd = new FakePagerDuty()) {
            pd.server.stub("GET", "/users", r -> dev.incidentkit.adapters.testing.ScriptedResponse.ok("{\"users\":["
                    + pd.user("PXPGF42", "Alice Liddell", "alice@example.com") + "],\"limit\":100,\"offset\":0,\"more\":false}"));
            pd.addUser("PXPGF42", "Alice Liddell", "alice@example.com");
            PagerDutyConfig config = pd.config();
            try (PagerDutyPager pager = PagerDutyPager.restApi(config).people(PagerDutyPagerTest.SLACK).clock(clock)
                         .retryPolicy(PagerDutyPagerTest.FAST).build();
                 IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat)
                         .pager(pager).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
                 PagerDutyInbound inbound = PagerDutyInbound.builder(config, kit, store).clock(clock).pager(pager)
                         .people(PagerDutyPagerTest.SLACK).executor(Runnable::run).build()) {

                kit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
                IncidentId id = IncidentId.of(1);
                Incident declared = kit.incident(id).orElseThrow();
                assertThat(declared.last(Paged.class)).map(Paged::target).contains(ALICE);
                assertThat(declared.links()).filteredOn(l -> l.kind() == LinkKind.PAGE).singleElement()
                        .satisfies(l -> assertThat(l.url()).isEqualTo("https://acme.pagerduty.com/incidents/PINC001"));
                assertThat(declared.unacknowledgedPages()).containsExactly(ALICE);
                assertThat(pd.incidents()).singleElement().satisfies(i -> {
                    assertThat(i.path("incident_key").asText()).isEqualTo("incidentkit/INC-1/U024BE7LH");
                    assertThat(i.path("status").asText()).isEqualTo("triggered");
                });
                assertThat(pd.server.requests("POST", "/incidents").get(0).json().path("incident").path("assignments")
                        .path(0).path("assignee").path("id").asText()).isEqualTo("PXPGF42");

                clock.advance(Duration.ofMinutes(2));
                var data = pd.json.createObjectNode().put("id", "PINC001").put("type", "incident")
                        .put("status", "acknowledged").put("incident_key", "incidentkit/INC-1/U024BE7LH").put("title", "INC-1 SEV1 Checkout is failing");
                data.putArray("assignees").add(pd.userRef("PXPGF42", "Alice Liddell"));
                String body = pd.webhook("01E2E", "incident.acknowledged", "2026-11-24T14:01:55Z", pd.userRef("PXPGF42", "Alice Liddell"), data);
                var response = inbound.handle(new InboundRequest("POST", "/webhooks/pagerduty", Map.of(
                        "X-PagerDuty-Signature", List.of("v1=" + "0".repeat(64) + "," + FakePagerDuty.sign(body)),
                        "X-Webhook-Id", List.of("e2e-1")), body.getBytes(StandardCharsets.UTF_8)));
                assertThat(response.status()).isEqualTo(202);

                Incident acknowledged = kit.incident(id).orElseThrow();
                assertThat(acknowledged.last(PageAcknowledged.class)).hasValueSatisfying(a -> {
                    assertThat(a.by()).isEqualTo(ALICE);
                    assertThat(a.target()).isEqualTo(ALICE);
                });
                assertThat(acknowledged.unacknowledgedPages()).isEmpty();

                String channel = acknowledged.channel().orElseThrow().channelId();
                kit.handle(new ChatRequest(ALICE, channel, "resolve"));
                assertThat(kit.incident(id).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
                assertThat(pd.status("PINC001")).isEqualTo("resolved");
            }
            pd.checkAll();
        }
    }
}
