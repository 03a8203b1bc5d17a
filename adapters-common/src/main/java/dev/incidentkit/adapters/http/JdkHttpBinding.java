package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * Binds an inbound endpoint to the JDK's {@link com.sun.net.httpserver.HttpServer}: each exchange becomes an
 * {@link InboundRequest}, and the endpoint's {@link InboundResponse} is written back as it is.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(3000), 0);
 * server.createContext("/slack/events", JdkHttpBinding.handler(inbound::handle, 1 << 20));
 * server.start();
 * }</pre>
 *
 * @since 0.1
 */
public final class JdkHttpBinding {

    private JdkHttpBinding() {}

    /**
     * Returns a handler that reads at most {@code maxBodyBytes + 1} bytes of the request body (so the
     * endpoint can see that a body is over its limit and reject it without the rest being read), calls the
     * endpoint, and writes the response's status, headers and body. An empty body is sent with no content.
     * The exchange is always closed. Thread-safe if the endpoint is.
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
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(readLimit);
            }
            InboundResponse response = requireNonNull(endpoint.apply(new InboundRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body)), "response");
            byte[] bytes = response.body();
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
