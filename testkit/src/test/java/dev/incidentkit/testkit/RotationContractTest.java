package dev.incidentkit.testkit;

import dev.incidentkit.incident.Person;
import dev.incidentkit.rotation.Rotation;
import dev.incidentkit.rotation.ShiftLength;
import dev.incidentkit.spi.RotationSource;
import dev.incidentkit.testkit.contract.RotationSourceContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The rotation kept in incidentkit keeps the contract every rotation source keeps. */
final class RotationContractTest extends RotationSourceContract {
    private static final Person ALICE = Person.of("alice", "Alice", ZoneId.of("Europe/Berlin"));
    private static final Person BOB = Person.of("bob", "Bob", ZoneId.of("America/New_York"));
    private static final Person CAROL = Person.of("carol", "Carol", ZoneId.of("Asia/Tokyo"));

    @Override
    protected RotationSource rotationSource() {
        // weekly from Monday 2026-11-23 09:00 Berlin: Alice, Bob, Carol; Carol covers Bob's first Wednesday
        return Rotation.builder().name("imoc").members(ALICE, BOB, CAROL).shiftLength(ShiftLength.WEEKLY)
                .start(Instant.parse("2026-11-23T08:00:00Z")).zone(ZoneId.of("Europe/Berlin"))
                .override(CAROL, Instant.parse("2026-12-02T08:00:00Z"), Instant.parse("2026-12-03T08:00:00Z"))
                .build();
    }

    @Override
    protected Schedule schedule() {
        return new Schedule(Instant.parse("2026-11-24T14:00:00Z"), "alice", "bob", List.of("alice", "bob", "carol"));
    }

    @Override
    protected @Nullable VendorFaults faults() {
        return null;
    }

    @Override
    protected Set<String> secrets() {
        return Set.of();
    }
}
