package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Instant;

/**
 * An external link was attached: the status page incident, the page, an issue.
 *
 * <p>JSON type name: {@code link_added}.
 *
 * @param seq its position in the incident's timeline, from 1
 * @param at when it was recorded
 * @param by who did it ({@link PersonRef#BOT} for incidentkit itself)
 * @param kind what it points at
 * @param url the address
 * @param label a short label for people
 * @param reference the vendor's id for the linked thing (status page incident id, issue number); may be empty
 * @since 0.1
 */
public record LinkAdded(long seq, Instant at, PersonRef by, LinkKind kind, String url, String label, String reference) implements IncidentEvent {

    /** Checks every field. */
    public LinkAdded {
        Checks.event(seq, at, by);
        by = PersonRef.shared(by);
        requireNonNull(kind, "kind");
        url = Checks.text(url, "link url");
        label = Checks.text(label, "link label");
        reference = requireNonNull(reference, "reference").strip();
    }
}
