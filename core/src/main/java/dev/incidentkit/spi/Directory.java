package dev.incidentkit.spi;

import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import java.util.Optional;

/**
 * Who is who across tools: one person's chat id, email, pager id and time zone.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. <b>Failures:</b> lookups throw
 * {@link PortException} when the source cannot be reached; "no such person" is an empty result.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.DirectoryContract</a>
 * @since 0.1
 */
public interface Directory {

    /**
     * The absent Directory, a null object: no directory: nobody is known, so mentions stay as written. A kit built without one uses it.
     *
     * @return the null object
     */
    static Directory none() {
        return dev.incidentkit.internal.Absent.DIRECTORY;
    }


    /**
     * Finds the person a timeline reference (for example a chat mention) points at.
     *
     * @param ref the reference
     * @return the person, if known
     */
    Optional<Person> find(PersonRef ref);

    /**
     * Finds a person by email address.
     *
     * @param email the address, compared case-insensitively
     * @return the person, if known
     */
    Optional<Person> findByEmail(String email);
}
