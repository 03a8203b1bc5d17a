package dev.incidentkit.spring;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import java.util.function.Function;

/**
 * An inbound endpoint (Slack, PagerDuty or GitHub calling the application) to serve in Spring MVC at a path.
 * The starter declares one bean of this type per inbound adapter that is on; the web part maps each to its
 * path and hands it the request exactly as it arrived (the raw body bytes, which signatures cover). An
 * application may declare its own, e.g. for an adapter the starter does not know.
 *
 * @param name what the endpoint is, for messages, e.g. {@code slack}
 * @param path the path it is served at, e.g. {@code /slack/events}
 * @param handler answers a request, e.g. {@code slackInbound::handle}; should not throw
 * @param maxBodyBytes the largest body the handler accepts: the bridge reads one byte more, so the handler
 *     can see that a body is too large (and answer 413) without the body being held in memory
 * @since 0.1
 */
public record InboundEndpoint(String name, String path, Function<InboundRequest, InboundResponse> handler,
                              int maxBodyBytes) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the path does not start with {@code /} or the limit is negative
     * @throws NullPointerException if an argument is null
     */
    public InboundEndpoint {
        requireNonNull(name, "name");
        requireNonNull(path, "path");
        requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the " + name + " endpoint's path starts with /, like /slack/events; got '"
                    + path + "'");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes is not negative; got " + maxBodyBytes);
        }
    }
}
