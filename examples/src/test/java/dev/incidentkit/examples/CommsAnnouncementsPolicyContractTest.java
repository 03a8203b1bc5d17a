package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.reminder.Audience;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.arbitraries.IncidentArbitraries;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a user writes for their own policy: implement the contract and name the policy; add properties of
 * its own beside them.
 */
final class CommsAnnouncementsPolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return new CommsAnnouncementsPolicy();
    }

    @Provide
    Arbitrary<Incident> sev1s() {
        return IncidentArbitraries.incidents().withSeverity(Severity.SEV1).active();
    }

    @Provide
    Arbitrary<Incident> others() {
        return Arbitraries.oneOf(java.util.List.of(
                IncidentArbitraries.incidents().withSeverity(Severity.SEV2),
                IncidentArbitraries.incidents().withSeverity(Severity.SEV4),
                IncidentArbitraries.incidents().withSeverity(Severity.SEV1).resolved()));
    }

    @Property(tries = 100)
    void activeSev1sRemindTheCommsLeadOnTheHour(@ForAll("sev1s") Incident incident, @ForAll("laterBy") Duration later) {
        Instant now = incident.timeline().get(incident.timeline().size() - 1).at().plus(later);
        assertThat(policy().evaluate(incident, now)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.audience()).isEqualTo(Audience.role(Role.COMMUNICATIONS_LEAD));
            assertThat(Duration.between(incident.declaredAt(), r.dueAt()).toSeconds() % 3600).isZero();
        });
        assertThat(policy().evaluate(incident, now).stream().filter(r -> r.dueAt().isAfter(now)).map(Reminder::dueAt))
                .singleElement().satisfies(next -> assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofHours(1)));
    }

    @Property(tries = 50)
    void otherIncidentsGetNone(@ForAll("others") Incident incident, @ForAll("laterBy") Duration later) {
        assertThat(policy().evaluate(incident, incident.declaredAt().plus(later))).isEmpty();
    }
}
