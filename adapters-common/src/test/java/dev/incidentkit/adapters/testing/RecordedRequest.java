package dev.incidentkit.adapters.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request the fake vendor server received.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param rawQuery the raw query string, empty if none
 * @param headers the headers, names lower-cased
 * @param body the raw body
 * @param receivedNanos {@code System.nanoTime()} when it arrived, to measure gaps between requests
 */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                              byte[] body, long receivedNanos) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies. */
    public RecordedRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(rawQuery, "rawQuery");
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = Map.copyOf(h);
        body = body.clone();
    }

    /** The first value of a header, any case. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON: " + this, e);
        }
    }

    /** The query parameters, decoded. */
    public Map<String, String> query() {
        return decode(rawQuery);
    }

    /** The body read as an {@code application/x-www-form-urlencoded} form. */
    public Map<String, String> form() {
        return decode(bodyText());
    }

    /** Whether the body is JSON, by its content type. */
    public boolean isJson() {
        return header("Content-Type").map(c -> c.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false);
    }

    private static Map<String, String> decode(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Method and path only. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
