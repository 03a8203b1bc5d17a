package dev.incidentkit.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class InboundHttpTest {

    @Test
    void headerNamesAreCaseInsensitive() {
        InboundRequest r = new InboundRequest("POST", "/hook", Map.of("X-Hub-Signature-256", List.of("sha256=ab", "second"),
                "Empty", List.of()), new byte[0]);
        assertThat(r.header("x-hub-signature-256")).contains("sha256=ab");
        assertThat(r.header("X-HUB-SIGNATURE-256")).contains("sha256=ab");
        assertThat(r.header("Empty")).isEmpty();
        assertThat(r.header("Missing")).isEmpty();
    }

    @Test
    void toStringNeverShowsTheBodyOrTheHeaders() {
        InboundRequest r = new InboundRequest("POST", "/slack/events", Map.of("X-Slack-Signature", List.of("v0=deadbeef")),
                "token=s3cr3t-body".getBytes(StandardCharsets.UTF_8));
        assertThat(r.toString()).isEqualTo("InboundRequest[POST /slack/events, 17 bytes]")
                .doesNotContain("s3cr3t").doesNotContain("deadbeef");
        assertThat(InboundResponse.text(200, "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void requestsAndResponsesAreValuesOverTheirBytes() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        InboundRequest r = new InboundRequest("POST", "/", Map.of(), body);
        body[0] = 'x';
        assertThat(r.bodyText()).as("copied in").isEqualTo("{}");
        r.body()[0] = 'x';
        assertThat(r.bodyText()).as("copied out").isEqualTo("{}");
        assertThat(r).isEqualTo(new InboundRequest("POST", "/", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
                .hasSameHashCodeAs(new InboundRequest("POST", "/", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(InboundResponse.text(202, "accepted")).isEqualTo(InboundResponse.text(202, "accepted"))
                .isNotEqualTo(InboundResponse.text(202, "ignored"));
    }

    @Test
    void responseFactoriesSetTheContentType() {
        assertThat(InboundResponse.text(400, "bad").headers()).containsExactly(Map.entry("Content-Type", "text/plain; charset=utf-8"));
        assertThat(InboundResponse.json(200, "{}").headers()).containsExactly(Map.entry("Content-Type", "application/json; charset=utf-8"));
        assertThat(InboundResponse.json(200, "{\"a\":1}").bodyText()).isEqualTo("{\"a\":1}");
        InboundResponse empty = InboundResponse.empty(405).withHeader("Allow", "POST");
        assertThat(empty.headers()).containsExactly(Map.entry("Allow", "POST"));
        assertThat(empty.body()).isEmpty();
        assertThat(InboundResponse.text(200, "x").withHeader("content-type", "text/csv").headers())
                .containsExactly(Map.entry("content-type", "text/csv"));
        assertThatThrownBy(() -> InboundResponse.empty(42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42");
    }

    @Test
    void theJdkBindingPassesTheRequestThroughAndWritesTheResponseBack() throws Exception {
        BlockingQueue<InboundRequest> seen = new LinkedBlockingQueue<>();
        Function<InboundRequest, InboundResponse> endpoint = r -> {
            seen.add(r);
            if (r.body().length > 8) {
                return InboundResponse.text(413, "too large");
            }
            if (!r.method().equals("POST")) {
                return InboundResponse.empty(405).withHeader("Allow", "POST");
            }
            return InboundResponse.json(202, "{\"got\":\"" + r.bodyText() + "\"}").withHeader("X-Extra", "1");
        };
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", JdkHttpBinding.handler(endpoint, 8));
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("X-Signature", "v1=ab")
                    .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(ok.body()).isEqualTo("{\"got\":\"hello\"}");
            assertThat(ok.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
            assertThat(ok.headers().firstValue("x-extra")).contains("1");
            InboundRequest got = seen.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.path()).isEqualTo("/hook");
            assertThat(got.header("x-signature")).contains("v1=ab");

            HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(big.body()).isEqualTo("too large");
            assertThat(seen.poll(10, TimeUnit.SECONDS).body()).as("read only up to the limit plus one byte").hasSize(9);

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("allow")).contains("POST");
            assertThat(get.body()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theBindingRejectsANegativeLimit() throws IOException {
        assertThatThrownBy(() -> JdkHttpBinding.handler(r -> InboundResponse.empty(200), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
