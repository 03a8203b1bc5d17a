package dev.incidentkit.reminder;

/**
 * What a fired {@link Reminder} asks for beyond a message to its {@link Audience}. The engine only
 * records reminders; whoever receives them (the façade's sink) acts on the escalation.
 *
 * @since 0.1
 */
public enum Escalation {
    /** Post the message to the audience (in the incident's channel), nothing more. */
    NONE,
    /** Also page the audience: it needs attention now. */
    PAGE,
    /**
     * Also page the next IMOC on call ({@link dev.incidentkit.spi.RotationSource#next}): the audience
     * ignored an earlier reminder or page.
     */
    PAGE_NEXT_IMOC,
    /**
     * Also reach out to hand-off candidates in order, offering the IMOC role to the next one
     * ({@code offer handoff @person}) until one accepts.
     */
    HAND_OFF,
    /**
     * Also ask the audience whether they are still on it, with a button to say so ({@code here}); see
     * {@link StillTherePolicy}.
     */
    ASK_IF_STILL_THERE,
    /**
     * Also page the next IMOC on call ({@link dev.incidentkit.spi.RotationSource#next}, or whoever is on call
     * now if that is not the current IMOC) and offer them the IMOC role, as a hand-off does
     * ({@code offer handoff @person}): the IMOC did not answer {@link #ASK_IF_STILL_THERE}.
     */
    PAGE_AND_OFFER_NEXT_IMOC
}
