package dev.incidentkit.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RotationTest {
    private static final Instant MONDAY_9_BERLIN = Instant.parse("2026-11-23T08:00:00Z");
    private static final Person ALICE = Person.of("alice", "Alice", ZoneId.of("Europe/Berlin"));
    private static final Person BOB = Person.of("bob", "Bob", ZoneId.of("America/New_York"));
    private static final Person CAROL = Person.of("carol", "Carol", ZoneId.of("Asia/Tokyo"));
    private static final Person DAVE = Person.of("dave", "Dave", ZoneId.of("Europe/Berlin"));

    private static Rotation weekly() {
        return Rotation.builder().members(ALICE, BOB, CAROL).shiftLength(ShiftLength.WEEKLY)
                .start(MONDAY_9_BERLIN).zone(ZoneId.of("Europe/Berlin")).build();
    }

    @Test
    void membersTakeWeeklyTurnsInLocalTime() {
        Rotation r = weekly();
        assertThat(r.onCall(MONDAY_9_BERLIN)).contains(ALICE);
        assertThat(r.onCall(MONDAY_9_BERLIN.plus(Duration.ofDays(7)).minusSeconds(1))).contains(ALICE);
        assertThat(r.onCall(MONDAY_9_BERLIN.plus(Duration.ofDays(7)))).contains(BOB);
        assertThat(r.onCall(MONDAY_9_BERLIN.plus(Duration.ofDays(21)))).contains(ALICE);
        assertThat(r.onCall(MONDAY_9_BERLIN.minusSeconds(1))).contains(CAROL);
        assertThat(r.next(MONDAY_9_BERLIN)).contains(BOB);
        // across the end of summer time the hand-over stays at 09:00 Berlin
        Rotation daily = Rotation.builder().members(ALICE, BOB).start(Instant.parse("2026-10-24T07:00:00Z"))
                .zone(ZoneId.of("Europe/Berlin")).build();
        OnCallShift saturday = daily.shiftAt(Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(saturday.person()).isEqualTo(ALICE);
        assertThat(saturday.until()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(Duration.between(saturday.from(), saturday.until())).isEqualTo(Duration.ofHours(25));
        assertThat(daily.onCall(Instant.parse("2026-10-25T12:00:00Z"))).contains(BOB);
    }

    @Test
    void overridesWinInsideTheirWindowAndTheLastAddedWins() {
        Instant from = MONDAY_9_BERLIN.plus(Duration.ofDays(2));
        Rotation r = weekly().withOverride(new RotationOverride(DAVE, from, from.plus(Duration.ofDays(1))))
                .withOverride(new RotationOverride(CAROL, from.plus(Duration.ofHours(2)), from.plus(Duration.ofHours(3))));
        assertThat(r.onCall(from.minusSeconds(1))).contains(ALICE);
        assertThat(r.shiftAt(from)).isEqualTo(new OnCallShift(DAVE, from, from.plus(Duration.ofHours(2))));
        assertThat(r.onCall(from.plus(Duration.ofMinutes(150)))).contains(CAROL);
        assertThat(r.onCall(from.plus(Duration.ofHours(5)))).contains(DAVE);
        assertThat(r.onCall(from.plus(Duration.ofDays(1)))).contains(ALICE);
        assertThat(r.next(from.minus(Duration.ofHours(1)))).contains(DAVE);
    }

    @Test
    void aRotationNeedsMembersAndAStart() {
        assertThatThrownBy(() -> Rotation.builder().start(MONDAY_9_BERLIN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one member");
        assertThatThrownBy(() -> Rotation.builder().members(ALICE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("start(Instant)");
        assertThatThrownBy(() -> Rotation.builder().members(ALICE, ALICE).start(MONDAY_9_BERLIN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    private static Incident incident(long number, Instant start, String... script) {
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Decider decider = new Decider(clock);
        CommandParser parser = CommandParser.create(clock, ZoneOffset.UTC);
        Incident incident = Incident.undeclared(IncidentId.of(number));
        for (String line : script) {
            if (line.startsWith("+")) {
                now[0] = now[0].plus(Duration.parse("PT" + line.substring(1)));
                continue;
            }
            String[] byText = line.split(": ", 2);
            for (IncidentEvent e : decider.decide(incident, ((ParseResult.Parsed) parser.parse(byText[1])).command(),
                    PersonRef.of(byText[0])).events()) {
                incident = incident.evolve(e);
            }
        }
        return incident;
    }

    @Test
    void candidatesLeaveOutTheImocAndTheTiredAndPreferWorkingHours() {
        // 15:00 UTC on a Monday: 16:00 in Berlin, 10:00 in New York, midnight in Tokyo
        Instant now = Instant.parse("2026-11-23T15:00:00Z");
        Incident earlier = incident(6, now.minus(Duration.ofHours(12)), "dave: declare sev2 Earlier", "+10H", "dave: resolve");
        Incident current = incident(7, now.minus(Duration.ofHours(2)), "alice: declare sev1 Now");
        List<Person> pool = List.of(CAROL, ALICE, DAVE, BOB);
        HandOffCandidates chooser = HandOffCandidates.builder().build();
        assertThat(chooser.rank(pool, current, List.of(earlier), now)).containsExactly(BOB, CAROL);
        HandOffCandidates lenient = HandOffCandidates.builder().maxImocTimeIn24h(Duration.ofHours(11)).build();
        assertThat(lenient.rank(pool, current, List.of(earlier), now)).containsExactly(BOB, DAVE, CAROL);
        Incident offered = incident(7, now.minus(Duration.ofHours(2)), "alice: declare sev1 Now", "alice: offer handoff @bob");
        assertThat(chooser.rank(pool, offered, List.of(earlier), now)).containsExactly(CAROL);
        assertThat(chooser.isWorkingHours(CAROL, now)).isFalse();
        assertThat(chooser.isWorkingHours(ALICE, now)).isTrue();
    }

    @Test
    void theHandOffSummaryTellsTheNewImocWhereThingsStand() {
        Instant t = Instant.parse("2026-11-23T15:00:00Z");
        Incident i = incident(7, t, "alice: declare sev1 Checkout is failing", "+20M", "alice: update identified: Bad deploy",
                "alice: assign comms @bob", "+5M", "bob: note rolling back", "alice: followup Add a canary",
                "alice: handoff @carol");
        String text = HandOffSummary.text(i, t.plus(Duration.ofMinutes(40)));
        assertThat(text).contains("Hand-off summary for INC-7", "Checkout is failing", "sev1, identified, declared 40m ago",
                "IMOC carol", "communications lead bob", "scribe (nobody)",
                "Last public update* (20m ago, identified): Bad deploy", "Last note* (15m ago, bob): rolling back",
                "1. Add a canary");
    }
}
