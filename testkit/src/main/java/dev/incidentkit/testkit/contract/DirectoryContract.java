package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.PortException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link Directory} keeps: a known person is found by their reference and by email
 * (in any case), an unknown one is an empty answer and never an error, a source that cannot answer is a
 * typed {@link PortException} and never "nobody", and no secret shows in an exception or
 * {@code toString}.
 *
 * <pre>{@code
 * final class SlackDirectoryContractTest extends DirectoryContract {
 *     private final FakeSlack slack = new FakeSlack();
 *     private final SlackChatGateway gateway = SlackChatGateway.builder(slack.config()).build();
 *
 *     protected Directory directory() { return gateway.directory(); }
 *     protected VendorFaults faults() { return slack.faults(); }
 *     protected Person knownPerson() {
 *         slack.addUser("W012A3CDE", "spengler", "spengler@example.com", "America/Los_Angeles");
 *         return new Person("W012A3CDE", "spengler", ZoneId.of("America/Los_Angeles"), Map.of("email", "spengler@example.com"));
 *     }
 *     protected Set<String> secrets() { return Set.of(FakeSlack.TOKEN); }
 *     protected void close() { gateway.close(); slack.close(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class DirectoryContract {

    /** The directory under test, from {@link #directory()}, set before each test. */
    protected Directory directory;

    /**
     * Returns the directory under test, fresh, over a fresh fake source. Called once before each test.
     *
     * @return the directory
     */
    protected abstract Directory directory();

    /**
     * Returns how to make the source behind {@link #directory()} misbehave.
     *
     * @return the faults
     */
    protected abstract VendorFaults faults();

    /**
     * Adds a person to the fake source (or names one it has) and returns them as the directory should
     * answer: the same {@link Person#id() id}, and an {@code email} {@link Person#handle handle}. Called
     * once per test, after {@link #directory()}.
     *
     * @return the person
     */
    protected abstract Person knownPerson();

    /**
     * Returns every secret the directory was given, which must never show in an exception or
     * {@code toString}. Empty only for an implementation that has none.
     *
     * @return the secrets
     */
    protected abstract Set<String> secrets();

    /** Releases the directory and the fake source; runs after each test, does nothing unless overridden. */
    protected void close() {}

    private Person known;

    @BeforeEach
    final void createDirectory() {
        directory = directory();
        known = knownPerson();
        assertThat(known.handle("email")).as("knownPerson() has an email handle").isPresent();
    }

    @AfterEach
    final void releaseDirectory() {
        close();
    }

    private String email() {
        return known.handle("email").orElseThrow();
    }

    @Nested
    @DisplayName("lookups")
    class Lookups {

        @Test
        @DisplayName("a known person is found by their reference")
        void findByRef() {
            Optional<Person> found = directory.find(known.ref());
            assertThat(found).isPresent();
            assertThat(found.orElseThrow().id()).isEqualTo(known.id());
            assertThat(found.orElseThrow().displayName()).isNotBlank();
        }

        @Test
        @DisplayName("a known person is found by email in any case, and is the same person as by reference")
        void findByEmailAnyCase() {
            Person byEmail = directory.findByEmail(email().toUpperCase(Locale.ROOT)).orElseThrow();
            assertThat(byEmail.id()).isEqualTo(known.id());
            assertThat(byEmail.handle("email").map(e -> e.toLowerCase(Locale.ROOT)))
                    .contains(email().toLowerCase(Locale.ROOT));
            assertThat(directory.find(byEmail.ref()).map(Person::id)).contains(known.id());
        }

        @Test
        @DisplayName("an unknown reference or email is an empty answer, not an error")
        void unknownIsEmpty() {
            assertThat(directory.find(new PersonRef("U0NOBODY" + "X".repeat(8), "Nobody"))).isEmpty();
            assertThat(directory.findByEmail("nobody-" + known.id().toLowerCase(Locale.ROOT) + "@example.invalid")).isEmpty();
        }
    }

    @Nested
    @DisplayName("failures")
    class FailuresAreTyped {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "INVALID"})
        @DisplayName("a source that refuses is a PortException of the refusal's kind, never \"nobody\"")
        void refused(PortException.Kind kind) {
            faults().refuse(kind);
            Failures.expect(kind, secrets(), () -> directory.find(known.ref()));
            Failures.expect(kind, secrets(), () -> directory.findByEmail(email()));
        }

        @Test
        @DisplayName("a rate limit is RATE_LIMITED with the source's Retry-After")
        void rateLimited() {
            faults().rateLimit(Failures.RETRY_AFTER);
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(), () -> directory.findByEmail(email()));
        }

        @Test
        @DisplayName("after the source heals, the person is found again")
        void healed() {
            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(), () -> directory.find(known.ref()));
            faults().heal();
            assertThat(directory.find(known.ref()).map(Person::id)).contains(known.id());
        }

        @Test
        @DisplayName("the directory's toString shows no secret")
        void toStringShowsNoSecret() {
            Failures.assertToStringShowsNoSecret(directory, secrets());
        }
    }
}
