package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;

/**
 * A person as the timeline records them: a stable id (for example a chat user id) and the name shown to
 * people at that moment. Events carry a {@code PersonRef}, so the timeline reads well on its own.
 *
 * <p>An event keeps the one shared instance equal to the reference it was given, so a timeline of
 * thousands of events by four people holds four {@code PersonRef}s, not thousands of copies of them
 * (compare references with {@code equals}, never {@code ==}).
 *
 * @param id a stable id without spaces, e.g. {@code U024BE7LH} or {@code alice}
 * @param name the display name, e.g. {@code Alice Liddell}
 * @since 0.1
 */
public record PersonRef(String id, String name) {

    /** incidentkit itself, the author of reminders and other automatic events. */
    public static final PersonRef BOT = new PersonRef("incidentkit", "incidentkit");

    /**
     * The instances events share. Weak, so a person no event holds any more is forgotten, and thread-safe;
     * a cache without behaviour of its own, which is why this static state is acceptable.
     */
    private static final Interner<PersonRef> SHARED = Interners.newWeakInterner();

    /**
     * Checks the id and the name.
     *
     * @throws IllegalArgumentException if the id is blank or holds whitespace, or the name is blank
     */
    public PersonRef {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        if (id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a person id is non-blank and has no spaces; got '" + id + "'");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("a person's name is not blank (id " + id + ")");
        }
    }

    /**
     * A reference whose name is its id, as a chat mention like {@code @alice} gives.
     *
     * @param handle the handle without {@code @}
     * @return the reference
     */
    public static PersonRef of(String handle) {
        return new PersonRef(handle, handle);
    }

    /**
     * Returns the shared instance equal to {@code ref}: events call this on every reference they keep.
     *
     * @param ref a reference, not null
     * @return the instance equal to it that every event holds
     */
    static PersonRef shared(PersonRef ref) {
        return SHARED.intern(ref);
    }
}
