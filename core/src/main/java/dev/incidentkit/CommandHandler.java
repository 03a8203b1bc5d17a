package dev.incidentkit;

/**
 * Takes chat text and answers at once: what an inbound chat adapter (Slack's slash commands and buttons)
 * hands requests to. {@code IncidentKit} is the implementation; tests may use a lambda.
 *
 * <p>Implementations return quickly (well inside Slack's 3 seconds) whatever the vendors do, and never
 * throw for anything a person typed: bad text gets a usage reply.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * Handles one request.
     *
     * @param request who said what, where
     * @return the reply to show at once
     */
    Reply handle(ChatRequest request);
}
