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
import org.junit.jupiter.api.Test;

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
    void itServesHealthAndRefusesUnsignedSlackRequests() throws Exception {
        String token = "xoxb-test-not-a-real-token";
        try (IncidentBot bot = IncidentBot.start(Map.of("SLACK_BOT_TOKEN", token, "SLACK_SIGNING_SECRET", "test-signing-secret",
                "INCIDENTKIT_PORT", "0", "SLACK_API_URL", "http://127.0.0.1:9/api"), new PrintStream(out, true, StandardCharsets.UTF_8))) {
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
        assertThat(printed).contains("slack:        on", "pager:        off");
        assertThat(printed).doesNotContain(token);
        assertThat(Files.exists(Path.of("slack-app-manifest.yml"))).isTrue();
    }
}
