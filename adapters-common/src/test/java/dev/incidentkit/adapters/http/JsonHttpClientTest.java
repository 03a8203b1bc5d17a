package dev.incidentkit.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.testing.FakeVendorServer;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class JsonHttpClientTest {
    private static final String TOKEN = "tok-3f9c2a-secret";
    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));

    private final FakeVendorServer fake = FakeVendorServer.start();
    private final AtomicReference<Secret> token = new AtomicReference<>(Secret.of(TOKEN));
    private final JsonHttpClient client = JsonHttpClient.builder("acme", fake.uri("/api"))
            .bearer(token::get)
            .retryPolicy(FAST)
            .requestTimeout(Duration.ofSeconds(1)) // generous: a loaded CI machine is slow to make the first request
            .build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private ObjectNode body() {
        return json.createObjectNode().put("channel", "C1").put("text", "héllo & <world>");
    }

    @Test
    void postsJsonWithBearerAuthAndReadsTheAnswer() {
        fake.enqueue("POST", "/api/things.create", ScriptedResponse.ok("{\"ok\":true,\"id\":7}"));
        JsonResponse r = client.send(JsonRequest.post("things.create", "things.create", body()));
        assertThat(r.body().path("id").asInt()).isEqualTo(7);
        RecordedRequest sent = fake.requests().get(0);
        assertThat(sent.header("Authorization")).contains("Bearer " + TOKEN);
        assertThat(sent.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(sent.json().path("text").asText()).isEqualTo("héllo & <world>");
        assertThat(sent.rawQuery()).doesNotContain(TOKEN);
    }

    @Test
    void getsEncodeTheQueryAndTheTokenIsAskedForEachTime() {
        fake.stub("GET", "/api/users.lookup", r -> ScriptedResponse.ok("{\"ok\":true}"));
        client.send(JsonRequest.get("users.lookup", "users.lookup", Map.of("email", "a+b@example.com")));
        token.set(Secret.of("refreshed-token"));
        client.send(JsonRequest.get("users.lookup", "users.lookup", Map.of("email", "c d@example.com")));
        List<RecordedRequest> sent = fake.requests();
        assertThat(sent.get(0).query()).containsEntry("email", "a+b@example.com");
        assertThat(sent.get(1).query()).containsEntry("email", "c d@example.com");
        assertThat(sent.get(1).header("authorization")).contains("Bearer refreshed-token");
    }

    @Test
    void defaultHeadersReplaceTheClientsOwnValues() {
        try (JsonHttpClient pd = JsonHttpClient.builder("acme", fake.uri("/api")).authorization("Token", () -> Secret.of("token=" + TOKEN))
                .header("Accept", "application/vnd.acme+json;version=2").header("Content-Type", "application/json")
                .retryPolicy(RetryPolicy.none()).build()) {
            fake.enqueue("POST", "/api/things", ScriptedResponse.ok("{}"));
            pd.send(JsonRequest.post("things", "things", body()));
            RecordedRequest sent = fake.requests().get(0);
            assertThat(sent.headers().get("accept")).containsExactly("application/vnd.acme+json;version=2");
            assertThat(sent.headers().get("content-type")).containsExactly("application/json");
            assertThat(sent.header("Authorization")).contains("Token token=" + TOKEN);
        }
    }

    @Test
    void absoluteTargetsGetNoCredentials() {
        fake.enqueue("POST", "/hooks/abc", ScriptedResponse.ok("{}"));
        client.send(JsonRequest.post("response_url", fake.uri("/hooks/abc").toString(), body()));
        assertThat(fake.requests().get(0).header("Authorization")).isEmpty();
    }

    @Test
    void rateLimitWaitsExactlyTheRetryAfterThenSucceeds() {
        fake.enqueue("POST", "/api/things.create", ScriptedResponse.tooManyRequests(Duration.ofSeconds(1)),
                ScriptedResponse.ok("{\"ok\":true}"));
        client.send(JsonRequest.post("things.create", "things.create", body()).notIdempotent());
        List<FakeVendorServer.Exchange> ex = fake.exchanges();
        assertThat(ex).hasSize(2);
        long gapNanos = ex.get(1).request().receivedNanos() - ex.get(0).respondedNanos();
        assertThat(Duration.ofNanos(gapNanos)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterLongerThanTheLimitFailsAtOnceWithTheWait() {
        fake.enqueue("POST", "/api/things.create", ScriptedResponse.tooManyRequests(Duration.ofSeconds(3600)));
        PortException e = catchThrowableOfType(PortException.class,
                () -> client.send(JsonRequest.post("things.create", "things.create", body())));
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3600));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffWhenIdempotent() {
        fake.enqueue("POST", "/api/things.update", ScriptedResponse.status(503), ScriptedResponse.status(502),
                ScriptedResponse.ok("{\"ok\":true}"));
        client.send(JsonRequest.post("things.update", "things.update", body()));
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void serverErrorsAreNotRetriedWhenTheCallMayHaveBeenApplied() {
        fake.enqueue("POST", "/api/things.create", ScriptedResponse.status(500), ScriptedResponse.ok("{}"));
        PortException e = catchThrowableOfType(PortException.class,
                () -> client.send(JsonRequest.post("things.create", "things.create", body()).notIdempotent()));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void retriesRunOutWithTheLastFailure() {
        fake.stub("GET", "/api/flaky", r -> ScriptedResponse.status(503));
        PortException e = catchThrowableOfType(PortException.class,
                () -> client.send(JsonRequest.get("flaky", "flaky", Map.of())));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(fake.requests()).hasSize(FAST.maxAttempts());
    }

    @Test
    void clientErrorsAreTypedAndNotRetried() {
        fake.enqueue("GET", "/api/a", ScriptedResponse.status(401));
        fake.enqueue("GET", "/api/b", ScriptedResponse.status(404));
        fake.enqueue("GET", "/api/c", ScriptedResponse.json(422, "{\"message\":\"bad\"}"));
        assertThat(kindOf("a")).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(kindOf("b")).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf("c")).isEqualTo(Kind.INVALID);
        assertThat(fake.requests()).hasSize(3);
    }

    private Kind kindOf(String path) {
        return catchThrowableOfType(PortException.class,
                () -> client.send(JsonRequest.get(path, path, Map.of()))).kind();
    }

    @Test
    void noAnswerInTimeIsATimeoutRetriedOnlyWhenIdempotent() {
        fake.stub("POST", "/api/slow", r -> ScriptedResponse.ok("{}").withDelay(Duration.ofSeconds(5)));
        PortException e = catchThrowableOfType(PortException.class,
                () -> client.send(JsonRequest.post("slow", "slow", body()).notIdempotent()));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsUnavailableAndRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (JsonHttpClient closed = JsonHttpClient.builder("acme", URI.create("http://127.0.0.1:" + port + "/api"))
                .retryPolicy(FAST.withMaxAttempts(2)).build()) {
            PortException e = catchThrowableOfType(PortException.class,
                    () -> closed.send(JsonRequest.post("things.create", "things.create", body()).notIdempotent()));
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.httpStatus()).isZero();
        }
    }

    @Test
    void theVendorsErrorMapperReadsBodiesFirst() {
        try (JsonHttpClient mapped = JsonHttpClient.builder("acme", fake.uri("/api")).retryPolicy(FAST)
                .errorMapper((port, r) -> r.body().path("ok").asBoolean(true) ? Optional.empty()
                        : Optional.of(new PortException(port, Kind.NOT_FOUND, r.body().path("error").asText(), r.status(),
                                null, "no such thing")))
                .build()) {
            fake.enqueue("POST", "/api/things.get", ScriptedResponse.ok("{\"ok\":false,\"error\":\"thing_not_found\"}"));
            PortException e = catchThrowableOfType(PortException.class,
                    () -> mapped.send(JsonRequest.post("things.get", "things.get", body())));
            assertThat(e.vendorCode()).isEqualTo("thing_not_found");
            assertThat(e.port()).isEqualTo("acme things.get");
            assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("héllo");
        }
    }

    @Test
    void toStringsNameNoSecretOrData() {
        assertThat(client.toString()).doesNotContain(TOKEN).contains("acme");
        assertThat(JsonRequest.post("x", "x", body()).toString()).doesNotContain("héllo");
    }
}
