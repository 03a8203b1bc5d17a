package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request to an inbound endpoint (Slack, PagerDuty or GitHub calling us) as it arrived, independent of
 * any HTTP framework: hosts build one from their own request and hand it to the endpoint's
 * {@code handle(..)}; {@link JdkHttpBinding} does that for the JDK's {@code HttpServer}.
 *
 * <p>Immutable: the headers and the body are copied in, and {@link #body()} returns a copy. Equal when
 * method, path, headers and body bytes are equal. {@link #toString()} never shows the body, because a
 * signed body must not reach a log.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path, e.g. {@code /slack/events} (informational)
 * @param headers the headers, names in any case; entries with a null name are dropped
 * @param body the raw body, exactly as received (signatures are computed over these bytes)
 * @since 0.1
 */
public record InboundRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    /**
     * Checks nulls and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public InboundRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        Map<String, List<String>> h = new LinkedHashMap<>();
        requireNonNull(headers, "headers").forEach((k, v) -> {
            if (k != null) {
                h.put(k, List.copyOf(v));
            }
        });
        headers = Map.copyOf(h);
        body = requireNonNull(body, "body").clone();
    }

    /**
     * Returns a copy of the raw body.
     *
     * @return the body bytes, exactly as received
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns the first value of a header, comparing names case-insensitively.
     *
     * @param name the header name, any case
     * @return the first value, if the header is present with a value
     */
    public Optional<String> header(String name) {
        requireNonNull(name, "name");
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the body decoded as UTF-8 (malformed bytes become U+FFFD).
     *
     * @return the body text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Compares method, path, headers and body bytes.
     *
     * @param o the other object
     * @return whether {@code o} is an equal request
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof InboundRequest r && method.equals(r.method) && path.equals(r.path)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    /**
     * Hashes method, path, headers and body bytes.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return ((method.hashCode() * 31 + path.hashCode()) * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    /**
     * Shows method, path and body size, never the body or the headers (which carry signatures).
     *
     * @return e.g. {@code InboundRequest[POST /slack/events, 312 bytes]}
     */
    @Override
    public String toString() {
        return "InboundRequest[" + method + " " + path + ", " + body.length + " bytes]";
    }
}
