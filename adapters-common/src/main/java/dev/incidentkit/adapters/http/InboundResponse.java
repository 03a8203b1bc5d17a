package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer an inbound endpoint gives, independent of any HTTP framework: hosts write the status, the
 * headers and the body back as they are; {@link JdkHttpBinding} does that for the JDK's {@code HttpServer}.
 *
 * <p>Immutable: the headers and the body are copied in, and {@link #body()} returns a copy. Equal when
 * status, headers and body bytes are equal. {@link #toString()} shows the status and the body size only.
 *
 * @param status the HTTP status, 100–599
 * @param headers response headers, one value per name
 * @param body the body, possibly empty (then no body is sent)
 * @since 0.1
 */
public record InboundResponse(int status, Map<String, String> headers, byte[] body) {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException if the status is not between 100 and 599
     * @throws NullPointerException if an argument is null
     */
    public InboundResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status is an HTTP status between 100 and 599; got " + status);
        }
        headers = Map.copyOf(requireNonNull(headers, "headers"));
        body = requireNonNull(body, "body").clone();
    }

    /**
     * Returns a response with no headers and no body.
     *
     * @param status the HTTP status
     * @return the response
     */
    public static InboundResponse empty(int status) {
        return new InboundResponse(status, Map.of(), new byte[0]);
    }

    /**
     * Returns a plain-text response, {@code Content-Type: text/plain; charset=utf-8}.
     *
     * @param status the HTTP status
     * @param text the body, sent as UTF-8; never request data that could carry a secret
     * @return the response
     */
    public static InboundResponse text(int status, String text) {
        return new InboundResponse(status, Map.of("Content-Type", TEXT), requireNonNull(text, "text")
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a JSON response, {@code Content-Type: application/json; charset=utf-8}.
     *
     * @param status the HTTP status
     * @param json the JSON document, sent as UTF-8
     * @return the response
     */
    public static InboundResponse json(int status, String json) {
        return new InboundResponse(status, Map.of("Content-Type", JSON), requireNonNull(json, "json")
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a copy with one more header, replacing one of the same name.
     *
     * @param name the header name
     * @param value the value
     * @return the new response
     */
    public InboundResponse withHeader(String name, String value) {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                h.put(k, v);
            }
        });
        h.put(name, value);
        return new InboundResponse(status, h, body);
    }

    /**
     * Returns a copy of the body.
     *
     * @return the body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns the body decoded as UTF-8.
     *
     * @return the body text, empty if there is no body
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Compares status, headers and body bytes.
     *
     * @param o the other object
     * @return whether {@code o} is an equal response
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof InboundResponse r && status == r.status && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    /**
     * Hashes status, headers and body bytes.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    /**
     * Shows the status and the body size, not the body.
     *
     * @return e.g. {@code InboundResponse[HTTP 202, 8 bytes]}
     */
    @Override
    public String toString() {
        return "InboundResponse[HTTP " + status + ", " + body.length + " bytes]";
    }
}
