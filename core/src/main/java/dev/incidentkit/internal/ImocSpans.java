package dev.incidentkit.internal;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.StatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** When a person was IMOC of an active incident: the basis of fatigue rules. */
public final class ImocSpans {
    private ImocSpans() {}

    /** A span of IMOC duty that the event {@code seq} started; {@code until} is {@link Instant#MAX} while it lasts. */
    public record Span(long seq, Instant from, Instant until) {
        /** Returns how much of this span lies within [from, to). */
        public Duration within(Instant windowFrom, Instant windowTo) {
            Instant a = from.isAfter(windowFrom) ? from : windowFrom;
            Instant b = until.isBefore(windowTo) ? until : windowTo;
            return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
        }
    }

    /**
     * Returns the spans during which {@code person} was IMOC of the incident while it was active (not
     * resolved, closed or cancelled), in order.
     */
    public static List<Span> of(Incident incident, PersonRef person) {
        List<Span> spans = new ArrayList<>();
        boolean holds = false;
        boolean active = true;
        Instant start = null;
        long startSeq = 0;
        for (IncidentEvent e : incident.timeline()) {
            boolean wasOn = holds && active;
            if (e instanceof RoleAssigned r && r.role() == Role.IMOC) {
                holds = r.person().id().equals(person.id());
            } else if (e instanceof HandedOff h && h.role() == Role.IMOC) {
                holds = h.to().id().equals(person.id());
            } else if (e instanceof StatusChanged s) {
                active = s.to().isActive();
            } else if (e instanceof Closed || e instanceof Cancelled) {
                active = false;
            }
            boolean isOn = holds && active;
            if (!wasOn && isOn) {
                start = e.at();
                startSeq = e.seq();
            } else if (wasOn && !isOn) {
                spans.add(new Span(startSeq, start, e.at()));
            }
        }
        if (holds && active && incident.status() != IncidentStatus.CLOSED) {
            spans.add(new Span(startSeq, start, Instant.MAX));
        }
        return spans;
    }

    /** Returns how long {@code person} was IMOC of any of the incidents within [from, to). */
    public static Duration total(Collection<Incident> incidents, PersonRef person, Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (Incident incident : incidents) {
            if (incident.isDeclared()) {
                for (Span s : of(incident, person)) {
                    total = total.plus(s.within(from, to));
                }
            }
        }
        return total;
    }
}
