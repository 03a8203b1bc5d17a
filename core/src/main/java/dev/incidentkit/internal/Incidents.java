package dev.incidentkit.internal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.IncidentStore;
import java.util.List;

/**
 * Incidents' folded state, kept between commands and checked against the store on every read: a read
 * loads only the events appended since the state it holds ({@link IncidentStore#loadAfter}), whoever
 * appended them, so a command on a 10,000-event incident costs what one on a 20-event incident does.
 * Thread-safe; the states are immutable, and of two racing readers the later may keep the older state,
 * which the next read brings up to date.
 */
public final class Incidents {
    private final IncidentStore store;
    private final Cache<IncidentId, Incident> folded;

    public Incidents(IncidentStore store, long maxIncidents) {
        this.store = store;
        this.folded = CacheBuilder.newBuilder().maximumSize(maxIncidents).build();
    }

    /**
     * Returns the incident as the store has it now.
     *
     * @param id the incident
     * @return its state; {@link Incident#undeclared} if the store has no event of it
     */
    public Incident current(IncidentId id) {
        Incident cached = folded.getIfPresent(id);
        Incident state = cached != null ? cached : Incident.undeclared(id);
        List<IncidentEvent> newer = store.loadAfter(id, state.version());
        for (IncidentEvent e : newer) {
            state = state.evolve(e);
        }
        if (state.isDeclared() && (cached == null || !newer.isEmpty())) {
            folded.put(id, state);
        }
        return state;
    }
}
