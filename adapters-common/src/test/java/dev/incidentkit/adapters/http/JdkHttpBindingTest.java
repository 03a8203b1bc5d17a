package dev.incidentkit.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class JdkHttpBindingTest {
    private static final int LIMIT = 1 << 20;

    private HttpServer server;
    private ExecutorService threads;

    private URI start(Function<InboundRequest, InboundResponse> endpoint, int threadCount) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = JdkHttpBinding.executor(threadCount);
        server.setExecutor(threads);
        server.createContext("/hook", JdkHttpBinding.handler(endpoint, LIMIT));
        server.createContext("/healthz", JdkHttpBinding.handler(r -> InboundResponse.text(200, "ok"), 0));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static InboundResponse limited(InboundRequest r) {
        return r.body().length > LIMIT ? InboundResponse.text(413, "request too large") : InboundResponse.text(202, "accepted");
    }

    @Test
    void aTenMegabyteBodyGetsA413RatherThanAReset() throws Exception {
        URI base = start(JdkHttpBindingTest::limited, 4);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(base.resolve("/hook"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 << 20])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).isEqualTo("request too large");
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(base.resolve("/hook"))
                .POST(HttpRequest.BodyPublishers.ofString("small")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).as("the server still serves").isEqualTo(202);
    }

    @Test
    void aClientThatWritesTheWholeBodyBeforeReadingGetsThe413() throws Exception {
        URI base = start(JdkHttpBindingTest::limited, 4);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            int size = 10 << 20;
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hook HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 413").endsWith("request too large");
        }
    }

    @Test
    void servesConcurrentRequestsInParallel() throws Exception {
        int n = 6;
        CountDownLatch inside = new CountDownLatch(n);
        CountDownLatch release = new CountDownLatch(1);
        URI base = start(r -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return InboundResponse.text(200, "done");
        }, n + 2);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slow.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/hook")).POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        try {
            assertThat(inside.await(20, TimeUnit.SECONDS)).as("all %d requests inside the handler at once", n).isTrue();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health is not queued behind them").isEqualTo(200);
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> f : slow) {
            assertThat(f.get(20, TimeUnit.SECONDS).body()).isEqualTo("done");
        }
    }

    @Test
    void theExecutorIsBounded() {
        assertThatThrownBy(() -> JdkHttpBinding.executor(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> JdkHttpBinding.executor(1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
