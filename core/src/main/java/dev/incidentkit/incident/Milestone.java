package dev.incidentkit.incident;

import java.util.Locale;

/**
 * A moment in the impact window that the service-disruption report measures from.
 *
 * @since 0.1
 */
public enum Milestone {
    /** Customers started to be affected (often before anyone noticed). */
    IMPACT_STARTED,
    /** Someone or something noticed the problem. */
    DETECTED,
    /** Customers stopped being affected, even if the fix is temporary. */
    MITIGATED;

    /**
     * Returns the chat form, e.g. {@code impact started}.
     *
     * @return the chat form
     */
    public String chatName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
