package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

final class PagerDutyInboundTest {
    static final PersonRef BOB = new PersonRef("PBOB001", "Bob");

    final FakePagerDuty pd = new FakePagerDuty();
    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final RecordingChatGateway chat = new RecordingChatGateway();
    final PagerDutyPager pager = PagerDutyPager.restApi(pd.config()).retryPolicy(PagerDutyPagerTest.FAST).build();
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat).pager(pager)
            .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();

    @AfterEach
    void stop() {
        kit.close();
        pager.close();
        pd.close();
    }

    PagerDutyInbound inbound(PagerDutyConfig config) {
        return PagerDutyInbound.builder(config, kit, store).clock(clock).executor(Runnable::run).build();
    }

    static InboundRequest post(String body, String signature) {
        return new InboundRequest("POST", "/webhooks/pagerduty", Map.of("X-PagerDuty-Signature", List.of(signature),
                "Content-Type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Declares INC-1 with Bob (a PagerDuty user id, so no mapping is needed) as IMOC, who is paged. */
    void declareAndPageBob() {
        kit.handle(new ChatRequest(BOB, "C-general", "declare sev2 Search is slow"));
        assertThat(pd.incidents()).singleElement().satisfies(i -> assertThat(i.path("incident_key").asText()).isEqualTo("incidentkit/INC-1/PBOB001"));
    }

    String acknowledged(String webhookId, String occurredAt, String incidentKey) {
        ObjectNode data = pd.json.createObjectNode().put("id", "PINC001").put("type", "incident").put("status", "acknowledged")
                .put("title", "INC-1 SEV2 Search is slow").put("incident_key", incidentKey);
        data.putObject("service").put("id", FakePagerDuty.SERVICE).put("type", "service_reference");
        return pd.webhook(webhookId, "incident.acknowledged", occurredAt, pd.userRef("PBOB001", "Bob"), data);
    }

    List<IncidentEvent> timeline() {
        return kit.incident(IncidentId.of(1)).map(Incident::timeline).orElse(List.of());
    }

    @Test
    void theOfficialVectorVerifiesAndAnUnhandledEventIsAccepted() throws IOException {
        var file = ApiDescriptionValidator.locate("webhook-signature-test-vectors.json");
        Assumptions.assumeTrue(file.isPresent(), "shared/api-specs not present");
        JsonNode vector = null;
        for (JsonNode v : new ObjectMapper().readTree(Files.readString(file.get())).path("vectors")) {
            if (v.path("vendor").asText().equals("pagerduty")) {
                vector = v;
            }
        }
        assertThat(vector).isNotNull();
        PagerDutyConfig config = pd.configBuilder().webhookSecret(Secret.of(vector.path("secret").asText())).build();
        clock.set(java.time.Instant.parse("2021-04-26T17:40:00Z"));
        try (PagerDutyInbound in = inbound(config)) {
            String body = vector.path("body").asText();
            assertThat(in.handle(post(body, vector.path("expected_signature").asText())).status()).isEqualTo(202);
            String rotated = vector.path("non_matching_signature_from_same_test").asText() + "," + vector.path("expected_signature").asText();
            assertThat(in.handle(new InboundRequest("POST", "/", Map.of("x-pagerduty-signature", List.of(rotated),
                    "X-Webhook-Id", List.of("w-2")), body.getBytes(StandardCharsets.UTF_8))).status())
                    .as("the same signed event under another X-Webhook-Id is a repeat").isEqualTo(200);
            assertThat(in.handle(post(body, vector.path("non_matching_signature_from_same_test").asText())).status()).isEqualTo(401);
            assertThat(in.handle(post(body + " ", vector.path("expected_signature").asText())).status())
                    .as("a body changed after signing").isEqualTo(401);
        }
    }

    @Test
    void anAcknowledgementOfTheKitsPageIsRecordedAsTheAcknowledgingUser() {
        declareAndPageBob();
        pd.addUser("PBOB001", "Bob", "bob@example.com");
        try (PagerDutyInbound in = inbound(pd.config())) {
            String body = acknowledged("01ACK", "2026-11-24T13:59:58Z", "incidentkit/INC-1/PBOB001");
            InboundResponse r = in.handle(post(body, FakePagerDuty.sign(body)));
            assertThat(r.status()).isEqualTo(202);
        }
        assertThat(timeline()).filteredOn(PageAcknowledged.class::isInstance).singleElement()
                .satisfies(e -> {
                    assertThat(e.by()).isEqualTo(new PersonRef("PBOB001", "Bob"));
                    assertThat(((PageAcknowledged) e).target().id()).isEqualTo("PBOB001");
                });
    }

    @Test
    void forgedStaleMalformedAndUnsignedRequestsNeverReachTheKit() {
        declareAndPageBob();
        pd.addUser("PBOB001", "Bob", "bob@example.com");
        int before = timeline().size();
        try (PagerDutyInbound in = inbound(pd.config())) {
            String fresh = acknowledged("01A", "2026-11-24T13:59:58Z", "incidentkit/INC-1/PBOB001");
            String forgedSig = WebhookSigner.with("not-the-secret", fresh);
            assertThat(in.handle(post(fresh, forgedSig)).status()).as("forged").isEqualTo(401);
            String stale = acknowledged("01B", "2026-11-21T13:59:58Z", "incidentkit/INC-1");
            assertThat(in.handle(post(stale, FakePagerDuty.sign(stale)))).as("stale")
                    .isEqualTo(InboundResponse.text(401, "stale event"));
            String future = acknowledged("01C", "2026-11-24T14:30:00Z", "incidentkit/INC-1");
            assertThat(in.handle(post(future, FakePagerDuty.sign(future))).status()).as("from the future").isEqualTo(401);
            assertThat(in.handle(post(fresh, "sha256=" + "0".repeat(64))).status()).as("malformed").isEqualTo(401);
            assertThat(in.handle(new InboundRequest("POST", "/", Map.of(), fresh.getBytes(StandardCharsets.UTF_8))).status())
                    .as("unsigned").isEqualTo(401);
            String notJson = "this is not json";
            assertThat(in.handle(post(notJson, FakePagerDuty.sign(notJson))).status()).as("not JSON").isEqualTo(400);
            assertThat(in.handle(new InboundRequest("GET", "/", Map.of(), new byte[0])))
                    .isEqualTo(InboundResponse.text(405, "POST only").withHeader("Allow", "POST"));
        }
        assertThat(timeline()).hasSize(before);
        assertThat(pd.server.requests("GET", "/users/PBOB001")).as("no lookups for rejected requests").isEmpty();
    }

    @Test
    void aRedeliveryIsAcceptedButHandledOnce() {
        declareAndPageBob();
        pd.addUser("PBOB001", "Bob", "bob@example.com");
        try (PagerDutyInbound in = inbound(pd.config())) {
            String body = acknowledged("01ACK", "2026-11-24T13:59:58Z", "incidentkit/INC-1/PBOB001");
            InboundRequest r = new InboundRequest("POST", "/", Map.of("X-PagerDuty-Signature", List.of(FakePagerDuty.sign(body)),
                    "X-Webhook-Id", List.of("wh-1")), body.getBytes(StandardCharsets.UTF_8));
            assertThat(in.handle(r).status()).isEqualTo(202);
            assertThat(in.handle(r)).isEqualTo(InboundResponse.text(200, "already handled"));
        }
        assertThat(pd.server.requests("GET", "/users/PBOB001")).hasSize(1);
    }

    @Test
    void anAcknowledgementOfSomeoneElsesIncidentIsIgnored() {
        declareAndPageBob();
        try (PagerDutyInbound in = inbound(pd.config())) {
            String body = acknowledged("01X", "2026-11-24T13:59:58Z", "srv01/HTTP");
            assertThat(in.handle(post(body, FakePagerDuty.sign(body))).status()).isEqualTo(202);
        }
        assertThat(timeline()).noneMatch(PageAcknowledged.class::isInstance);
        assertThat(pd.server.requests("GET", "/users/PBOB001")).isEmpty();
    }

    @Test
    void aTriggeredIncidentOnAConfiguredServiceDeclaresWithTheMappedSeverity() {
        pd.addUser("PBOB001", "Bob", "bob@example.com");
        PagerDutyConfig config = pd.configBuilder().declareServiceIds(java.util.Set.of("PAPI001")).build();
        try (PagerDutyInbound in = PagerDutyInbound.builder(config, kit, store).clock(clock).executor(Runnable::run).pager(pager)
                .severityMapping(Map.of("Critical", Severity.SEV1)).build()) {
            String other = triggered("01T0", "PELSE01", "PD0", "Elsewhere", null, "high");
            assertThat(in.handle(post(other, FakePagerDuty.sign(other))).status()).isEqualTo(202);
            assertThat(kit.incident(IncidentId.of(1))).as("not a configured service").isEmpty();

            String body = triggered("01T1", "PAPI001", "PD1", "API errors spiking", "Critical", "high");
            assertThat(in.handle(post(body, FakePagerDuty.sign(body))).status()).isEqualTo(202);
            String again = triggered("01T2", "PAPI001", "PD1", "API errors spiking", "Critical", "high");
            in.handle(post(again, FakePagerDuty.sign(again)));
            String ours = triggered("01T3", "PAPI001", "PD2", "INC-1 SEV1 API errors spiking", "P1", "high")
                    .replace("\"incident_key\":\"k\"", "\"incident_key\":\"incidentkit/INC-1/PBOB001\"");
            in.handle(post(ours, FakePagerDuty.sign(ours)));
            String low = triggered("01T4", "PAPI001", "PD3", "Disk filling", null, "low");
            in.handle(post(low, FakePagerDuty.sign(low)));
        }
        Incident declared = kit.incident(IncidentId.of(1)).orElseThrow();
        assertThat(declared.last(Declared.class)).map(Declared::severity).contains(Severity.SEV1);
        assertThat(declared.last(Declared.class)).map(Declared::title).contains("API errors spiking");
        assertThat(declared.imoc()).contains(new PersonRef("PBOB001", "Bob"));
        assertThat(kit.incident(IncidentId.of(2)).flatMap(i -> i.last(Declared.class))).map(Declared::severity)
                .as("low urgency without a priority").contains(Severity.SEV3);
        assertThat(kit.incident(IncidentId.of(3))).as("no repeat, no loop").isEmpty();
        assertThat(pd.server.requests("POST", "/incidents")).as("the PagerDuty incident is the page: nobody is paged twice").isEmpty();
        assertThat(declared.links()).extracting(l -> l.url()).contains("https://acme.pagerduty.com/incidents/PD1");
    }

    @Test
    void aReplayedTriggerDeclaresOnceOnAnyReplicaUnderAnyWebhookId() {
        PagerDutyConfig config = pd.configBuilder().declareServiceIds(java.util.Set.of("PAPI001")).build();
        String body = triggered("01R1", "PAPI001", "PD7", "Payments failing", "P1", "high");
        InboundRequest delivery = new InboundRequest("POST", "/", Map.of("X-PagerDuty-Signature", List.of(FakePagerDuty.sign(body)),
                "X-Webhook-Id", List.of("wh-7")), body.getBytes(StandardCharsets.UTF_8));
        try (PagerDutyInbound in = inbound(config); PagerDutyInbound replica = inbound(config)) {
            assertThat(in.handle(delivery)).isEqualTo(InboundResponse.text(202, "accepted"));
            assertThat(in.handle(delivery)).isEqualTo(InboundResponse.text(200, "already handled"));
            assertThat(replica.handle(delivery)).as("another replica").isEqualTo(InboundResponse.text(200, "already handled"));
            InboundRequest renamed = new InboundRequest("POST", "/", Map.of("X-PagerDuty-Signature", List.of(FakePagerDuty.sign(body)),
                    "X-Webhook-Id", List.of("wh-forged")), body.getBytes(StandardCharsets.UTF_8));
            assertThat(replica.handle(renamed).status()).as("the unsigned header renamed").isEqualTo(200);
        }
        try (PagerDutyInbound restarted = inbound(config)) {
            assertThat(restarted.handle(delivery).status()).as("after a restart").isEqualTo(200);
        }
        assertThat(kit.incident(IncidentId.of(1)).flatMap(i -> i.last(Declared.class))).map(Declared::title)
                .contains("Payments failing");
        assertThat(kit.incident(IncidentId.of(2))).as("one incident, not two").isEmpty();
    }

    @Test
    void anOversizedDeliveryGets413() {
        try (PagerDutyInbound in = inbound(pd.config())) {
            String body = "{\"event\":{\"pad\":\"" + "x".repeat(600 * 1024) + "\"}}";
            assertThat(in.handle(post(body, FakePagerDuty.sign(body))).status()).isEqualTo(413);
        }
    }

    String triggered(String eventId, String service, String pdId, String title, String priority, String urgency) {
        ObjectNode data = pd.json.createObjectNode().put("id", pdId).put("type", "incident").put("status", "triggered")
                .put("title", title).put("urgency", urgency).put("incident_key", "k")
                .put("html_url", "https://acme.pagerduty.com/incidents/" + pdId);
        data.putObject("service").put("id", service).put("type", "service_reference");
        data.putArray("assignees").add(pd.userRef("PBOB001", "Bob"));
        if (priority != null) {
            data.putObject("priority").put("id", "PPRIO01").put("type", "priority_reference").put("summary", priority);
        }
        return pd.webhook(eventId, "incident.triggered", "2026-11-24T13:59:00Z", com.fasterxml.jackson.databind.node.NullNode.getInstance(), data);
    }

    @Test
    void theJdkHttpServerBindingAnswersPagerDuty() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try (PagerDutyInbound in = inbound(pd.config())) {
            server.createContext("/webhooks/pagerduty", in.httpHandler());
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/pagerduty");
            String body = acknowledged("01H", "2026-11-24T13:59:58Z", "srv01/HTTP");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("X-PagerDuty-Signature", FakePagerDuty.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(202);
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(uri).header("X-PagerDuty-Signature", "v1=" + "a".repeat(64))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
            assertThat(forged.body()).isEqualTo("invalid signature");
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).contains("POST");
        } finally {
            server.stop(0);
        }
    }

    /** Signs with another secret, for forgeries. */
    static final class WebhookSigner {
        private WebhookSigner() {}

        static String with(String secret, String body) {
            return dev.incidentkit.adapters.webhook.WebhookVerifier.pagerDuty(Secret.of(secret))
                    .sign("", body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
