package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.Reply;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through its noisy paths (a refused password, a forged token, a throttled call, a retry,
 * a signed command) with debug logging on, and checks that neither the app password nor an access token
 * nor a signed JWT appears in a captured log line, an exception message or any {@code toString}.
 */
final class SecretsNeverLeakTest {
    private static final String WRONG_PASSWORD = "wrong-teams-password-6612-leak-check";

    @Test
    void noSecretInLogsExceptionsOrToStrings() {
        List<String> seen = new ArrayList<>();
        List<String> secrets = new ArrayList<>(List.of(FakeTeams.PASSWORD, WRONG_PASSWORD, "graph-token-", "connector-token-"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
        try (FakeTeams teams = new FakeTeams(clock)) {
            TeamsConfig config = teams.config();
            Activities activities = new Activities(teams, clock);
            try (TeamsChatGateway chat = TeamsChatGateway.builder(config).clock(clock)
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();
                 TeamsInbound inbound = TeamsInbound.builder(config, r -> Reply.toSender("ok " + r.text()),
                         new InMemoryIncidentStore()).clock(clock).chat(chat).build()) {
                teams.server.enqueue("POST", "/v1.0/teams/" + FakeTeams.TEAM + "/channels",
                        ScriptedResponse.tooManyRequests(Duration.ofMillis(5)));
                String channel = chat.createChannel("inc-1", IdempotencyKey.first("k0")).id();
                chat.post(channel, ChatMessage.reply("hello"), IdempotencyKey.first("k1"));
                seen.add(String.valueOf(catchThrowable(() -> chat.post("19:nope@thread.tacv2", ChatMessage.reply("x"),
                        IdempotencyKey.first("k2")))));

                TeamsConfig wrong = TeamsConfig.builder().appId(FakeTeams.APP_ID).appPassword(Secret.of(WRONG_PASSWORD))
                        .tenantId(FakeTeams.TENANT).teamId(FakeTeams.TEAM).loginUrl(teams.server.baseUri())
                        .graphUrl(java.net.URI.create(teams.server.baseUri() + "/v1.0")).build();
                try (TeamsChatGateway bad = TeamsChatGateway.builder(wrong).retryPolicy(RetryPolicy.none()).build()) {
                    Throwable t = catchThrowable(() -> bad.setTopic(channel, "x"));
                    seen.add(String.valueOf(t));
                    seen.add(bad.toString());
                    seen.add(wrong.toString());
                }

                InboundRequest signed = activities.signed(activities.command(Activities.CHANNEL, "help"));
                String jwt = signed.header("Authorization").orElseThrow().substring("Bearer ".length());
                secrets.add(jwt);
                InboundRequest forged = Activities.request(activities.command(Activities.CHANNEL, "help"),
                        Map.of("Authorization", List.of("Bearer " + jwt.substring(0, jwt.length() - 4) + "AAAA")));
                seen.add(inbound.handle(forged).toString());
                seen.add(inbound.handle(signed).toString());
                seen.add(signed.toString());
                seen.add(inbound.toString());
                seen.add(chat.toString());
                seen.add(chat.directory().toString());
                seen.add(config.toString());
                seen.add(config.appPassword().toString());
            }
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("debug logging was on and captured").contains("teams-connector conversation-create");
        for (String secret : secrets) {
            assertThat(logs).as("captured logs").doesNotContain(secret);
            assertThat(seen).as("exception messages and toStrings").noneMatch(s -> s != null && s.contains(secret));
        }
    }
}
