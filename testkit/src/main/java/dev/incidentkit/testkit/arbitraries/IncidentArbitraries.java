package dev.incidentkit.testkit.arbitraries;

import dev.incidentkit.testkit.internal.DefaultIncidentArbitrary;

/**
 * Arbitraries of incidents, in the style of jqwik's {@code Dates}.
 *
 * @since 0.1
 */
public final class IncidentArbitraries {
    private IncidentArbitraries() {}

    /**
     * Any incident: every severity, drills among them, active, resolved, closed or cancelled. Narrow it
     * with {@link IncidentArbitrary#withSeverity}, {@link IncidentArbitrary#closed()},
     * {@link IncidentArbitrary#longerThan} and the rest.
     *
     * @return the arbitrary
     */
    public static IncidentArbitrary incidents() {
        return new DefaultIncidentArbitrary();
    }
}
