package dev.incidentkit.incident;

import static dev.incidentkit.incident.EventTypesTest.ALICE;
import static dev.incidentkit.incident.EventTypesTest.ID;
import static dev.incidentkit.incident.EventTypesTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

final class IncidentJsonTest {

    @Test
    void aNoteHasTheDocumentedShape() {
        String json = IncidentJson.write(new NoteAdded(4, T.plusSeconds(300), ALICE, "rolled back deploy 1234"));
        assertThat(json).isEqualTo("{\"type\":\"note_added\",\"seq\":4,\"at\":\"2026-11-24T14:05:00Z\","
                + "\"by\":{\"id\":\"alice\",\"name\":\"Alice\"},\"text\":\"rolled back deploy 1234\"}");
    }

    @Test
    void enumsAndIdsAreWrittenAsPeopleTypeThem() {
        String json = IncidentJson.write(new Declared(1, T, ALICE, ID, "Checkout is failing", Severity.SEV1, true));
        assertThat(json).contains("\"incident\":\"INC-42\"", "\"severity\":\"sev1\"", "\"drill\":true");
        assertThat(IncidentJson.write(new MilestoneRecorded(3, T, ALICE, Milestone.IMPACT_STARTED, T.minusSeconds(60))))
                .contains("\"milestone\":\"impact_started\"", "\"occurredAt\":\"2026-11-24T13:59:00Z\"");
    }

    @Test
    void unknownFieldsAreIgnoredOnRead() {
        IncidentEvent e = IncidentJson.read("{\"type\":\"note_added\",\"seq\":4,\"at\":\"2026-11-24T14:05:00Z\","
                + "\"by\":{\"id\":\"alice\",\"name\":\"Alice\",\"email\":\"a@example.com\"},"
                + "\"text\":\"hi\",\"addedInSchema\":7}");
        assertThat(e).isEqualTo(new NoteAdded(4, T.plusSeconds(300), ALICE, "hi"));
    }

    @Test
    void anUnknownTypeIsAClearError() {
        assertThatThrownBy(() -> IncidentJson.read("{\"type\":\"teleported\",\"seq\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an incidentkit event")
                .hasMessageContaining("teleported");
    }

    @Test
    void anInvalidEventIsAClearError() {
        assertThatThrownBy(() -> IncidentJson.read("{\"type\":\"note_added\",\"seq\":0,\"at\":\"2026-11-24T14:05:00Z\","
                + "\"by\":{\"id\":\"alice\",\"name\":\"Alice\"},\"text\":\"hi\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq starts at 1");
    }

    @Test
    void theExportCarriesTheSchemaAndReplaysToTheSameIncident() {
        Incident incident = EventTypesTest.declared()
                .evolve(new NoteAdded(3, T, ALICE, "first note"))
                .evolve(new StatusChanged(4, T, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED));
        String export = IncidentJson.export(incident);
        assertThat(export).contains("\"schema\" : 1", "\"incident\" : \"INC-42\"");
        IncidentJson.TimelineExport read = IncidentJson.readExport(export);
        assertThat(read.schema()).isEqualTo(1);
        assertThat(read.replay()).isEqualTo(incident);
    }

    @Test
    void anExportFromALaterSchemaIsRefusedWithAnAction() {
        assertThatThrownBy(() -> IncidentJson.readExport("{\"schema\":2,\"incident\":\"INC-1\",\"events\":[]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upgrade incidentkit");
    }

    @Test
    void theModuleWorksOnAMapperThatFindsModules() throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        IncidentEvent e = new NoteAdded(4, T, ALICE, "hi");
        String json = mapper.writeValueAsString(List.of(e).get(0));
        assertThat(json).contains("\"type\":\"note_added\"");
        assertThat(mapper.readValue(json, IncidentEvent.class)).isEqualTo(e);
    }
}
