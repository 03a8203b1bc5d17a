package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.testkit.TestClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class PagerDutyRotationSourceTest {
    final FakePagerDuty pd = new FakePagerDuty();
    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");

    @AfterEach
    void stop() {
        pd.close();
    }

    PagerDutyRotationSource source(PagerDutyConfig config) {
        return PagerDutyRotationSource.builder(config).clock(clock).retryPolicy(PagerDutyPagerTest.FAST).build();
    }

    @Test
    void onCallIsTheLowestLevelCoveringTheInstantAcrossPages() {
        pd.serveOncalls(pd.week(), 1);
        try (PagerDutyRotationSource rotation = source(pd.configBuilder().scheduleId(FakePagerDuty.SCHEDULE).build())) {
            Person alice = rotation.onCall(Instant.parse("2026-11-24T14:00:00Z")).orElseThrow();
            assertThat(alice.id()).isEqualTo("PALICE1");
            assertThat(alice.displayName()).isEqualTo("Alice");
            assertThat(alice.handles()).containsEntry("pagerduty", "PALICE1").containsEntry("email", "alice@example.com");
            assertThat(alice.zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        }
        List<RecordedRequest> calls = pd.server.requests("GET", "/oncalls");
        assertThat(calls).hasSize(2); // Bob and Alice overlap the minute asked about, one per page
        assertThat(calls).extracting(r -> r.query().get("offset")).containsExactly("0", "1");
        assertThat(calls.get(0).query()).containsEntry("schedule_ids[]", FakePagerDuty.SCHEDULE)
                .containsEntry("include[]", "users").containsEntry("limit", "100")
                .containsEntry("since", "2026-11-24T14:00:00Z").containsEntry("until", "2026-11-24T14:01:00Z");
        pd.checkAll();
    }

    @Test
    void nextIsWhoeverIsOnCallWhenTheCurrentShiftEnds() {
        pd.serveOncalls(pd.week(), 100);
        try (PagerDutyRotationSource rotation = source(pd.configBuilder().escalationPolicyId(FakePagerDuty.POLICY).build())) {
            assertThat(rotation.next(Instant.parse("2026-11-24T14:00:00Z"))).map(Person::id).contains("PCAROL1");
            assertThat(rotation.onCall(Instant.parse("2026-11-23T14:00:00Z"))).isEmpty();
        }
        assertThat(pd.server.requests("GET", "/oncalls").get(0).query()).containsEntry("escalation_policy_ids[]", FakePagerDuty.POLICY);
        pd.checkAll();
    }

    @Test
    void aPermanentOnCallHasNoNext() {
        pd.serveOncalls(List.of(pd.oncall("PALICE1", "Alice", 1, null, null)), 100);
        try (PagerDutyRotationSource rotation = source(pd.configBuilder().scheduleId(FakePagerDuty.SCHEDULE).build())) {
            assertThat(rotation.onCall(Instant.parse("2026-11-24T14:00:00Z"))).map(Person::id).contains("PALICE1");
            assertThat(rotation.next(Instant.parse("2026-11-24T14:00:00Z"))).isEmpty();
        }
    }

    @Test
    void membersAreEveryoneOnCallOverTheHorizonInOrderMappedToTheKitsPeople() {
        pd.serveOncalls(pd.week(), 2);
        Directory chat = new Directory() {
            @Override
            public Optional<Person> find(PersonRef ref) {
                return Optional.empty();
            }

            @Override
            public Optional<Person> findByEmail(String email) {
                return email.equals("carol@example.com")
                        ? Optional.of(new Person("U0CAROL", "Carol C", ZoneOffset.UTC, Map.of("slack", "U0CAROL")))
                        : Optional.empty();
            }
        };
        try (PagerDutyRotationSource rotation = PagerDutyRotationSource.builder(pd.configBuilder().scheduleId(FakePagerDuty.SCHEDULE).build())
                .clock(clock).people(chat).build()) {
            List<Person> members = rotation.members();
            assertThat(members).extracting(Person::id).containsExactly("PBOB001", "PALICE1", "U0CAROL", "PDAVE01");
            assertThat(members.get(2).handles()).containsEntry("slack", "U0CAROL").containsEntry("pagerduty", "PCAROL1");
        }
        assertThat(pd.server.requests("GET", "/oncalls")).hasSize(3);
        pd.checkAll();
    }
}
