package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.webhook.WebhookVerifier;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
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

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final InMemoryIncidentStore store = new InMemoryIncidentStore();
    final IncidentKit kit = IncidentKit.builder().clock(clock).store(store)
            .chat(new RecordingChatGateway()).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
    final GitHubConfig config = GitHubConfig.builder().token(Secret.of("t")).repository("acme/incidents")
            .webhookSecret(Secret.of(FakeGitHub.WEBHOOK_SECRET)).build();
    final GitHubInbound inbound = GitHubInbound.builder(config, kit, kit::incident, store).clock(clock).build();

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
    void aReplayedDeliveryIsAnsweredWithoutActingAgain() {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        String good = GitHubKitTest.SIGNER.sign("", body.getBytes(StandardCharsets.UTF_8));
        InboundResponse already = InboundResponse.text(200, "already handled");
        assertThat(inbound.handle(request(body, good, "r-1"))).isEqualTo(InboundResponse.text(200, "pong"));
        assertThat(inbound.handle(request(body, good, "r-1"))).isEqualTo(already);
        assertThat(inbound.handle(request(body, good, "r-2"))).as("the signed body under another delivery id").isEqualTo(already);
        String other = "{\"zen\":\"Design for failure.\"}";
        assertThat(inbound.handle(request(other, GitHubKitTest.SIGNER.sign("", other.getBytes(StandardCharsets.UTF_8)), "r-3")))
                .isEqualTo(InboundResponse.text(200, "pong"));
        assertThat(inbound.handle(new InboundRequest("POST", "/", Map.of("X-Hub-Signature-256", List.of(good)),
                body.getBytes(StandardCharsets.UTF_8))).status()).as("no delivery id").isEqualTo(400);
        GitHubInbound replica = GitHubInbound.builder(config, kit, kit::incident, store).clock(clock).build();
        assertThat(replica.handle(request(body, good, "r-1"))).as("another replica").isEqualTo(already);
        clock.advance(Duration.ofDays(3));
        assertThat(inbound.handle(request(body, good, "r-1")).bodyText()).as("remembered for GitHub's three days").isEqualTo("pong");
    }

    @Test
    void anOversizedDeliveryGets413() {
        GitHubInbound small = GitHubInbound.builder(config, kit, kit::incident, store).maxBodyBytes(16).build();
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        assertThat(small.handle(request(body, GitHubKitTest.SIGNER.sign("", body.getBytes(StandardCharsets.UTF_8)), "o-1"))
                .status()).isEqualTo(413);
    }

    @Test
    void webhooksNeedTheSecret() {
        GitHubConfig outboundOnly = GitHubConfig.builder().token(Secret.of("t")).repository("acme/incidents").build();
        assertThatThrownBy(() -> GitHubInbound.builder(outboundOnly, kit, kit::incident, store).build()).hasMessageContaining("GITHUB_WEBHOOK_SECRET");
    }
}
