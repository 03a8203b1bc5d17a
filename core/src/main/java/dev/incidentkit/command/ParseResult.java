package dev.incidentkit.command;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.internal.Checks;
import java.util.Optional;

/**
 * What {@link CommandParser#parse} made of a line of chat text.
 *
 * @since 0.1
 */
public sealed interface ParseResult {

    /**
     * The text is a command.
     *
     * @param incident the incident the text named (a leading {@code INC-42}); empty if it named none,
     *     in which case the channel's bound incident is meant
     * @param command the command
     */
    record Parsed(Optional<IncidentId> incident, Command command) implements ParseResult {
        /** Checks the fields. */
        public Parsed {
            requireNonNull(incident, "incident");
            requireNonNull(command, "command");
        }
    }

    /**
     * The text is not a command; {@code message} says why and shows the usage of the closest command.
     *
     * @param message the reply for the person, e.g.
     *     {@code "`sev` needs a severity from 1 to 4. Usage: `sev <1-4>`, e.g. `sev 2`"}
     */
    record Unparsed(String message) implements ParseResult {
        /** Checks the message. */
        public Unparsed {
            message = Checks.text(message, "message");
        }
    }
}
