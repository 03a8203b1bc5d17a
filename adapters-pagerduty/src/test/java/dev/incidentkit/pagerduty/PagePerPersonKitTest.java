package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.reminder.PageAckPolicy;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.RotationSource;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13, item 4, with a real kit: a second person paged for the same incident (the next IMOC when the
 * first does not acknowledge) is a second page at PagerDuty, in both modes, and resolving resolves both.
 * With one key per incident, PagerDuty folded the second page into the first and nobody new was paged,
 * while the timeline said {@code Paged}.
 */
final class PagePerPersonKitTest {
    /** People whose kit ids are their PagerDuty user ids, so REST pages assign them without a look-up. */
    static final PersonRef ALICE = new PersonRef("PALICE1", "Alice");
    static final PersonRef BOB = new PersonRef("PBOB0001", "Bob");

    /** Alice is on call; Bob takes over when she does not answer. */
    static final RotationSource ROTATION = new RotationSource() {
        @Override
        public Optional<Person> onCall(Instant at) {
            return Optional.of(person(ALICE));
        }

        @Override
        public Optional<Person> next(Instant at) {
            return Optional.of(person(BOB));
        }

        @Override
        public List<Person> members() {
            return List.of(person(ALICE), person(BOB));
        }
    };

    static Person person(PersonRef ref) {
        return new Person(ref.id(), ref.name(), ZoneOffset.UTC, Map.of());
    }

    @ParameterizedTest
    @EnumSource(PagerDutyPager.Mode.class)
    void anEscalationToTheNextImocPagesThemAsASecondPageAndResolvingResolvesBoth(PagerDutyPager.Mode mode) {
        TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
        try (FakePagerDuty pd = new FakePagerDuty()) {
            PagerDutyPager.Builder builder = mode == PagerDutyPager.Mode.REST_API
                    ? PagerDutyPager.restApi(pd.config())
                    : PagerDutyPager.eventsApi(pd.eventsOnlyConfigBuilder().build());
            try (PagerDutyPager pager = builder.clock(clock).retryPolicy(PagerDutyPagerTest.FAST).build();
                 IncidentKit kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore())
                         .chat(new RecordingChatGateway()).pager(pager).rotation(ROTATION)
                         .reminders(List.of(PageAckPolicy.builder().build()))
                         .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build()) {

                kit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
                IncidentId id = IncidentId.of(1);
                assertThat(pages(pd, mode)).containsExactly("incidentkit/INC-1/PALICE1 triggered");

                clock.advance(Duration.ofMinutes(11)); // Alice did not acknowledge: page the next IMOC
                kit.tick();
                Incident escalated = kit.incident(id).orElseThrow();
                assertThat(escalated.all(Paged.class)).extracting(Paged::target).containsExactly(ALICE, BOB);
                assertThat(pages(pd, mode)).as("Bob's page reached PagerDuty as a page of its own")
                        .containsExactly("incidentkit/INC-1/PALICE1 triggered", "incidentkit/INC-1/PBOB0001 triggered");

                String channel = escalated.channel().orElseThrow().channelId();
                kit.handle(new ChatRequest(ALICE, channel, "resolve"));
                assertThat(kit.incident(id).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
                assertThat(pages(pd, mode))
                        .containsExactly("incidentkit/INC-1/PALICE1 resolved", "incidentkit/INC-1/PBOB0001 resolved");
            }
            pd.checkAll();
        }
    }

    /** What PagerDuty holds: each REST incident or Events alert as its key and status. */
    static List<String> pages(FakePagerDuty pd, PagerDutyPager.Mode mode) {
        List<ObjectNode> pages = mode == PagerDutyPager.Mode.REST_API ? pd.incidents() : pd.alerts();
        String key = mode == PagerDutyPager.Mode.REST_API ? "incident_key" : "dedup_key";
        return pages.stream().map(p -> p.path(key).asText() + " " + p.path("status").asText()).toList();
    }
}
