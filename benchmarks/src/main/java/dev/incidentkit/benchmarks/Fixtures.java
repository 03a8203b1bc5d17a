package dev.incidentkit.benchmarks;

import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.ParticipantJoined;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Timelines the benchmarks fold, decide on and store: plausible events, 100 ms apart. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-24T13:00:00Z");
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("bob", "Bob");
    static final PersonRef CAROL = new PersonRef("carol", "Carol");
    private static final PersonRef[] PEOPLE = {ALICE, BOB, CAROL};

    private Fixtures() {}

    /**
     * The timeline of an open incident: declared, an IMOC, a channel, then notes with a few joins and one
     * status change.
     *
     * @param id the incident
     * @param channelId its channel
     * @param size how many events, at least 3
     * @return the events, seq 1 to {@code size}
     */
    static List<IncidentEvent> timeline(IncidentId id, String channelId, int size) {
        List<IncidentEvent> events = new ArrayList<>(size);
        events.add(new Declared(1, T0, BOB, id, "Checkout is failing", Severity.SEV1, false));
        events.add(new RoleAssigned(2, at(2), BOB, Role.IMOC, ALICE));
        events.add(new ChannelBound(3, at(3), PersonRef.BOT, channelId, "inc-" + id.value().toLowerCase(java.util.Locale.ROOT)));
        for (int seq = 4; seq <= size; seq++) {
            PersonRef by = PEOPLE[seq % PEOPLE.length];
            if (seq == 6) {
                events.add(new StatusChanged(seq, at(seq), ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
            } else if (seq % 50 == 0) {
                events.add(new ParticipantJoined(seq, at(seq), PersonRef.BOT, new PersonRef("p" + seq, "Person " + seq)));
            } else {
                events.add(new NoteAdded(seq, at(seq), by, "Error rate at " + (seq % 97) + "%, still looking at the load balancer"));
            }
        }
        return events;
    }

    /**
     * When the event with this seq happened.
     *
     * @param seq the seq
     * @return the instant
     */
    static Instant at(long seq) {
        return T0.plusMillis(100 * (seq - 1));
    }
}
