package dev.incidentkit.adapters.http;

import dev.incidentkit.spi.PortException;
import java.util.Optional;

/**
 * Reads a vendor's own way of saying no. Some vendors answer HTTP 200 with an error in the body (Slack's
 * {@code "ok": false}); an adapter gives the client an {@code ErrorMapper} that spots those and names the
 * failure's {@link PortException.Kind kind}. Responses it leaves alone are judged by their HTTP status
 * (see {@link JsonHttpClient}).
 *
 * <p>Implementations are pure functions and thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ErrorMapper {

    /**
     * Returns the failure a response stands for, if the vendor's body says it failed.
     *
     * @param port the port and operation, e.g. {@code slack chat.postMessage}, for the exception
     * @param response the response
     * @return the failure, or empty to let the HTTP status decide
     */
    Optional<PortException> failure(String port, JsonResponse response);

    /**
     * A mapper that finds nothing in bodies, leaving every decision to the HTTP status.
     *
     * @return the mapper
     */
    static ErrorMapper none() {
        return (port, response) -> Optional.empty();
    }
}
