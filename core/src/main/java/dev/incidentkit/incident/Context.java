package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
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
 * @param channel the chat channel the command was typed in, which {@code declare here} binds; empty when
 *     the command came from elsewhere (a webhook, a test)
 * @since 0.1
 */
public record Context(Optional<PersonRef> onCall, List<PersonRef> handOffCandidates, List<PersonRef> alsoPaged,
                      Optional<Channel> channel) {
    /** Nothing known: the declarer is IMOC, and a hand-off request offers the role to nobody yet. */
    public static final Context NONE = new Context(Optional.empty(), List.of());

    /** The most people a hand-off request offers the role to at once. */
    public static final int MAX_OFFERS = 3;

    /** Checks and copies. */
    public Context {
        requireNonNull(onCall, "onCall");
        handOffCandidates = List.copyOf(handOffCandidates);
        alsoPaged = List.copyOf(alsoPaged);
        requireNonNull(channel, "channel");
    }

    /**
     * What the rotation knows and whom a declaration also brings in, without the channel the command was
     * typed in.
     *
     * @param onCall who is IMOC on call now
     * @param handOffCandidates whom to offer the IMOC role, best first
     * @param alsoPaged whom a declaration brings in besides the IMOC
     */
    public Context(Optional<PersonRef> onCall, List<PersonRef> handOffCandidates, List<PersonRef> alsoPaged) {
        this(onCall, handOffCandidates, alsoPaged, Optional.empty());
    }

    /**
     * What the rotation knows, with nobody else to bring in and without the channel the command was typed in.
     *
     * @param onCall who is IMOC on call now
     * @param handOffCandidates whom to offer the IMOC role, best first
     */
    public Context(Optional<PersonRef> onCall, List<PersonRef> handOffCandidates) {
        this(onCall, handOffCandidates, List.of(), Optional.empty());
    }

    /**
     * Returns this context with the channel the command was typed in.
     *
     * @param channel the channel
     * @return the new context
     */
    public Context in(Channel channel) {
        return new Context(onCall, handOffCandidates, alsoPaged, Optional.of(channel));
    }

    /**
     * A chat channel.
     *
     * @param id the chat platform's id
     * @param name its name without {@code #}; the id when the platform gave no name
     */
    public record Channel(String id, String name) {
        /** Checks the fields. */
        public Channel {
            id = Checks.text(id, "channel id");
            name = Checks.text(name, "channel name");
        }
    }
}
