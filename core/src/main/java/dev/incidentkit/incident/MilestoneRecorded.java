package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * A milestone of the impact window was recorded, possibly for an earlier time than now ("impact started 14:02").
 *
 * <p>JSON type name: {@code milestone_recorded}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param milestone which milestone
 * @param occurredAt when it happened, at or before {@code at}
 * @since 0.1
 */
public record MilestoneRecorded(long seq, Instant at, PersonRef by, Milestone milestone, Instant occurredAt) implements IncidentEvent {

    /** Checks every field. */
    public MilestoneRecorded {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(milestone, "milestone");
        requireNonNull(occurredAt, "occurredAt");
        if (occurredAt.isAfter(at)) {
            throw new IllegalArgumentException("a milestone cannot be recorded before it happens: occurredAt " + occurredAt + " is after at " + at);
        }
    }
}
