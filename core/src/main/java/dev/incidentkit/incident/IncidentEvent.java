package dev.incidentkit.incident;

import java.time.Instant;

/**
 * Something that happened to an incident. Events are immutable records named in the past tense;
 * an incident's timeline is the list of its events ordered by {@link #seq()}, and
 * {@link Incident#replay} folds them back into the {@link Incident}.
 *
 * <p>Each event has a stable JSON form ({@link IncidentJson}) whose {@code type} name is given in its
 * Javadoc. New events may be added in minor releases; code that switches over events should keep a
 * default branch.
 *
 * @since 0.1
 */
public sealed interface IncidentEvent
        permits Declared,
        StatusChanged,
        SeverityChanged,
        RoleAssigned,
        HandedOff,
        HandOffRequested,
        NoteAdded,
        StatusUpdatePublished,
        ChannelBound,
        ParticipantJoined,
        MilestoneRecorded,
        LinkAdded,
        FollowUpAdded,
        ReminderFired,
        Closed,
        Cancelled,
        Paged,
        PageAcknowledged,
        DeliveryFailed,
        DeliveriesRetried,
        AccessRefused,
        HandOffOffered,
        ReminderSnoozed,
        RemindersMuted,
        ComponentsMarked,
        UpdateDrafted,
        FollowUpClosed,
        Classified,
        PresenceConfirmed {

    /**
     * Returns the position in the incident's timeline, from 1, without gaps.
     *
     * @return the sequence number
     */
    long seq();

    /**
     * Returns when the event was recorded.
     *
     * @return the instant
     */
    Instant at();

    /**
     * Returns who did it; {@link PersonRef#BOT} for incidentkit itself.
     *
     * @return the person
     */
    PersonRef by();
}
