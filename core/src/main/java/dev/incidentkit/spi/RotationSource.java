package dev.incidentkit.spi;

import dev.incidentkit.incident.Person;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is IMOC on call: a rotation kept in incidentkit ({@code dev.incidentkit.rotation.Rotation}) or one
 * kept elsewhere, such as a PagerDuty schedule.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. <b>Failures:</b> lookups throw
 * {@link PortException} when the source cannot be reached; "nobody" is an empty result.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.RotationSourceContract</a>
 * @since 0.1
 */
public interface RotationSource {

    /**
     * Returns who is on call at an instant.
     *
     * @param at the instant
     * @return the person, or empty if nobody is
     */
    Optional<Person> onCall(Instant at);

    /**
     * Returns who takes over when the shift running at {@code at} ends: the person to page when the one
     * on call does not answer.
     *
     * @param at the instant
     * @return the person, or empty if nobody is scheduled
     */
    Optional<Person> next(Instant at);

    /**
     * Returns everyone in the rotation, in rotation order: the pool of hand-off candidates.
     *
     * @return the people, possibly empty
     */
    List<Person> members();
}
