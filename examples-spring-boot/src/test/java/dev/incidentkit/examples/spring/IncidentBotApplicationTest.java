package dev.incidentkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.jdbc.JdbcIncidentStore;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.IncidentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example starts from its application.yml, with and without Slack, on an in-memory H2 database. */
final class IncidentBotApplicationTest {

    static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @SpringBootTest(classes = IncidentBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.datasource.url=jdbc:h2:mem:bot-without-slack;DB_CLOSE_DELAY=-1",
                    "incidentkit.slack.bot-token=", "incidentkit.slack.signing-secret="})
    final class WithoutSlack {
        @LocalServerPort
        int port;
        @Autowired
        ChatGateway chat;
        @Autowired
        IncidentStore store;

        @Test
        void startsWithTheLogOnlyChatTheJdbcStoreAndHealth() throws Exception {
            assertThat(chat).isInstanceOf(IncidentBotApplication.LogOnlyChat.class);
            assertThat(store).isInstanceOf(JdbcIncidentStore.class);
            HttpResponse<String> health = send(request(port, "/actuator/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"incidentkit\":{");
            assertThat(send(request(port, "/actuator/metrics/incidentkit.incidents.declared")).statusCode()).isEqualTo(200);
            assertThat(send(request(port, "/slack/events")
                    .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).as("no Slack, no endpoint").isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(classes = IncidentBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.datasource.url=jdbc:h2:mem:bot-with-slack;DB_CLOSE_DELAY=-1",
                    "incidentkit.slack.bot-token=xoxb-example-test", "incidentkit.slack.signing-secret=example-signing-secret",
                    "incidentkit.slack.api-url=http://127.0.0.1:9/api", "incidentkit.tick-every=0"})
    final class WithSlack {
        @LocalServerPort
        int port;
        @Autowired
        ChatGateway chat;
        @Autowired
        IncidentKit kit;

        @Test
        void servesSlackAndRefusesAnUnsignedRequest() throws Exception {
            assertThat(chat.getClass().getSimpleName()).isEqualTo("SlackChatGateway");
            HttpResponse<String> unsigned = send(request(port, "/slack/events")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("command=%2Fincident&text=declare+sev2+x")));
            assertThat(unsigned.statusCode()).isEqualTo(401);
        }
    }
}
