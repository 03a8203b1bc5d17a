package dev.incidentkit.testkit.arbitraries;

import dev.incidentkit.incident.Person;
import dev.incidentkit.rotation.Rotation;
import dev.incidentkit.rotation.RotationOverride;
import dev.incidentkit.rotation.ShiftLength;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Arbitraries of IMOC rotations: one to six members, daily or weekly shifts, a start in 2024–2030 in a
 * zone from around the world, and up to four overrides (by members or by outsiders) near the start.
 *
 * @since 0.1
 */
public final class RotationArbitraries {
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SPAN = Duration.ofDays(6 * 365).getSeconds();

    private RotationArbitraries() {}

    /**
     * Rotations, overrides among them.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Rotation> rotations() {
        Arbitrary<Instant> starts = Arbitraries.longs().between(0, SPAN).map(s -> FROM.plusSeconds(s / 60 * 60));
        return Combinators.combine(PersonArbitraries.teams(1, 6), Arbitraries.of(ShiftLength.class), starts,
                        PersonArbitraries.zones(), overrideSeeds())
                .as((members, length, start, zone, seeds) -> {
                    Rotation r = Rotation.builder().members(members).shiftLength(length).start(start).zone(zone).build();
                    for (long[] seed : seeds) {
                        Person who = seed[2] >= 0 && seed[2] < members.size()
                                ? members.get((int) seed[2]) : Person.of("stand-in-" + Math.abs(seed[2]), "Stand-in", zone);
                        Instant from = start.plusSeconds(seed[0]);
                        r = r.withOverride(new RotationOverride(who, from, from.plusSeconds(seed[1])));
                    }
                    return r;
                });
    }

    /** Offsets from the start (up to 4 weeks either side), lengths (1 minute to 10 days) and who. */
    private static Arbitrary<List<long[]>> overrideSeeds() {
        return Combinators.combine(
                        Arbitraries.longs().between(-Duration.ofDays(28).getSeconds(), Duration.ofDays(28).getSeconds()),
                        Arbitraries.longs().between(60, Duration.ofDays(10).getSeconds()),
                        Arbitraries.longs().between(-2, 5))
                .as((offset, length, who) -> new long[] {offset, length, who})
                .list().ofMaxSize(4);
    }
}
