package dev.incidentkit.testkit.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Person;
import dev.incidentkit.rotation.OnCallShift;
import dev.incidentkit.rotation.Rotation;
import dev.incidentkit.rotation.RotationOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of rotations, generated with {@code RotationArbitraries} through {@code @ForAll Rotation}. */
final class RotationPropertyTest {

    @Provide
    Arbitrary<Duration> offsets() {
        return Arbitraries.longs().between(-Duration.ofDays(60).getSeconds(), Duration.ofDays(60).getSeconds()).map(Duration::ofSeconds);
    }

    @Property(tries = 300)
    void exactlyOnePersonIsOnCallAtAnyInstant(@ForAll Rotation rotation, @ForAll("offsets") Duration offset) {
        Instant at = rotation.start().plus(offset);
        OnCallShift shift = rotation.shiftAt(at);
        assertThat(shift.from()).isBeforeOrEqualTo(at);
        assertThat(shift.until()).isAfter(at);
        // the one person is the same wherever we look inside the stretch
        assertThat(rotation.shiftAt(shift.from()).person()).isEqualTo(shift.person());
        assertThat(rotation.shiftAt(shift.until().minusNanos(1)).person()).isEqualTo(shift.person());
        assertThat(rotation.onCall(at)).contains(shift.person());
        // and it is a member or someone an override names
        assertThat(shift.person()).isIn(candidates(rotation));
    }

    @Property(tries = 300)
    void overridesWinInsideTheirWindowTheLastOneAddedFirst(@ForAll Rotation rotation, @ForAll("offsets") Duration offset) {
        Instant at = rotation.start().plus(offset);
        RotationOverride winner = null;
        for (RotationOverride o : rotation.overrides()) {
            if (o.covers(at)) {
                winner = o;
            }
        }
        Person expected = winner != null ? winner.person() : rotation.regularShiftAt(at).person();
        assertThat(rotation.shiftAt(at).person()).isEqualTo(expected);
    }

    @Property(tries = 200)
    void regularShiftsFollowEachOtherWithoutGapsInTurnOrder(@ForAll Rotation rotation, @ForAll("offsets") Duration offset) {
        OnCallShift shift = rotation.regularShiftAt(rotation.start().plus(offset));
        OnCallShift next = rotation.regularShiftAt(shift.until());
        assertThat(next.from()).isEqualTo(shift.until());
        List<Person> members = rotation.members();
        assertThat(members.indexOf(next.person())).isEqualTo((members.indexOf(shift.person()) + 1) % members.size());
        Duration length = Duration.between(shift.from(), shift.until());
        long days = rotation.shiftLength().days();
        assertThat(length).isBetween(Duration.ofDays(days).minusHours(3), Duration.ofDays(days).plusHours(3));
    }

    @Property(tries = 200)
    void nextIsWhoeverIsOnCallWhenTheCurrentStretchEnds(@ForAll Rotation rotation, @ForAll("offsets") Duration offset) {
        Instant at = rotation.start().plus(offset);
        OnCallShift next = rotation.nextShift(at);
        assertThat(next.from()).isAfter(at);
        assertThat(rotation.next(at)).contains(next.person());
        assertThat(rotation.shiftAt(next.from()).person()).isEqualTo(next.person());
    }

    private static List<Person> candidates(Rotation rotation) {
        List<Person> all = new java.util.ArrayList<>(rotation.members());
        rotation.overrides().forEach(o -> all.add(o.person()));
        return all;
    }
}
