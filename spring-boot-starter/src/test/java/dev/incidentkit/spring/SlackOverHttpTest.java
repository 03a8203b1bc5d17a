package dev.incidentkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.jdbc.JdbcIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * A whole Spring Boot application on a random port, with the starter, Spring MVC, an embedded H2
 * {@code DataSource} and the actuator: a signed Slack slash command arrives over HTTP, is answered, and
 * its incident is in the JDBC store. The chat platform is the testkit's fake; Slack's Web API is nowhere.
 */
@SpringBootTest(classes = SlackOverHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "incidentkit.tick-every=0",
                "incidentkit.slack.bot-token=" + SlackOverHttpTest.BOT_TOKEN,
                "incidentkit.slack.signing-secret=" + SlackOverHttpTest.SIGNING_SECRET,
                "incidentkit.slack.api-url=" + IncidentKitAutoConfigurationTest.NOWHERE + "/api",
                "incidentkit.slack.path=/hooks/slack",
                "incidentkit.slack.max-body-size=4KB",
                "incidentkit.github.token=" + IncidentKitAutoConfigurationTest.GH_TOKEN,
                "incidentkit.github.repository=acme/incidents",
                "incidentkit.github.webhook-secret=" + IncidentKitAutoConfigurationTest.GH_WEBHOOK,
                "incidentkit.github.api-url=" + IncidentKitAutoConfigurationTest.NOWHERE,
                "management.endpoints.web.exposure.include=health,metrics,configprops,env",
                "management.endpoint.health.show-details=always",
                "management.endpoint.configprops.show-values=always",
                "management.endpoint.env.show-values=always"})
final class SlackOverHttpTest {
    static final String BOT_TOKEN = "xoxb-over-http-4471";
    static final String SIGNING_SECRET = "over-http-signing-secret-0192";
    private static final String NOW = "2026-12-08T05:00:00Z";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        RecordingChatGateway chat() {
            return new RecordingChatGateway();
        }

        @Bean
        TestClock clock() {
            return TestClock.at(NOW);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    IncidentStore store;
    @Autowired
    IncidentKit kit;
    @Autowired
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String slashCommand(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "deprecated-verification-token");
        f.put("team_id", "T1");
        f.put("channel_id", "C0GENERAL");
        f.put("channel_name", "general");
        f.put("user_id", "U0ALICE");
        f.put("user_name", "alice");
        f.put("command", "/incident");
        f.put("text", text);
        f.put("response_url", IncidentKitAutoConfigurationTest.NOWHERE + "/hooks/response");
        f.put("trigger_id", "trig-1.2");
        return form(f);
    }

    private HttpResponse<String> post(String path, String body, String signature) throws IOException, InterruptedException {
        String ts = Long.toString(clock.instant().getEpochSecond());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sign(String body) {
        String ts = Long.toString(clock.instant().getEpochSecond());
        return WebhookVerifier.slack(Secret.of(SIGNING_SECRET), clock).sign(ts, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedSlashCommandIsAnsweredAndDeclaresTheIncident() throws Exception {
        assertThat(store).isInstanceOf(JdbcIncidentStore.class);
        // '%', '&' and ':' are percent-encoded in the form: the signature holds only over the body as sent
        String body = slashCommand("declare sev2 Checkout is slow: 50% of carts fail & retry");

        HttpResponse<String> forged = post("/hooks/slack", body, "v0=" + "ab".repeat(32));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(store.openIncidents()).as("a forged command declares nothing").isEmpty();

        HttpResponse<String> answer = post("/hooks/slack", body, sign(body));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).contains("INC-1");

        List<IncidentId> open = store.openIncidents();
        assertThat(open).hasSize(1);
        Incident incident = kit.incident(open.get(0)).orElseThrow();
        assertThat(incident.severity()).isEqualTo(Severity.SEV2);
        assertThat(incident.title()).isEqualTo("Checkout is slow: 50% of carts fail & retry");

        HttpResponse<String> replay = post("/hooks/slack", body, sign(body));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(store.openIncidents()).as("a replayed command is not acted on again").hasSize(1);
    }

    @Test
    void anOversizedBodyIsRefusedWithoutBeingRead() throws Exception {
        String body = slashCommand("note " + "x".repeat(8 * 1024));
        HttpResponse<String> answer = post("/hooks/slack", body, sign(body));
        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void otherEndpointsAreMappedAtTheirPaths() throws Exception {
        // GitHub's endpoint is on (token, repository and webhook secret are set); an unsigned delivery is refused by it
        HttpResponse<String> github = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(github.statusCode()).isEqualTo(401);
        assertThat(get("/webhooks/pagerduty").statusCode()).as("PagerDuty is off").isEqualTo(404);
    }

    @Test
    void theActuatorShowsTheKitsHealthAndMetrics() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"incidentkit\":{").contains("\"storeReachable\":true")
                .contains("\"parkedDeliveries\"");
        HttpResponse<String> declared = get("/actuator/metrics/incidentkit.incidents.declared");
        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(declared.body()).contains("\"name\":\"incidentkit.incidents.declared\"");
    }

    @Test
    void theActuatorShowsSettingsButNotSecrets() throws Exception {
        for (String endpoint : List.of("/actuator/configprops", "/actuator/env")) {
            HttpResponse<String> r = get(endpoint);
            assertThat(r.statusCode()).as(endpoint).isEqualTo(200);
            assertThat(r.body()).as(endpoint).contains("incidentkit").contains("acme/incidents")
                    .doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET)
                    .doesNotContain(IncidentKitAutoConfigurationTest.GH_TOKEN)
                    .doesNotContain(IncidentKitAutoConfigurationTest.GH_WEBHOOK);
        }
    }
}
