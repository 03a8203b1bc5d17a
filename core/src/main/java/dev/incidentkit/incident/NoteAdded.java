package dev.incidentkit.incident;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A note was added to the timeline.
 *
 * <p>JSON type name: {@code note_added}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param text the note
 * @since 0.1
 */
public record NoteAdded(long seq, Instant at, PersonRef by, String text) implements IncidentEvent {

    /** Checks every field. */
    public NoteAdded {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        text = Checks.text(text, "note text");
    }
}
