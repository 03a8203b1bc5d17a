package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class IncidentBotTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withoutSlackVariablesItSaysWhatIsMissingAndHowToCreateTheApp() {
        int status = IncidentBot.run(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("missing SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET", "slack-app-manifest.yml", "/slack/events");
    }

    @Test
    void theManifestThePromptPointsAtExists() {
        assertThat(Path.of("slack-app-manifest.yml")).exists();
    }

    @Test
    void withTeamsChosenItSaysWhatIsMissingAndHowToInstallTheApp() throws Exception {
        int status = IncidentBot.run(Map.of("TEAMS_APP_ID", "5d0e6a3c-7a1b-4c2d-9e8f-0a1b2c3d4e5f"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "missing TEAMS_APP_PASSWORD and TEAMS_TENANT_ID and TEAMS_TEAM_ID", "teams-app/manifest.json", "/api/messages");
        JsonNode manifest = new ObjectMapper().readTree(Path.of("teams-app/manifest.json").toFile());
        assertThat(manifest.path("bots").path(0).path("botId").asText()).isEqualTo("YOUR-APP-ID");
        assertThat(manifest.path("composeExtensions").path(0).path("commands").path(0).path("id").asText())
                .as("the message action TeamsInbound answers").isEqualTo(dev.incidentkit.teams.TeamsInbound.NOTE_COMMAND);
        assertThat(Path.of("teams-app/color.png")).exists();
        assertThat(Path.of("teams-app/outline.png")).exists();
    }

    @Test
    void itServesTeamsAndRefusesUnsignedActivities() throws Exception {
        String password = "teams-test-password-not-real-4471";
        Map<String, String> env = new java.util.HashMap<>(Map.of("TEAMS_APP_ID", "5d0e6a3c-7a1b-4c2d-9e8f-0a1b2c3d4e5f",
                "TEAMS_APP_PASSWORD", password, "TEAMS_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47",
                "TEAMS_TEAM_ID", "8c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "INCIDENTKIT_PORT", "0",
                "TEAMS_GRAPH_URL", "http://127.0.0.1:9/v1.0", "TEAMS_LOGIN_URL", "http://127.0.0.1:9",
                "TEAMS_SERVICE_URL", "http://127.0.0.1:9/", "TEAMS_OPENID_METADATA_URL", "http://127.0.0.1:9/v1/.well-known/openidconfiguration"));
        env.put("INCIDENTKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("teams-db"));
        try (IncidentBot bot = IncidentBot.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + bot.port());
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(base.resolve("/api/messages"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"channelId\":\"msteams\",\"text\":\"declare sev1 x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("teams:        on  (POST /api/messages").doesNotContain("slack:").doesNotContain(password);
    }

    @TempDir
    Path dir;

    @Test
    void itServesHealthAndRefusesUnsignedSlackRequests() throws Exception {
        String token = "xoxb-test-not-a-real-token";
        try (IncidentBot bot = IncidentBot.start(Map.of("SLACK_BOT_TOKEN", token, "SLACK_SIGNING_SECRET", "test-signing-secret",
                "INCIDENTKIT_PORT", "0", "SLACK_API_URL", "http://127.0.0.1:9/api",
                "INCIDENTKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("db")), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + bot.port());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(base.resolve("/slack/events"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("command=%2Fincident&text=declare+sev1+x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isIn(400, 401);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("slack:        on", "pager:        off (set PAGERDUTY_ROUTING_KEY",
                "status page:  off", "issues:       off", "store:        jdbc:h2:file:");
        assertThat(printed).doesNotContain(token);
        assertThat(Files.exists(Path.of("slack-app-manifest.yml"))).isTrue();
    }

    @Test
    void theRoutingKeyAlonePagesThroughEventsApiAndSaysThereIsNoRotationFromPagerDuty() throws Exception {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token", "SLACK_SIGNING_SECRET", "test-signing-secret",
                "INCIDENTKIT_PORT", "0", "INCIDENTKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("db3"),
                "SLACK_API_URL", "http://127.0.0.1:9/api", "PAGERDUTY_ROUTING_KEY", "R0UT1NGKEY0123456789abcdefABCDEF",
                "PAGERDUTY_EVENTS_URL", "http://127.0.0.1:9", "PAGERDUTY_WEBHOOK_SECRET", "pd-webhook-secret");
        try (IncidentBot bot = IncidentBot.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(bot.port()).isPositive();
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("pager:        on  (PagerDuty Events API v2, routing key only: no on-call rotation from PagerDuty)",
                "rotation:     off (set PAGERDUTY_TOKEN and PAGERDUTY_SCHEDULE_ID or PAGERDUTY_ESCALATION_POLICY_ID");
        assertThat(printed).as("webhooks need a REST API key to find the acknowledging user")
                .contains("webhooks:     PagerDuty off (set PAGERDUTY_TOKEN)").doesNotContain("PagerDuty on POST /webhooks/pagerduty");
        assertThat(printed).doesNotContain("R0UT1NGKEY0123456789abcdefABCDEF").doesNotContain("pd-webhook-secret");
    }

    @Test
    void everyAdapterWhoseVariablesAreSetIsWiredWithItsWebhook() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token", "SLACK_SIGNING_SECRET", "test-signing-secret",
                "INCIDENTKIT_PORT", "0", "INCIDENTKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("db2"),
                "PAGERDUTY_TOKEN", "pd-test-token", "PAGERDUTY_FROM_EMAIL", "bot@example.com",
                "PAGERDUTY_WEBHOOK_SECRET", "pd-webhook-secret", "PAGERDUTY_SCHEDULE_ID", "PSCHED1",
                "PAGERDUTY_SERVICE_ID", "PSERV1"));
        env.putAll(Map.of("STATUSPAGE_TOKEN", "sp-test-token", "STATUSPAGE_PAGE_ID", "page1",
                "GITHUB_TOKEN", "gh-test-token", "GITHUB_REPO", "acme/incidents", "GITHUB_WEBHOOK_SECRET", "gh-webhook-secret",
                "PAGERDUTY_API_URL", "http://127.0.0.1:9", "STATUSPAGE_API_URL", "http://127.0.0.1:9/v1",
                "GITHUB_API_URL", "http://127.0.0.1:9", "SLACK_API_URL", "http://127.0.0.1:9/api"));
        try (IncidentBot bot = IncidentBot.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + bot.port());
            for (String hook : new String[] {"/webhooks/pagerduty", "/webhooks/github"}) {
                HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(base.resolve(hook))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unsigned.statusCode()).as(hook).isIn(400, 401);
            }
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("pager:        on  (PagerDuty REST API", "rotation:     on", "status page:  on",
                "issues:       on  (GitHub acme/incidents)", "PagerDuty on POST /webhooks/pagerduty", "GitHub on POST /webhooks/github");
        for (String secret : new String[] {"pd-test-token", "sp-test-token", "gh-test-token", "pd-webhook-secret", "gh-webhook-secret"}) {
            assertThat(printed).doesNotContain(secret);
        }
    }

    @Test
    void theOperatorNamesTheReplicaAndItsLeaseAndH2WritesEachCommitAtOnce() throws Exception {
        try (IncidentBot bot = IncidentBot.start(Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token",
                "SLACK_SIGNING_SECRET", "test-signing-secret", "INCIDENTKIT_PORT", "0", "SLACK_API_URL", "http://127.0.0.1:9/api",
                "INCIDENTKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("db3"), "INCIDENTKIT_REPLICA", "bot-7",
                "INCIDENTKIT_DELIVERY_LEASE", "30"), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(bot.port()).isPositive();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("replica:      bot-7 (delivery lease 30s)",
                ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }
}
