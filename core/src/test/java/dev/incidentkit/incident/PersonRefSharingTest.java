package dev.incidentkit.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/**
 * Events keep one shared instance per person, so a long timeline does not hold a copy of its author per
 * event: two events read from JSON apart (fresh strings, fresh references) hold the very same
 * {@link PersonRef} in every field of that type.
 */
final class PersonRefSharingTest {
    @Test
    void eventsReadApartHoldTheSamePeople() throws ReflectiveOperationException {
        for (IncidentEvent sample : EventTypesTest.samples().values()) {
            String json = IncidentJson.write(sample);
            IncidentEvent first = IncidentJson.read(json);
            IncidentEvent second = IncidentJson.read(json);
            for (RecordComponent c : sample.getClass().getRecordComponents()) {
                if (c.getType() == PersonRef.class) {
                    Object a = c.getAccessor().invoke(first);
                    Object b = c.getAccessor().invoke(second);
                    assertThat(a).as("%s.%s", sample.getClass().getSimpleName(), c.getName()).isSameAs(b);
                }
            }
        }
    }

    @Test
    void aSharedPersonIsTheOneEqualToIt() {
        PersonRef fresh = new PersonRef(new String("U024BE7LH".toCharArray()), new String("Bob".toCharArray()));
        NoteAdded note = new NoteAdded(4, EventTypesTest.T, fresh, "rolled back");
        NoteAdded other = new NoteAdded(5, EventTypesTest.T, new PersonRef("U024BE7LH", "Bob"), "again");

        assertThat(note.by()).isEqualTo(fresh).isSameAs(other.by());
        assertThat(note.by().name()).isSameAs(other.by().name());
    }
}
