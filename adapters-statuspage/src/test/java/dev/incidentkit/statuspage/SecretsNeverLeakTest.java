package dev.incidentkit.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.StatusPublisher.StatusUpdate;
import dev.incidentkit.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through its noisy paths (a refused key, a rate limit, a server error, an unknown
 * component) with debug logging on, and checks that no key appears in a log line, an exception message or
 * a {@code toString}.
 */
final class SecretsNeverLeakTest {
    private static final String WRONG_TOKEN = "sp-wrong-8812-leak-check";

    @Test
    void noSecretInLogsExceptionsOrToStrings() {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FakeStatuspage statuspage = new FakeStatuspage();
             StatuspageStatusPublisher publisher = statuspage.publisher(TestClock.at("2026-11-24T14:00:00Z"),
                     RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))) {
            StatusUpdate update = new StatusUpdate(IncidentId.of(1), Optional.empty(), "Checkout", IncidentStatus.INVESTIGATING,
                    "x", Severity.SEV1, Map.of(), false);
            statuspage.server.enqueue("POST", "/v1/pages/page1/incidents", ScriptedResponse.json(429, "{}"));
            publisher.publish(update, IdempotencyKey.first("k1"));
            statuspage.server.enqueue("POST", "/v1/pages/page1/incidents", ScriptedResponse.status(503));
            seen.add(String.valueOf(catchThrowable(() -> publisher.publish(update, IdempotencyKey.first("k2")))));
            seen.add(String.valueOf(catchThrowable(() -> publisher.publish(new StatusUpdate(IncidentId.of(1), Optional.of("sp1"),
                    "Checkout", IncidentStatus.INVESTIGATING, "x", Severity.SEV1, Map.of("nope", "major_outage"), false), IdempotencyKey.first("k3")))));
            statuspage.server.stub("PATCH", "/v1/pages/page1/incidents/sp9", r -> ScriptedResponse.json(401, "{\"message\":\"unauthorized\"}"));
            StatuspageConfig wrong = StatuspageConfig.builder().token(Secret.of(WRONG_TOKEN)).pageId("page1")
                    .apiUrl(statuspage.server.uri("/v1")).build();
            try (StatuspageStatusPublisher bad = StatuspageStatusPublisher.builder(wrong).retryPolicy(RetryPolicy.none()).build()) {
                seen.add(String.valueOf(catchThrowable(() -> bad.publish(new StatusUpdate(IncidentId.of(1), Optional.of("sp9"),
                        "Checkout", IncidentStatus.INVESTIGATING, "x", Severity.SEV1), IdempotencyKey.first("k4")))));
                seen.add(bad.toString());
                seen.add(wrong.toString());
            }
            seen.add(publisher.toString());
            seen.add(statuspage.config().toString());
            seen.add(String.valueOf(catchThrowable(() -> StatuspageConfig.from(Map.of("STATUSPAGE_TOKEN", FakeStatuspage.TOKEN)::get))));
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("debug logging was on and captured").contains("statuspage incidents.create");
        for (String secret : List.of(FakeStatuspage.TOKEN, WRONG_TOKEN)) {
            assertThat(logs).as("captured logs").doesNotContain(secret);
            assertThat(seen).as("exception messages and toStrings").noneMatch(s -> s.contains(secret));
        }
        assertThat(seen).anyMatch(s -> s.contains("unauthorized"));
    }
}
