package dev.incidentkit;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import java.util.Optional;

/**
 * Takes a command already typed by an adapter (a webhook that acknowledges a page, closes a follow-up or
 * declares an incident) and answers at once: what the inbound webhook adapters depend on.
 * {@code IncidentKit} is the implementation; tests may use a lambda.
 *
 * <p>Implementations return quickly whatever the vendors do, apply the same access rules and record the
 * same timeline as for a typed command, and never throw for a command a person could have typed.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface IncidentCommands {

    /**
     * Handles one command.
     *
     * @param named the incident the command is for; empty for a declaration, or to mean the channel's
     * @param command the command
     * @param actor who sent it
     * @param channelId where it came from, e.g. {@code pagerduty} for a webhook
     * @return the reply
     */
    Reply handle(Optional<IncidentId> named, Command command, PersonRef actor, String channelId);
}
