package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A person joined the incident.
 *
 * <p>JSON type name: {@code participant_joined}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param person who joined
 * @since 0.1
 */
public record ParticipantJoined(long seq, Instant at, PersonRef by, PersonRef person) implements IncidentEvent {

    /** Checks every field. */
    public ParticipantJoined {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        person = PersonRef.shared(requireNonNull(person, "person"));
    }
}
