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
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.incident.UpdateDrafted;
import dev.incidentkit.spi.InMemoryIncidentStore;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap per incident in the {@link InMemoryIncidentStore}, measured with JOL (not a JMH benchmark): fills a
 * store with N incidents of 100 events and prints the retained size of the whole store divided by N.
 *
 * <p>Each event is appended on its own, as a command appends it, and its author is a {@link PersonRef}
 * made afresh from fresh strings, as one parsed from a chat request is (the kit's own events share
 * {@link PersonRef#BOT}). The events: declared, an IMOC,
 * a channel, four people joining, three status changes, a severity change, a drafted and a published
 * status update, the rest notes by four people (30 to 70 characters).
 *
 * <pre>{@code
 * java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar dev.incidentkit.benchmarks.HeapFootprint [incidents]
 * }</pre>
 *
 * <p>JOL needs the flag to read the layout of records; a second argument prints the footprint by class.
 */
public final class HeapFootprint {
    /** Events per incident. */
    static final int EVENTS = 100;
    private static final String[][] PEOPLE = {
        {"U024BE7LH", "Alice Liddell"}, {"U0G9QF9C6", "Bob Marley"}, {"U1B2C3D4E", "Carol Danvers"},
        {"U5F6G7H8I", "Dan Abramov"},
    };
    private static final String[] NOTES = {
        "Error rate at %d%%, still looking at the load balancer",
        "Rolled back deploy %d",
        "p99 latency back to %d ms on checkout",
        "Paging the database team, replica lag is %d s",
        "Customer reports from %d merchants so far",
    };

    private HeapFootprint() {}

    /**
     * Prints bytes per incident.
     *
     * @param args optionally the number of incidents (default 1,000)
     */
    public static void main(String[] args) {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        for (int i = 0; i < incidents; i++) {
            IncidentId id = store.nextId();
            for (int seq = 1; seq <= EVENTS; seq++) {
                store.append(id, seq - 1, List.of(event(id, seq)), List.of());
            }
        }
        GraphLayout layout = GraphLayout.parseInstance(store);
        long total = layout.totalSize();
        System.out.printf(Locale.ROOT, "%d incidents of %d events: %,d bytes, %,d bytes per incident (%.1f KB), %,d per event%n",
                incidents, EVENTS, total, total / incidents, total / incidents / 1024.0, total / incidents / EVENTS);
        if (args.length > 1) {
            System.out.println(layout.toFootprint());
        }
    }

    /** The event with this seq: mostly notes, with the milestones of a real incident in between. */
    static IncidentEvent event(IncidentId id, int seq) {
        var at = Fixtures.at(seq);
        PersonRef by = person(seq);
        switch (seq) {
            case 1:
                return new Declared(seq, at, by, id, "Checkout is failing for card payments", Severity.SEV2, false);
            case 2:
                return new RoleAssigned(seq, at, by, Role.IMOC, person(seq + 1));
            case 3:
                return new ChannelBound(seq, at, PersonRef.BOT, "C" + id.value().replace("-", ""),
                        "inc-" + id.value().toLowerCase(Locale.ROOT));
            case 4: case 5: case 7: case 9:
                return new ParticipantJoined(seq, at, PersonRef.BOT, person(seq + 1));
            case 10:
                return new StatusChanged(seq, at, by, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED);
            case 12:
                return new SeverityChanged(seq, at, by, Severity.SEV2, Severity.SEV1);
            case 20:
                return new UpdateDrafted(seq, at, by, IncidentStatus.IDENTIFIED,
                        "We have found the cause of failed card payments and are rolling back.");
            case 21:
                return new StatusUpdatePublished(seq, at, by, IncidentStatus.IDENTIFIED,
                        "We have found the cause of failed card payments and are rolling back.");
            case 60:
                return new StatusChanged(seq, at, by, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
            case 90:
                return new StatusChanged(seq, at, by, IncidentStatus.MONITORING, IncidentStatus.RESOLVED);
            default:
                return new NoteAdded(seq, at, by, String.format(Locale.ROOT, NOTES[seq % NOTES.length], seq * 7));
        }
    }

    /** A copy with an array of its own, as a JSON parser makes ({@code new String(String)} shares the array). */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    /** A reference as a chat request brings it: a new object of new strings every time. */
    private static PersonRef person(int seq) {
        String[] p = PEOPLE[seq % PEOPLE.length];
        return new PersonRef(fresh(p[0]), fresh(p[1]));
    }
}
