package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A person who can take part in incidents, with their ids in other tools.
 *
 * @param id the stable id incidentkit knows them by (the same as {@link PersonRef#id()})
 * @param displayName the name shown to people
 * @param zone their time zone, for follow-the-sun hand-offs and for showing times
 * @param handles their ids in other tools, keyed by tool, e.g. {@code "slack" -> "U024BE7LH"},
 *     {@code "email" -> "alice@example.com"}
 * @since 0.1
 */
public record Person(String id, String displayName, ZoneId zone, Map<String, String> handles) {

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException if the id or name is not valid for a {@link PersonRef}
     */
    public Person {
        requireNonNull(zone, "zone");
        handles = Map.copyOf(requireNonNull(handles, "handles"));
        new PersonRef(id, displayName); // same rules
    }

    /**
     * A person with no handles in other tools.
     *
     * @param id the stable id
     * @param displayName the name shown to people
     * @param zone their time zone
     * @return the person
     */
    public static Person of(String id, String displayName, ZoneId zone) {
        return new Person(id, displayName, zone, Map.of());
    }

    /**
     * Returns how the timeline refers to this person.
     *
     * @return the reference
     */
    public PersonRef ref() {
        return new PersonRef(id, displayName);
    }

    /**
     * Returns this person's id in a tool.
     *
     * @param tool the tool's key, e.g. {@code "slack"}
     * @return the id there, if known
     */
    public Optional<String> handle(String tool) {
        return Optional.ofNullable(handles.get(tool));
    }
}
