package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.HandOffOffered;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.testkit.arbitraries.IncidentArbitraries;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The incident arbitraries make what they promise, and realistic incidents at that. */
final class IncidentArbitrariesTest {

    @Property(tries = 200)
    void anyIncidentReplaysToItselfAndIsVaried(@ForAll Incident incident) {
        assertThat(Incident.replay(incident.id(), incident.timeline())).isEqualTo(incident);
        Statistics.label("status").collect(incident.status());
        Statistics.label("has pages").collect(!incident.all(Paged.class).isEmpty());
        Statistics.label("has hand-offs").collect(!incident.all(HandOffOffered.class).isEmpty() || !incident.all(HandedOff.class).isEmpty());
        Statistics.label("status").coverage(c -> {
            c.check(IncidentStatus.CLOSED).count(n -> n > 0);
            c.check(IncidentStatus.CANCELLED).count(n -> n > 0);
            c.check(IncidentStatus.RESOLVED).count(n -> n > 0);
        });
        Statistics.label("has pages").coverage(c -> c.check(true).percentage(p -> p > 8));
        Statistics.label("has hand-offs").coverage(c -> c.check(true).percentage(p -> p > 8));
    }

    @Provide
    Arbitrary<Incident> longSev2s() {
        return IncidentArbitraries.incidents().withSeverity(Severity.SEV2).active().longerThan(Duration.ofHours(5));
    }

    @Property(tries = 50)
    void narrowingKeepsItsPromises(@ForAll("longSev2s") Incident incident) {
        assertThat(incident.severity()).isEqualTo(Severity.SEV2);
        assertThat(incident.status().isActive()).isTrue();
        assertThat(Duration.between(incident.declaredAt(), incident.timeline().get(incident.timeline().size() - 1).at()))
                .isGreaterThan(Duration.ofHours(5));
    }

    @Provide
    Arbitrary<Incident> closed() {
        return IncidentArbitraries.incidents().closed();
    }

    @Provide
    Arbitrary<Incident> cancelledDrills() {
        return IncidentArbitraries.incidents().cancelled().drills(true);
    }

    @Property(tries = 50)
    void closedAndCancelled(@ForAll("closed") Incident closed, @ForAll("cancelledDrills") Incident cancelled) {
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(cancelled.status()).isEqualTo(IncidentStatus.CANCELLED);
        assertThat(cancelled.drill()).isTrue();
    }

    @Property(tries = 50)
    void peopleHaveZones(@ForAll Person person) {
        assertThat(person.zone()).isNotNull();
        assertThat(person.ref().id()).isEqualTo(person.id());
    }
}
