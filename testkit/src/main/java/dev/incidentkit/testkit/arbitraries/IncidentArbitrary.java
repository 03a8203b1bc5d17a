package dev.incidentkit.testkit.arbitraries;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.Severity;
import java.time.Duration;
import net.jqwik.api.Arbitrary;

/**
 * Generates realistic incidents: valid timelines made by running scripts of chat commands (notes,
 * updates, status and severity changes, roles, hand-offs, pages and acknowledgements, follow-ups,
 * snoozes) through {@code Decider}, at realistic intervals. Each method returns a new, narrower
 * arbitrary; the default mixes every kind of ending.
 *
 * <pre>{@code
 * @Property
 * void sev1sGetStatusReminders(@ForAll("sev1s") Incident incident) { … }
 *
 * @Provide
 * Arbitrary<Incident> sev1s() {
 *     return IncidentArbitraries.incidents().withSeverity(Severity.SEV1).active().longerThan(Duration.ofHours(1));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface IncidentArbitrary extends Arbitrary<Incident> {

    /**
     * Only incidents of this severity at the end (the script never changes the severity).
     *
     * @param severity the severity
     * @return the narrower arbitrary
     */
    IncidentArbitrary withSeverity(Severity severity);

    /**
     * Only practice incidents, or only real ones.
     *
     * @param drill true for drills only, false for real incidents only
     * @return the narrower arbitrary
     */
    IncidentArbitrary drills(boolean drill);

    /**
     * Only incidents that are neither closed nor cancelled (active or resolved).
     *
     * @return the narrower arbitrary
     */
    IncidentArbitrary open();

    /**
     * Only active incidents: investigating, identified or monitoring.
     *
     * @return the narrower arbitrary
     */
    IncidentArbitrary active();

    /**
     * Only resolved (not yet closed) incidents.
     *
     * @return the narrower arbitrary
     */
    IncidentArbitrary resolved();

    /**
     * Only closed incidents.
     *
     * @return the narrower arbitrary
     */
    IncidentArbitrary closed();

    /**
     * Only cancelled incidents.
     *
     * @return the narrower arbitrary
     */
    IncidentArbitrary cancelled();

    /**
     * Only incidents whose timeline spans more than {@code duration} from declaration to its last event.
     *
     * @param duration the least span
     * @return the narrower arbitrary
     */
    IncidentArbitrary longerThan(Duration duration);

    /**
     * Limits the script length (40 commands by default).
     *
     * @param commands the most commands after the declaration, 0 or more
     * @return the narrower arbitrary
     */
    IncidentArbitrary ofMaxCommands(int commands);
}
