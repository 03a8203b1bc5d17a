package dev.incidentkit.testkit.contract;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentkit.incident.Person;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.RotationSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link RotationSource} keeps: it answers who is on call, who is next and who is in
 * the rotation as the schedule says; an answer depends only on the instant asked about, not on what was
 * asked before; "nobody" is an empty answer; a source that cannot answer is a typed
 * {@link PortException}, never "nobody"; and no secret shows in an exception or {@code toString}.
 *
 * <pre>{@code
 * final class PagerDutyRotationSourceContractTest extends RotationSourceContract {
 *     private final FakePagerDuty pd = new FakePagerDuty();
 *     private final PagerDutyRotationSource source = ...; // over a week of on-calls served by pd
 *
 *     protected RotationSource rotationSource() { return source; }
 *     protected Schedule schedule() {
 *         return new Schedule(Instant.parse("2026-11-24T14:00:00Z"), "PALICE1", "PCAROL1",
 *                 List.of("PBOB001", "PALICE1", "PCAROL1", "PDAVE01")).withNobodyOnCallAt(Instant.parse("2026-11-23T14:00:00Z"));
 *     }
 *     protected VendorFaults faults() { return pd.faults(); }
 *     protected Set<String> secrets() { return Set.of(FakePagerDuty.TOKEN); }
 *     protected void close() { source.close(); pd.close(); }
 * }
 * }</pre>
 *
 * <p>A rotation kept in memory (such as {@code dev.incidentkit.rotation.Rotation}) reaches no vendor:
 * return {@code null} from {@link #faults()} and the failure cases are skipped.
 *
 * @since 0.1
 */
public abstract class RotationSourceContract {

    /**
     * What the schedule behind the source says, for the contract to check the source's answers against.
     *
     * @param at an instant during a shift
     * @param onCall the id of who is on call at {@code at}
     * @param next the id of who takes over when that shift ends
     * @param members the ids of everyone in the rotation, in rotation order, as {@link RotationSource#members()}
     *     answers
     * @param nobodyOnCallAt an instant when nobody is on call, or null if there is none
     */
    public record Schedule(Instant at, String onCall, String next, List<String> members, @Nullable Instant nobodyOnCallAt) {
        /** Checks and copies. */
        public Schedule {
            requireNonNull(at, "at");
            requireNonNull(onCall, "onCall");
            requireNonNull(next, "next");
            members = List.copyOf(members);
        }

        /**
         * A schedule with somebody on call at every instant.
         *
         * @param at an instant during a shift
         * @param onCall who is on call at {@code at}
         * @param next who takes over when that shift ends
         * @param members everyone, in rotation order
         */
        public Schedule(Instant at, String onCall, String next, List<String> members) {
            this(at, onCall, next, members, null);
        }

        /**
         * Returns a copy that names an instant when nobody is on call.
         *
         * @param nobody the instant
         * @return the copy
         */
        public Schedule withNobodyOnCallAt(Instant nobody) {
            return new Schedule(at, onCall, next, members, requireNonNull(nobody, "nobody"));
        }
    }

    /** The source under test, from {@link #rotationSource()}, set before each test. */
    protected RotationSource source;

    /**
     * Returns the source under test, fresh, over a fake vendor serving the {@link #schedule()}. Called once
     * before each test.
     *
     * @return the source
     */
    protected abstract RotationSource rotationSource();

    /**
     * Returns what the schedule behind the source says. Called after {@link #rotationSource()}.
     *
     * @return the schedule
     */
    protected abstract Schedule schedule();

    /**
     * Returns how to make the vendor behind the source misbehave, or null if the source reaches no vendor.
     *
     * @return the faults, or null
     */
    protected abstract @Nullable VendorFaults faults();

    /**
     * Returns every secret the source was given, which must never show in an exception or
     * {@code toString}. Empty only for an implementation that has none.
     *
     * @return the secrets
     */
    protected abstract Set<String> secrets();

    /** Releases the source and the fake vendor; runs after each test, does nothing unless overridden. */
    protected void close() {}

    private Schedule schedule;

    @BeforeEach
    final void createSource() {
        source = rotationSource();
        schedule = schedule();
    }

    @AfterEach
    final void releaseSource() {
        close();
    }

    private static Optional<String> id(Optional<Person> person) {
        return person.map(Person::id);
    }

    @Nested
    @DisplayName("answers")
    class Answers {

        @Test
        @DisplayName("who is on call is who the schedule says")
        void onCall() {
            assertThat(id(source.onCall(schedule.at()))).contains(schedule.onCall());
        }

        @Test
        @DisplayName("who is next is who takes over when the shift ends")
        void next() {
            assertThat(id(source.next(schedule.at()))).contains(schedule.next());
        }

        @Test
        @DisplayName("the members are everyone in the rotation, in rotation order")
        void members() {
            assertThat(source.members()).extracting(Person::id).containsExactlyElementsOf(schedule.members());
        }

        @Test
        @DisplayName("an answer depends only on the instant asked about")
        void dependsOnlyOnTheInstant() {
            Optional<String> first = id(source.onCall(schedule.at()));
            source.onCall(schedule.at().plus(Duration.ofDays(30)));
            source.next(schedule.at().minus(Duration.ofDays(30)));
            assertThat(id(source.onCall(schedule.at()))).isEqualTo(first);
            assertThat(id(source.next(schedule.at()))).contains(schedule.next());
        }

        @Test
        @DisplayName("when nobody is on call, the answer is empty, not an error")
        void nobody() {
            Instant nobody = schedule.nobodyOnCallAt();
            assumeTrue(nobody != null, "somebody is always on call");
            assertThat(source.onCall(nobody)).isEmpty();
        }
    }

    @Nested
    @DisplayName("failures")
    class FailuresAreTyped {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "NOT_FOUND", "INVALID"})
        @DisplayName("a vendor that refuses is a PortException of the refusal's kind, never \"nobody\"")
        void refused(PortException.Kind kind) {
            VendorFaults faults = faults();
            assumeTrue(faults != null, "the source reaches no vendor");
            faults.refuse(kind);
            Failures.expect(kind, secrets(), () -> source.onCall(schedule.at()));
            Failures.expect(kind, secrets(), () -> source.next(schedule.at()));
            Failures.expect(kind, secrets(), () -> source.members());
        }

        @Test
        @DisplayName("a rate limit is RATE_LIMITED with the vendor's wait, and once healed the answer is back")
        void rateLimitedThenHealed() {
            VendorFaults faults = faults();
            assumeTrue(faults != null, "the source reaches no vendor");
            faults.rateLimit(Failures.RETRY_AFTER);
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(), () -> source.onCall(schedule.at()));
            faults.heal();
            assertThat(id(source.onCall(schedule.at()))).contains(schedule.onCall());
        }

        @Test
        @DisplayName("the source's toString shows no secret")
        void toStringShowsNoSecret() {
            Failures.assertToStringShowsNoSecret(source, secrets());
        }
    }
}
