package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.incidentkit.adapters.internal.NamedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Binds an inbound endpoint to the JDK's {@link com.sun.net.httpserver.HttpServer}: each exchange becomes an
 * {@link InboundRequest}, and the endpoint's {@link InboundResponse} is written back as it is.
 *
 * <p>The JDK's server runs one request at a time unless it is given an executor: give it
 * {@link #executor(int)}, so a burst of requests while a vendor hangs is answered in parallel and a health
 * check is not queued behind slow requests.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(3000), 0);
 * ExecutorService threads = JdkHttpBinding.executor(32);
 * server.setExecutor(threads);
 * server.createContext("/slack/events", JdkHttpBinding.handler(inbound::handle, 1 << 20));
 * server.start();
 * // on shutdown: server.stop(1); threads.shutdown();
 * }</pre>
 *
 * @since 0.1
 */
public final class JdkHttpBinding {
    /** How much of an oversized body is read and thrown away after answering, so the client reads the answer. */
    static final long DRAIN_LIMIT = 32L << 20;

    private JdkHttpBinding() {}

    /**
     * Returns an executor for {@link com.sun.net.httpserver.HttpServer#setExecutor}: a bounded pool of
     * daemon threads named {@code incidentkit-http-<n>}, which serves up to {@code threads} requests at once
     * and queues the rest. The caller owns it and shuts it down after stopping the server.
     *
     * @param threads how many requests are served at once, 1 to 1,000; e.g. 32
     * @return the executor
     * @throws IllegalArgumentException if {@code threads} is out of range
     */
    public static ExecutorService executor(int threads) {
        if (threads < 1 || threads > 1000) {
            throw new IllegalArgumentException("threads is between 1 and 1000; got " + threads);
        }
        return Executors.newFixedThreadPool(threads, new NamedThreads("incidentkit-http"));
    }

    /**
     * Returns a handler that reads at most {@code maxBodyBytes + 1} bytes of the request body (so the
     * endpoint can see that a body is over its limit and reject it, with 413, without the body being held in
     * memory), calls the endpoint, and writes the response's status, headers and body. An empty body is sent
     * with no content. When the body was over the limit, the answer carries {@code Connection: close} and the
     * rest of the body (up to 32 MiB) is read and thrown away after the answer is sent, so the client reads
     * the answer instead of a connection reset. The exchange is always closed. Thread-safe if the endpoint is.
     *
     * @param endpoint what answers each request, e.g. {@code inbound::handle}; should not throw
     * @param maxBodyBytes the endpoint's body limit, in bytes
     * @return the handler
     * @throws IllegalArgumentException if {@code maxBodyBytes} is negative
     */
    public static HttpHandler handler(Function<InboundRequest, InboundResponse> endpoint, int maxBodyBytes) {
        requireNonNull(endpoint, "endpoint");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes is not negative; got " + maxBodyBytes);
        }
        int readLimit = (int) Math.min((long) maxBodyBytes + 1, Integer.MAX_VALUE);
        return exchange -> serve(exchange, endpoint, readLimit);
    }

    private static void serve(HttpExchange exchange, Function<InboundRequest, InboundResponse> endpoint, int readLimit)
            throws IOException {
        try (exchange) {
            InputStream in = exchange.getRequestBody();
            byte[] body = in.readNBytes(readLimit);
            boolean oversized = body.length == readLimit;
            InboundResponse response = requireNonNull(endpoint.apply(new InboundRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body)), "response");
            byte[] bytes = response.body();
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (!oversized) {
                in.close();
                exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
                return;
            }
            // Answer first, then read the rest of the body, and only then finish the exchange: closing a
            // connection with unread data makes the kernel reset it, and the client loses the answer.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
                out.flush();
                drain(in);
            }
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        try {
            for (int n; read < DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        } catch (IOException e) {
            // the client gave up sending: nothing left to protect
        }
    }
}
