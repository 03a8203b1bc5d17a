package dev.incidentkit.adapters.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.webhook.InboundGate.Delivery;
import dev.incidentkit.adapters.webhook.InboundGate.Key;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class InboundGateTest {
    private static final Secret SECRET = Secret.of("It's a Secret to Everybody");
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    private final WebhookVerifier verifier = WebhookVerifier.github(SECRET);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final InboundGate gate = InboundGate.of("github", verifier, store, clock, 64);
    private final AtomicInteger acted = new AtomicInteger();
    private final Function<InboundRequest, Delivery> once = r -> Delivery.once("delivery",
            r.header("X-Id").orElseThrow(), WINDOW, () -> {
                acted.incrementAndGet();
                return InboundResponse.text(202, "accepted");
            });

    private InboundRequest signed(String body, String id) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new InboundRequest("POST", "/hook", Map.of("X-Hub-Signature-256", List.of(verifier.sign("", bytes)),
                "X-Id", List.of(id)), bytes);
    }

    @Test
    void answersEveryConditionOfTheTable() {
        InboundRequest good = signed("{}", "d-1");
        assertThat(gate.handle(new InboundRequest("GET", "/hook", good.headers(), good.body()), once))
                .isEqualTo(InboundResponse.text(405, "POST only").withHeader("Allow", "POST"));
        assertThat(gate.handle(signed("x".repeat(65), "d-2"), once).status()).as("over the limit").isEqualTo(413);
        assertThat(gate.handle(signed("x".repeat(64), "d-3"), once).status()).as("at the limit").isEqualTo(202);
        assertThat(gate.handle(new InboundRequest("POST", "/hook", Map.of(), good.body()), once).status())
                .as("no signature").isEqualTo(401);
        assertThat(gate.handle(new InboundRequest("POST", "/hook", Map.of("X-Hub-Signature-256", List.of("nonsense")),
                good.body()), once).status()).as("malformed signature").isEqualTo(401);
        assertThat(gate.handle(new InboundRequest("POST", "/hook", good.headers(), "{ }".getBytes(StandardCharsets.UTF_8)),
                once).status()).as("body changed after signing").isEqualTo(401);
        assertThat(gate.handle(good, r -> Delivery.reject(400, "not an event")))
                .isEqualTo(InboundResponse.text(400, "not an event"));
        assertThat(gate.handle(good, r -> {
            throw new IllegalStateException("unreadable");
        }).status()).isEqualTo(400);
        assertThat(gate.handle(good, once).status()).isEqualTo(202);
        assertThat(gate.handle(good, once)).isEqualTo(InboundResponse.text(200, InboundGate.ALREADY_HANDLED));
        assertThat(acted).as("the rejected ones never acted, the repeat neither").hasValue(2);
    }

    @Test
    void aRequestVerifiedInFrontOfTheGateSkipsOnlyTheSignatureCheck() {
        InboundRequest unsigned = new InboundRequest("POST", "/hook", Map.of("X-Id", List.of("v-1")),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(gate.handle(unsigned, once).status()).as("handle still checks").isEqualTo(401);
        assertThat(gate.handleVerified(unsigned, once).status()).isEqualTo(202);
        assertThat(gate.handleVerified(unsigned, once)).as("still once only")
                .isEqualTo(InboundResponse.text(200, InboundGate.ALREADY_HANDLED));
        assertThat(gate.handleVerified(new InboundRequest("GET", "/hook", unsigned.headers(), unsigned.body()), once)
                .status()).isEqualTo(405);
        assertThat(gate.handleVerified(new InboundRequest("POST", "/hook", Map.of("X-Id", List.of("v-2")),
                "x".repeat(65).getBytes(StandardCharsets.UTF_8)), once).status()).isEqualTo(413);
        assertThat(gate.handleVerified(unsigned, r -> Delivery.reject(400, "not an event")).status()).isEqualTo(400);
        assertThat(acted).hasValue(1);
    }

    @Test
    void aRepeatIsRecognisedUntilItsWindowEnds() {
        InboundRequest r = signed("{}", "d-1");
        assertThat(gate.handle(r, once).status()).isEqualTo(202);
        clock.advance(WINDOW.minusSeconds(1));
        assertThat(gate.handle(r, once).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(gate.handle(r, once).status()).isEqualTo(202);
        assertThat(acted).hasValue(2);
    }

    @Test
    void twoReplicasOnOneStoreActOnce() throws Exception {
        InboundGate other = InboundGate.of("github", verifier, store, clock, 64);
        InboundRequest r = signed("{}", "d-1");
        assertThat(gate.handle(r, once).status()).isEqualTo(202);
        assertThat(other.handle(r, once).status()).isEqualTo(200);
        assertThat(acted).hasValue(1);

        InboundRequest raced = signed("{}", "d-2");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InboundResponse>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                InboundGate replica = i % 2 == 0 ? gate : other;
                answers.add(threads.submit(() -> {
                    start.await();
                    return replica.handle(raced, once);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<InboundResponse> a : answers) {
                accepted += a.get().status() == 202 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(acted).hasValue(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withSeveralIdsTheFirstAlreadySeenMakesARepeat() {
        Function<InboundRequest, Delivery> byBoth = r -> Delivery.once(List.of(new Key("webhook", r.header("X-Id").orElseThrow()),
                new Key("event", "ev-1")), WINDOW, () -> {
                    acted.incrementAndGet();
                    return InboundResponse.text(202, "accepted");
                });
        assertThat(gate.handle(signed("{}", "w-1"), byBoth).status()).isEqualTo(202);
        assertThat(gate.handle(signed("{}", "w-2"), byBoth).status()).as("same event, another header").isEqualTo(200);
        assertThat(acted).hasValue(1);
    }

    @Test
    void longIdsAreKeptAsTheirHash() {
        String id = "v0=" + "a".repeat(300);
        assertThat(gate.handle(signed("{}", id), once).status()).isEqualTo(202);
        assertThat(gate.handle(signed("{}", id), once).status()).isEqualTo(200);
        assertThat(store.firstSeen("github-delivery", "sha256:" + InboundGate.sha256(id), clock.instant(), WINDOW)).isFalse();
    }

    @Test
    void aBrokenDeliveryLogIsATemporaryFailure() {
        InboundGate broken = InboundGate.of("github", verifier, (s, i, n, k) -> {
            throw new IllegalStateException("database down");
        }, clock, 64);
        assertThat(broken.handle(signed("{}", "d-1"), once).status()).isEqualTo(503);
        assertThat(acted).hasValue(0);
    }

    @Test
    void alwaysActsEveryTime() {
        Function<InboundRequest, Delivery> ping = r -> Delivery.always(() -> {
            acted.incrementAndGet();
            return InboundResponse.text(200, "pong");
        });
        gate.handle(signed("{}", "p"), ping);
        gate.handle(signed("{}", "p"), ping);
        assertThat(acted).hasValue(2);
    }
}
