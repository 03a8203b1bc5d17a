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
    HAND_OFF
}
