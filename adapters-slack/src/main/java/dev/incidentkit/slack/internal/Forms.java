package dev.incidentkit.slack.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads {@code application/x-www-form-urlencoded} bodies. */
public final class Forms {
    private Forms() {}

    /**
     * Decodes a form; the first value of a repeated field wins.
     *
     * @return the fields, or empty if the body is not a well-formed form
     */
    public static Optional<Map<String, String>> decode(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return Optional.of(out);
        }
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a broken %-escape
        }
        return Optional.of(out);
    }
}
