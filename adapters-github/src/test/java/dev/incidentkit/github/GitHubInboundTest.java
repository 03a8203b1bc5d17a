package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signature verification and delivery de-duplication, with GitHub's documented test vector. */
final class GitHubInboundTest {
    static final String OFFICIAL_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    final IncidentKit kit = IncidentKit.builder().clock(TestClock.at("2026-11-24T14:00:00Z")).store(new InMemoryIncidentStore())
            .chat(new RecordingChatGateway()).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
    final GitHubConfig config = GitHubConfig.builder().token(Secret.of("t")).repository("acme/incidents")
            .webhookSecret(Secret.of(FakeGitHub.WEBHOOK_SECRET)).build();
    final GitHubInbound inbound = GitHubInbound.builder(config, kit).build();

    @AfterEach
    void close() {
        kit.close();
    }

    static InboundRequest request(String body, String signature, String delivery) {
        return new InboundRequest("POST", "/webhooks/github", Map.of("x-hub-signature-256", List.of(signature),
                "X-GitHub-Delivery", List.of(delivery), "X-GitHub-Event", List.of("ping")), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theOfficialTestVectorVerifies() {
        assertThat(WebhookVerifier.github(Secret.of("It's a Secret to Everybody")).sign("", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(OFFICIAL_SIGNATURE);
        // the signature passes; the body is not JSON, so the delivery is refused as malformed, not as forged
        assertThat(inbound.handle(request("Hello, World!", OFFICIAL_SIGNATURE, "v-1")).status()).isEqualTo(400);
    }

    @Test
    void forgedOrUnsignedDeliveriesAreRejected() {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        assertThat(inbound.handle(request(body, OFFICIAL_SIGNATURE, "f-1")).status()).as("signature of another body").isEqualTo(401);
        assertThat(inbound.handle(request(body, "sha256=" + "0".repeat(64), "f-2")).status()).isEqualTo(401);
        String good = GitHubKitTest.SIGNER.sign("", body.getBytes(StandardCharsets.UTF_8));
        assertThat(inbound.handle(request(body, good.substring("sha256=".length()), "f-3")).status()).as("no sha256= prefix")
                .isIn(400, 401);
        assertThat(inbound.handle(new InboundRequest("POST", "/", Map.of(), body.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(401);
        assertThat(inbound.handle(request(body + " ", good, "f-4")).status()).as("body changed after signing").isEqualTo(401);
    }

    @Test
    void aReplayedDeliveryIsRejected() {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        String good = GitHubKitTest.SIGNER.sign("", body.getBytes(StandardCharsets.UTF_8));
        assertThat(inbound.handle(request(body, good, "r-1")).status()).isEqualTo(200);
        assertThat(inbound.handle(request(body, good, "r-1")).status()).isEqualTo(409);
        assertThat(inbound.handle(request(body, good, "r-2")).status()).isEqualTo(200);
        assertThat(inbound.handle(new InboundRequest("POST", "/", Map.of("X-Hub-Signature-256", List.of(good)),
                body.getBytes(StandardCharsets.UTF_8))).status()).as("no delivery id").isEqualTo(400);
    }

    @Test
    void webhooksNeedTheSecret() {
        GitHubConfig outboundOnly = GitHubConfig.builder().token(Secret.of("t")).repository("acme/incidents").build();
        assertThatThrownBy(() -> GitHubInbound.builder(outboundOnly, kit).build()).hasMessageContaining("GITHUB_WEBHOOK_SECRET");
    }
}
