package dev.incidentkit.incident;

/**
 * What an external link attached to an incident points at.
 *
 * @since 0.1
 */
public enum LinkKind {
    /** The public status page incident. */
    STATUS_PAGE,
    /** The page sent to the on-call person. */
    PAGE,
    /** An issue in the issue tracker (the service-disruption report or a follow-up). */
    ISSUE,
    /** Anything else worth keeping with the incident: a dashboard, a runbook, a pull request. */
    OTHER
}
