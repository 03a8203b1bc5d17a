package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One call to a vendor.
 *
 * @param operation the vendor's name for the operation, used in failures and logs, e.g.
 *     {@code chat.postMessage}; never holds data
 * @param method the HTTP method, e.g. {@code POST}
 * @param target a path relative to the client's base URI (e.g. {@code chat.postMessage}), or an absolute
 *     {@code http(s)} URI such as Slack's {@code response_url}; absolute targets never get the client's
 *     credentials
 * @param query query parameters, in order; empty for none
 * @param body the JSON body, or null for none
 * @param idempotent whether repeating the call cannot do harm; only idempotent calls are retried after a
 *     failure that may have been applied (a timeout, a 5xx). Rate limits and failures to connect are
 *     retried either way, since the vendor did nothing.
 * @since 0.1
 */
public record JsonRequest(String operation, String method, String target, Map<String, String> query,
                          @Nullable JsonNode body, boolean idempotent) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException if the method is not one of GET, POST, PUT, PATCH, DELETE, or a GET
     *     has a body
     */
    public JsonRequest {
        requireNonNull(operation, "operation");
        requireNonNull(method, "method");
        requireNonNull(target, "target");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method is one of " + METHODS + "; got '" + method + "'");
        }
        if (method.equals("GET") && body != null) {
            throw new IllegalArgumentException("a GET has no body (operation " + operation + ")");
        }
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(query, "query")));
    }

    /**
     * A GET with query parameters; GETs are idempotent.
     *
     * @param operation the operation's name
     * @param target the path or absolute URI
     * @param query the query parameters
     * @return the request
     */
    public static JsonRequest get(String operation, String target, Map<String, String> query) {
        return new JsonRequest(operation, "GET", target, query, null, true);
    }

    /**
     * A POST with a JSON body, idempotent (use {@link #notIdempotent()} for calls that create something).
     *
     * @param operation the operation's name
     * @param target the path or absolute URI
     * @param body the body
     * @return the request
     */
    public static JsonRequest post(String operation, String target, JsonNode body) {
        return new JsonRequest(operation, "POST", target, Map.of(), requireNonNull(body, "body"), true);
    }

    /**
     * Returns a copy marked as not idempotent, for calls such as posting a message that would happen twice
     * if repeated after an unclear failure.
     *
     * @return the copy
     */
    public JsonRequest notIdempotent() {
        return new JsonRequest(operation, method, target, query, body, false);
    }

    /**
     * Returns whether the target is an absolute URI rather than a path under the client's base URI.
     *
     * @return true if absolute
     */
    public boolean absolute() {
        return URI.create(target).isAbsolute();
    }

    /** Names the operation and method only; queries and bodies can hold personal data. */
    @Override
    public String toString() {
        return "JsonRequest[" + method + " " + operation + (idempotent ? "" : ", not idempotent") + "]";
    }
}
