package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the outside world knows that a decision needs, passed into {@link Decider#decide} as a value so
 * that every decision is made, and tested, in one pure place: who is on call (a new incident's IMOC), and
 * who should be offered the IMOC role when the IMOC asks for a hand-off. The kit fills it from the
 * rotation as last read; it never waits for a vendor to do so.
 *
 * @param onCall who is IMOC on call now; empty if there is no rotation or it gave nobody (the declarer
 *     is IMOC then)
 * @param handOffCandidates whom to offer the IMOC role on a {@code handoff} with nobody named, best first
 * @param alsoPaged whom a declaration brings in besides the IMOC (its incident type's people): they join,
 *     are invited and paged
 * @since 0.1
 */
public record Context(Optional<PersonRef> onCall, List<PersonRef> handOffCandidates, List<PersonRef> alsoPaged) {
    /** Nothing known: the declarer is IMOC, and a hand-off request offers the role to nobody yet. */
    public static final Context NONE = new Context(Optional.empty(), List.of());

    /** The most people a hand-off request offers the role to at once. */
    public static final int MAX_OFFERS = 3;

    /** Checks and copies. */
    public Context {
        requireNonNull(onCall, "onCall");
        handOffCandidates = List.copyOf(handOffCandidates);
        alsoPaged = List.copyOf(alsoPaged);
    }

    /**
     * What the rotation knows, with nobody else to bring in.
     *
     * @param onCall who is IMOC on call now
     * @param handOffCandidates whom to offer the IMOC role, best first
     */
    public Context(Optional<PersonRef> onCall, List<PersonRef> handOffCandidates) {
        this(onCall, handOffCandidates, List.of());
    }
}
