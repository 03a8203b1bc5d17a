package dev.incidentkit.teams.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.ErrorMapper;
import dev.incidentkit.adapters.http.JsonResponse;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import java.util.Optional;

/**
 * Reads the error bodies of the Bot Connector and Graph, both {@code {"error":{"code","message"}}}
 * (api-notes-teams §4.4, §6.1), into a {@link PortException} with the vendor's code. The kind follows the
 * status as the notes' table says: 429 {@link Kind#RATE_LIMITED} with its {@code Retry-After}; 412
 * (concurrent operations), 502, 503, 504 and other 5xx {@link Kind#UNAVAILABLE}; 401/403
 * {@link Kind#UNAUTHORIZED}; 404 {@link Kind#NOT_FOUND}; other 4xx (413 {@code MessageSizeTooBig}
 * included) {@link Kind#INVALID}. The message text from the vendor is not copied: it can quote our data.
 */
public final class MicrosoftErrors implements ErrorMapper {
    private final String advice401;

    /** A mapper whose 401/403 advice names what to check. */
    public MicrosoftErrors(String advice401) {
        this.advice401 = advice401;
    }

    @Override
    public Optional<PortException> failure(String port, JsonResponse response) {
        int s = response.status();
        if (response.successful()) {
            return Optional.empty();
        }
        JsonNode error = response.body().path("error");
        String code = error.isObject() ? error.path("code").asText("") : error.asText("");
        if (code.length() > 80) {
            code = code.substring(0, 80);
        }
        Kind kind;
        String what;
        if (s == 429) {
            kind = Kind.RATE_LIMITED;
            what = "throttled; retry after the time the vendor asked for";
        } else if (s == 412 || s >= 500) {
            kind = Kind.UNAVAILABLE;
            what = s == 412 ? "a concurrent operation on the same conversation; try again" : "the vendor failed; try again later";
        } else if (s == 401 || s == 403) {
            kind = Kind.UNAUTHORIZED;
            what = advice401;
        } else if (s == 404) {
            kind = Kind.NOT_FOUND;
            what = "the target does not exist or the app cannot see it";
        } else {
            kind = Kind.INVALID;
            what = s == 413 ? "the message is too large for Teams" : "the vendor refused the request as invalid";
        }
        return Optional.of(new PortException(port, kind, code, s, response.retryAfter().orElse(null), what));
    }
}
