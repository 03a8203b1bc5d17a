package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A paged person acknowledged the page, in chat ({@code ack}) or in the pager.
 *
 * <p>JSON type name: {@code page_acknowledged}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param target whose page was acknowledged
 * @since 0.1
 */
public record PageAcknowledged(long seq, Instant at, PersonRef by, PersonRef target) implements IncidentEvent {

    /** Checks every field. */
    public PageAcknowledged {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        target = PersonRef.shared(requireNonNull(target, "target"));
    }
}
