package dev.incidentkit.incident;

import static dev.incidentkit.incident.EventTypesTest.ALICE;
import static dev.incidentkit.incident.EventTypesTest.BOB;
import static dev.incidentkit.incident.EventTypesTest.ID;
import static dev.incidentkit.incident.EventTypesTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class IncidentTest {

    @Test
    void evolveRefusesAnEventThatDoesNotFollow() {
        assertThatThrownBy(() -> EventTypesTest.declared().evolve(new NoteAdded(5, T, ALICE, "gap")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event seq 5 does not follow version 2 of INC-42");
    }

    @Test
    void evolveRefusesAnythingButADeclarationFirst() {
        assertThatThrownBy(() -> Incident.undeclared(ID).evolve(new NoteAdded(1, T, ALICE, "early")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be declared");
    }

    @Test
    void evolveRefusesASecondDeclaration() {
        assertThatThrownBy(() -> EventTypesTest.declared()
                        .evolve(new Declared(3, T, ALICE, ID, "again", Severity.SEV2, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INC-42 is already declared");
    }

    @Test
    void stateFollowsTheEvents() {
        Incident i = EventTypesTest.declared()
                .evolve(new HandedOff(3, T.plusSeconds(60), ALICE, Role.IMOC, ALICE, BOB))
                .evolve(new SeverityChanged(4, T.plusSeconds(120), BOB, Severity.SEV1, Severity.SEV2))
                .evolve(new MilestoneRecorded(5, T.plusSeconds(130), BOB, Milestone.IMPACT_STARTED, T.minusSeconds(600)))
                .evolve(new StatusChanged(6, T.plusSeconds(3600), BOB, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED));
        assertThat(i.imoc()).contains(BOB);
        assertThat(i.severity()).isEqualTo(Severity.SEV2);
        assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(i.milestones()).containsEntry(Milestone.IMPACT_STARTED, T.minusSeconds(600));
        assertThat(i.resolvedAt()).contains(T.plusSeconds(3600));
        assertThat(i.duration(T.plusSeconds(99_999))).isEqualTo(Duration.ofHours(1));
        assertThat(i.participants()).containsExactly(ALICE, BOB);
        assertThat(i.rolesOf(BOB)).containsExactly(Role.IMOC);
        assertThat(i.isOpen()).isTrue();
    }

    @Test
    void closedAndCancelledAreNotOpen() {
        Incident resolved = EventTypesTest.declared()
                .evolve(new StatusChanged(3, T, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED));
        assertThat(resolved.evolve(new Closed(4, T, ALICE)).isOpen()).isFalse();
        assertThat(EventTypesTest.declared().evolve(new Cancelled(3, T, ALICE, "")).isOpen()).isFalse();
        assertThat(Incident.undeclared(ID).isOpen()).isFalse();
    }

    @Test
    void aMilestoneCannotBeRecordedBeforeItHappens() {
        assertThatThrownBy(() -> new MilestoneRecorded(3, T, ALICE, Milestone.MITIGATED, T.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after at");
    }
}
