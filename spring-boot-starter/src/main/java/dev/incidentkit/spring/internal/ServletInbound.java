package dev.incidentkit.spring.internal;

import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.spring.InboundEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves an {@link InboundEndpoint} in Spring MVC: the Servlet request becomes an {@link InboundRequest} and
 * the endpoint's {@link InboundResponse} is written back as it is.
 *
 * <p>The body is read from the request's input stream, byte for byte: never through {@code @RequestBody} or
 * request parameters, which re-encode a form body (Slack's slash commands are forms) and would break its
 * signature. It reads at most the endpoint's limit plus one byte, so an oversized body is answered (413, by
 * the endpoint) without being held; that answer carries {@code Connection: close}. Thread-safe.
 */
public final class ServletInbound implements HttpRequestHandler {
    private final InboundEndpoint endpoint;
    private final int readLimit;

    /**
     * Serves one endpoint.
     *
     * @param endpoint the endpoint
     */
    public ServletInbound(InboundEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.readLimit = (int) Math.min((long) endpoint.maxBodyBytes() + 1, Integer.MAX_VALUE);
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        InputStream in = request.getInputStream();
        byte[] body = in.readNBytes(readLimit);
        boolean oversized = body.length == readLimit;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        InboundResponse answer = Objects.requireNonNull(endpoint.handler().apply(
                new InboundRequest(request.getMethod(), request.getRequestURI(), headers, body)), "response");
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (oversized) {
            response.setHeader("Connection", "close");
        }
        byte[] bytes = answer.body();
        response.setContentLength(bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public String toString() {
        return "ServletInbound[" + endpoint.name() + " at " + endpoint.path() + "]";
    }
}
