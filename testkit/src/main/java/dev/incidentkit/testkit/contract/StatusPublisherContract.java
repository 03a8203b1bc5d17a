package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.spi.StatusPublisher.Published;
import dev.incidentkit.spi.StatusPublisher.StatusUpdate;
import java.util.Map;
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
 * The contract every {@link StatusPublisher} keeps: the first update opens one status page incident and
 * each later one adds one update customers see; an update repeated under its {@link IdempotencyKey} after
 * the page acted is not shown twice; a drill never reaches the public page; text beyond the page's limits
 * is still published; every failure is a typed {@link PortException}; and no secret shows in an exception
 * or {@code toString}.
 *
 * <pre>{@code
 * final class StatuspageStatusPublisherContractTest extends StatusPublisherContract {
 *     private final FakeStatuspage statuspage = new FakeStatuspage();
 *     private final StatuspageStatusPublisher publisher = statuspage.publisher(...);
 *
 *     protected StatusPublisher publisher() { return publisher; }
 *     protected VendorFaults faults() { return statuspage.faults(); }
 *     protected int incidentsAtVendor() { return statuspage.incidentsOn(FakeStatuspage.PAGE).size(); }
 *     protected int updatesAtVendor(String id) { return statuspage.updatesOf(FakeStatuspage.PAGE, id).size(); }
 *     protected Set<String> secrets() { return Set.of(FakeStatuspage.TOKEN); }
 *     protected void close() { publisher.close(); statuspage.close(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class StatusPublisherContract {
    private static final IncidentId INC = IncidentId.of(42);

    /** The publisher under test, from {@link #publisher()}, set before each test. */
    protected StatusPublisher publisher;

    /**
     * Returns the publisher under test: fresh, over a fresh fake status page with no incidents. Called once
     * before each test.
     *
     * @return the publisher
     */
    protected abstract StatusPublisher publisher();

    /**
     * Returns how to make the status page behind {@link #publisher()} misbehave.
     *
     * @return the faults
     */
    protected abstract VendorFaults faults();

    /**
     * Returns how many incidents the <em>public</em> status page holds, open or resolved: what customers
     * could see, so a duplicate counts twice.
     *
     * @return the number of incidents
     */
    protected abstract int incidentsAtVendor();

    /**
     * Returns how many updates customers see on a public status page incident, the opening one included.
     *
     * @param statusPageIncident the status page's incident id, as {@link Published#statusPageIncident()}
     * @return the number of updates
     */
    protected abstract int updatesAtVendor(String statusPageIncident);

    /**
     * Returns every secret the publisher was given, which must never show in an exception or
     * {@code toString}. Empty only for an implementation that has none.
     *
     * @return the secrets
     */
    protected abstract Set<String> secrets();

    /** Releases the publisher and the fake page; runs after each test, does nothing unless overridden. */
    protected void close() {}

    @BeforeEach
    final void createPublisher() {
        publisher = publisher();
    }

    @AfterEach
    final void releasePublisher() {
        close();
    }

    private static StatusUpdate opening(String message) {
        return new StatusUpdate(INC, Optional.empty(), "Checkout is failing", IncidentStatus.INVESTIGATING, message,
                Severity.SEV1);
    }

    private static StatusUpdate later(Published to, IncidentStatus status, String message) {
        return new StatusUpdate(INC, Optional.of(to.statusPageIncident()), "Checkout is failing", status, message,
                Severity.SEV1);
    }

    @Nested
    @DisplayName("publishing")
    class Publishing {

        @Test
        @DisplayName("the first update opens one incident, later ones add one update each to it, resolve included")
        void openThenUpdate() {
            Published opened = publisher.publish(opening("We are looking into failed checkouts"), IdempotencyKey.first("INC-42:4:0"));
            assertThat(opened.statusPageIncident()).isNotBlank();
            assertThat(incidentsAtVendor()).isEqualTo(1);
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(1);

            Published updated = publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.first("INC-42:6:0"));
            Published resolved = publisher.publish(later(opened, IncidentStatus.RESOLVED, "Resolved"), IdempotencyKey.first("INC-42:9:0"));

            assertThat(updated.statusPageIncident()).isEqualTo(opened.statusPageIncident());
            assertThat(resolved.statusPageIncident()).isEqualTo(opened.statusPageIncident());
            assertThat(incidentsAtVendor()).isEqualTo(1);
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(3);
        }

        @Test
        @DisplayName("two updates with the same text are two updates: nothing is de-duplicated by content")
        void sameTextDifferentKeys() {
            Published opened = publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0"));
            publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "same"), IdempotencyKey.first("INC-42:6:0"));
            publisher.publish(later(opened, IncidentStatus.MONITORING, "same"), IdempotencyKey.first("INC-42:7:0"));
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(3);
        }

        @Test
        @DisplayName("a title and a message beyond any limit are still published")
        void limits() {
            Published opened = publisher.publish(new StatusUpdate(INC, Optional.empty(), "Checkout is failing " + "t".repeat(2000),
                    IncidentStatus.INVESTIGATING, "m".repeat(200_000), Severity.SEV2), IdempotencyKey.first("INC-42:4:0"));
            publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "n".repeat(200_000)), IdempotencyKey.first("INC-42:6:0"));
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(2);
        }

        @Test
        @DisplayName("a drill, where drills are published, never reaches the public page")
        void drillStaysOffThePublicPage() {
            assumeTrue(publisher.publishesDrills(), "drills are not published");
            publisher.publish(new StatusUpdate(INC, Optional.empty(), "Practice", IncidentStatus.INVESTIGATING, "drill",
                    Severity.SEV2, Map.of(), true), IdempotencyKey.first("INC-42:4:0"));
            assertThat(incidentsAtVendor()).isZero();
        }

        @Test
        @DisplayName("without marksComponents(), markComponents is refused as unsupported")
        void marksComponentsHonoured() {
            assumeFalse(publisher.marksComponents(), "marks components");
            assertThatThrownBy(() -> publisher.markComponents(Map.of("checkout", "major_outage"), false))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    @DisplayName("repeats under an idempotency key")
    class Repeats {

        @Test
        @DisplayName("an opening update that timed out after the page acted, retried with mayExist, opens one incident")
        void timedOutOpenRetried() {
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(), () -> publisher.publish(opening("We are looking into it"), IdempotencyKey.first("INC-42:4:0")));
            assertThat(incidentsAtVendor()).as("the page acted although the call timed out").isEqualTo(1);

            Published again = publisher.publish(opening("We are looking into it"), IdempotencyKey.again("INC-42:4:0"));

            assertThat(incidentsAtVendor()).isEqualTo(1);
            assertThat(updatesAtVendor(again.statusPageIncident())).isEqualTo(1);
        }

        @Test
        @DisplayName("a later update that timed out after the page acted, retried with mayExist, is shown once")
        void timedOutUpdateRetried() {
            Published opened = publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0"));
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(),
                    () -> publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.first("INC-42:6:0")));
            assertThat(updatesAtVendor(opened.statusPageIncident())).as("the page acted").isEqualTo(2);

            Published again = publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.again("INC-42:6:0"));

            assertThat(again.statusPageIncident()).isEqualTo(opened.statusPageIncident());
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(2);
        }

        @Test
        @DisplayName("updates retried with mayExist after they succeeded show nothing twice")
        void succeededRetried() {
            Published opened = publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0"));
            publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.first("INC-42:6:0"));

            Published openedAgain = publisher.publish(opening("first"), IdempotencyKey.again("INC-42:4:0"));
            publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.again("INC-42:6:0"));

            assertThat(openedAgain.statusPageIncident()).isEqualTo(opened.statusPageIncident());
            assertThat(incidentsAtVendor()).isEqualTo(1);
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(2);
        }

        @Test
        @DisplayName("updates retried with mayExist after a clean failure are published, once each")
        void cleanlyFailedRetried() {
            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(), () -> publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0")));
            faults().heal();
            assertThat(incidentsAtVendor()).isZero();
            Published opened = publisher.publish(opening("first"), IdempotencyKey.again("INC-42:4:0"));

            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(),
                    () -> publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.first("INC-42:6:0")));
            faults().heal();
            publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "We found it"), IdempotencyKey.again("INC-42:6:0"));

            assertThat(incidentsAtVendor()).isEqualTo(1);
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("failures")
    class FailuresAreTyped {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "NOT_FOUND", "INVALID"})
        @DisplayName("a refused opening or later update is a PortException of the refusal's kind, and shows nothing")
        void refused(PortException.Kind kind) {
            Published opened = publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0"));
            faults().refuse(kind);
            Failures.expect(kind, secrets(), () -> publisher.publish(opening("other"), IdempotencyKey.first("INC-43:4:0")));
            Failures.expect(kind, secrets(),
                    () -> publisher.publish(later(opened, IncidentStatus.IDENTIFIED, "x"), IdempotencyKey.first("INC-42:6:0")));
            faults().heal();
            assertThat(incidentsAtVendor()).isEqualTo(1);
            assertThat(updatesAtVendor(opened.statusPageIncident())).isEqualTo(1);
        }

        @Test
        @DisplayName("a rate limit is RATE_LIMITED, retryable, with the page's wait")
        void rateLimited() {
            faults().rateLimit(Failures.RETRY_AFTER);
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(), () -> publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0")));
            assertThat(incidentsAtVendor()).isZero();
        }

        @Test
        @DisplayName("a page that acts but answers too late is a TIMEOUT, retryable, and opens once")
        void timeout() {
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(), () -> publisher.publish(opening("first"), IdempotencyKey.first("INC-42:4:0")));
            assertThat(incidentsAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("the publisher's toString shows no secret")
        void toStringShowsNoSecret() {
            Failures.assertToStringShowsNoSecret(publisher, secrets());
        }
    }
}
