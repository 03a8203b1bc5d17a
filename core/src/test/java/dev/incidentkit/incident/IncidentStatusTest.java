package dev.incidentkit.incident;

import static dev.incidentkit.incident.IncidentStatus.CANCELLED;
import static dev.incidentkit.incident.IncidentStatus.CLOSED;
import static dev.incidentkit.incident.IncidentStatus.IDENTIFIED;
import static dev.incidentkit.incident.IncidentStatus.INVESTIGATING;
import static dev.incidentkit.incident.IncidentStatus.MONITORING;
import static dev.incidentkit.incident.IncidentStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class IncidentStatusTest {

    @Test
    void transitionTable() {
        assertThat(INVESTIGATING.next()).containsExactlyInAnyOrder(IDENTIFIED, MONITORING, RESOLVED, CANCELLED);
        assertThat(IDENTIFIED.next()).containsExactlyInAnyOrder(INVESTIGATING, MONITORING, RESOLVED, CANCELLED);
        assertThat(MONITORING.next()).containsExactlyInAnyOrder(INVESTIGATING, IDENTIFIED, RESOLVED, CANCELLED);
        assertThat(RESOLVED.next()).containsExactlyInAnyOrder(INVESTIGATING, CLOSED);
        assertThat(CLOSED.next()).isEmpty();
        assertThat(CANCELLED.next()).isEmpty();
    }

    @Test
    void noStatusMovesToItself() {
        for (IncidentStatus s : IncidentStatus.values()) {
            assertThat(s.canMoveTo(s)).as(s.name()).isFalse();
        }
    }

    @Test
    void aRefusalNamesTheLegalMoves() {
        assertThat(RESOLVED.explainRefusal(IDENTIFIED))
                .isEqualTo("an incident cannot go from resolved to identified; from resolved it can go to investigating, closed");
        assertThat(CLOSED.explainRefusal(INVESTIGATING)).contains("closed, which is final");
    }

    @Test
    void parsesNamesAndUniquePrefixes() {
        assertThat(IncidentStatus.parse("Identified")).contains(IDENTIFIED);
        assertThat(IncidentStatus.parse(" mon ")).contains(MONITORING);
        assertThat(IncidentStatus.parse("inv")).contains(INVESTIGATING);
        assertThat(IncidentStatus.parse("c")).isEmpty();
        assertThat(IncidentStatus.parse("ca")).isEmpty();
        assertThat(IncidentStatus.parse("can")).contains(CANCELLED);
        assertThat(IncidentStatus.parse("fixed")).isEmpty();
    }

    @Test
    void severityParsesWhatTiredPeopleType() {
        for (String s : new String[] {"sev1", "SEV 1", "Sev-1", "s1", "p1", "1", " sev1 "}) {
            assertThat(Severity.parse(s)).as(s).contains(Severity.SEV1);
        }
        assertThat(Severity.parse("sev5")).isEmpty();
        assertThat(Severity.parse("sev")).isEmpty();
        assertThat(Severity.SEV1.isMoreSevereThan(Severity.SEV2)).isTrue();
        assertThat(Severity.SEV1.meaning()).startsWith("critical");
    }

    @Test
    void incidentIdsAreShortAndForgiving() {
        assertThat(IncidentId.parse("inc-42")).contains(IncidentId.of(42));
        assertThat(IncidentId.parse("#INC-42")).contains(IncidentId.of(42));
        assertThat(IncidentId.parse("INC42")).isEmpty();
        assertThat(IncidentId.parse("INC-0")).isEmpty();
        assertThat(IncidentId.of(42).toString()).isEqualTo("INC-42");
        assertThat(IncidentId.of(9).compareTo(IncidentId.of(10))).isNegative();
    }
}
