package dev.incidentkit.incident;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an incident stands, with the table of legal transitions.
 *
 * <pre>
 * investigating ⇄ identified ⇄ monitoring      (any order among the three)
 * investigating | identified | monitoring → resolved | cancelled
 * resolved → investigating (reopen) | closed
 * closed, cancelled: final
 * </pre>
 *
 * @since 0.1
 */
public enum IncidentStatus {
    /** The problem is known but not its cause. */
    INVESTIGATING,
    /** The cause is known and a fix is being worked on. */
    IDENTIFIED,
    /** A fix is in place and the team is watching that it holds. */
    MONITORING,
    /** Customers are no longer affected; the service-disruption report is due. */
    RESOLVED,
    /** The service-disruption report is done. Final. */
    CLOSED,
    /** A false alarm. Final. */
    CANCELLED;

    /**
     * Returns the statuses this one may move to.
     *
     * @return the legal next statuses, empty for a final status
     */
    public Set<IncidentStatus> next() {
        switch (this) {
            case INVESTIGATING:
                return EnumSet.of(IDENTIFIED, MONITORING, RESOLVED, CANCELLED);
            case IDENTIFIED:
                return EnumSet.of(INVESTIGATING, MONITORING, RESOLVED, CANCELLED);
            case MONITORING:
                return EnumSet.of(INVESTIGATING, IDENTIFIED, RESOLVED, CANCELLED);
            case RESOLVED:
                return EnumSet.of(INVESTIGATING, CLOSED);
            default:
                return EnumSet.noneOf(IncidentStatus.class);
        }
    }

    /**
     * Returns whether moving to {@code target} is legal.
     *
     * @param target the status to move to
     * @return true if legal
     */
    public boolean canMoveTo(IncidentStatus target) {
        return next().contains(target);
    }

    /**
     * Returns whether nothing can change any more (closed or cancelled).
     *
     * @return true if final
     */
    public boolean isFinal() {
        return this == CLOSED || this == CANCELLED;
    }

    /**
     * Returns whether customers may still be affected (investigating, identified or monitoring).
     *
     * @return true if active
     */
    public boolean isActive() {
        return this == INVESTIGATING || this == IDENTIFIED || this == MONITORING;
    }

    /**
     * Returns the chat form, e.g. {@code identified}.
     *
     * @return the chat form
     */
    public String chatName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Explains why moving to {@code target} is not legal and names the legal moves.
     *
     * @param target the refused target
     * @return a sentence for a person
     */
    public String explainRefusal(IncidentStatus target) {
        if (isFinal()) {
            return "the incident is " + chatName() + ", which is final: its status cannot change";
        }
        return "an incident cannot go from " + chatName() + " to " + target.chatName()
                + "; from " + chatName() + " it can go to "
                + next().stream().map(IncidentStatus::chatName).collect(Collectors.joining(", "));
    }

    /**
     * Reads a status name, case-insensitive; a unique prefix of at least three letters is enough
     * ({@code ident}, {@code mon}).
     *
     * @param text the text
     * @return the status, or empty if the text names none
     */
    public static Optional<IncidentStatus> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() < 3) {
            return Optional.empty();
        }
        IncidentStatus found = null;
        for (IncidentStatus s : values()) {
            if (s.chatName().equals(t)) {
                return Optional.of(s);
            }
            if (s.chatName().startsWith(t)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }
}
