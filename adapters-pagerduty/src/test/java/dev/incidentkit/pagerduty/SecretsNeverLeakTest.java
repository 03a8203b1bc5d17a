package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.Pager.PageRequest;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through its noisy paths (a refused key, a rate limit, a retry, refused events, a
 * forged and a stale webhook) with debug logging on, and checks that no secret the suite uses appears in a
 * captured log line, an exception message or any {@code toString}.
 */
final class SecretsNeverLeakTest {
    private static final String WRONG_TOKEN = "pd-wrong-token-9931-leakcheck";
    private static final List<String> SECRETS = List.of(FakePagerDuty.TOKEN, FakePagerDuty.WEBHOOK_SECRET,
            FakePagerDuty.ROUTING_KEY, WRONG_TOKEN, "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK");

    @Test
    void noSecretInLogsExceptionsOrToStrings() {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        RetryPolicy fast = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        try (FakePagerDuty pd = new FakePagerDuty()) {
            PagerDutyConfig config = pd.config();
            PageRequest page = new PageRequest(IncidentId.of(7), new PersonRef("PXPGF42", "Alice"), "INC-7 SEV1 Down", Severity.SEV1, false);
            try (PagerDutyPager rest = PagerDutyPager.restApi(config).clock(clock).retryPolicy(fast).build();
                 PagerDutyPager events = PagerDutyPager.eventsApi(config).clock(clock).retryPolicy(fast).build();
                 IncidentKit kit = IncidentKit.builder().clock(clock).store(store)
                         .chat(new RecordingChatGateway()).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
                 PagerDutyInbound inbound = PagerDutyInbound.builder(config, kit, store).clock(clock).executor(Runnable::run).build()) {
                pd.server.enqueue("POST", "/incidents", ScriptedResponse.json(429,
                        "{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}").withHeader("ratelimit-reset", "0"),
                        ScriptedResponse.status(503));
                rest.page(page, IdempotencyKey.first("k1"));
                pd.server.enqueue("POST", "/v2/enqueue", ScriptedResponse.json(400,
                        "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"bad routing_key\"]}"));
                seen.add(String.valueOf(catchThrowable(() -> events.page(page, IdempotencyKey.first("k2")))));
                events.resolve(IncidentId.of(7), List.of(page.target()), IdempotencyKey.first("k3"));

                PagerDutyConfig wrong = pd.configBuilder().apiToken(Secret.of(WRONG_TOKEN)).build();
                pd.server.enqueue("GET", "/oncalls", ScriptedResponse.json(401,
                        "{\"error\":{\"message\":\"Authentication failed\",\"code\":2006}}"));
                try (PagerDutyRotationSource rotation = PagerDutyRotationSource.builder(
                        PagerDutyConfig.builder().apiToken(Secret.of(WRONG_TOKEN)).scheduleId("PSCH001").apiUrl(pd.server.baseUri()).build())
                        .clock(clock).retryPolicy(fast).build()) {
                    Throwable t = catchThrowable(() -> rotation.onCall(clock.instant()));
                    seen.add(String.valueOf(t));
                    seen.add(t.getMessage());
                    seen.add(rotation.toString());
                }
                seen.add(wrong.toString());

                String body = pd.webhook("01S", "incident.acknowledged", "2026-11-20T00:00:00Z",
                        pd.userRef("PXPGF42", "Alice"), pd.json.createObjectNode().put("incident_key", "incidentkit/INC-7/PXPGF42"));
                InboundRequest forged = new InboundRequest("POST", "/webhooks/pagerduty",
                        Map.of("X-PagerDuty-Signature", List.of("v1=" + "0".repeat(64))), body.getBytes(StandardCharsets.UTF_8));
                seen.add(inbound.handle(forged).toString());
                seen.add(inbound.handle(new InboundRequest("POST", "/webhooks/pagerduty",
                        Map.of("X-PagerDuty-Signature", List.of(FakePagerDuty.sign(body))), body.getBytes(StandardCharsets.UTF_8))).toString());
                seen.add(forged.toString());
                seen.add(inbound.toString());
                seen.add(rest.toString());
                seen.add(events.toString());
                seen.add(rest.directory().toString());
                seen.add(config.toString());
                seen.add(config.apiToken().toString());
                seen.add(PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", FakePagerDuty.TOKEN,
                        "PAGERDUTY_WEBHOOK_SECRET", FakePagerDuty.WEBHOOK_SECRET, "PAGERDUTY_ROUTING_KEY", FakePagerDuty.ROUTING_KEY)::get).toString());
                seen.add(String.valueOf(catchThrowable(() -> PagerDutyPager.restApi(
                        PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", FakePagerDuty.TOKEN)::get)).build())));
            }
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("debug logging was on and captured").contains("pagerduty POST /incidents");
        for (String secret : SECRETS) {
            assertThat(logs).as("captured logs").doesNotContain(secret);
            assertThat(seen).as("exception messages and toStrings").noneMatch(s -> s != null && s.contains(secret));
        }
    }
}
