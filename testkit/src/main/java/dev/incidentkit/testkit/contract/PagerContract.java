package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.Pager.Page;
import dev.incidentkit.spi.Pager.PageRequest;
import dev.incidentkit.spi.PortException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link Pager} keeps: a page is per incident and person, a page repeated under its
 * {@link IdempotencyKey} after the pager acted pages nobody twice, resolving is harmless to repeat, every
 * failure is a typed {@link PortException}, a summary beyond the pager's limits still pages, and no secret
 * shows in an exception or {@code toString}.
 *
 * <pre>{@code
 * final class PagerDutyPagerContractTest extends PagerContract {
 *     private final FakePagerDuty pd = new FakePagerDuty();
 *     private final PagerDutyPager pager = PagerDutyPager.eventsApi(pd.config()).build();
 *
 *     protected Pager pager() { return pager; }
 *     protected VendorFaults faults() { return pd.faults(); }
 *     protected int pagesAtVendor() { return pd.alerts().size(); }
 *     protected int openPagesAtVendor() { return (int) pd.alerts().stream().filter(a -> !a.path("status").asText().equals("resolved")).count(); }
 *     protected List<PersonRef> people() { return List.of(new PersonRef("PALICE1", "Alice"), new PersonRef("PBOB001", "Bob")); }
 *     protected Set<String> secrets() { return Set.of(FakePagerDuty.TOKEN, FakePagerDuty.ROUTING_KEY); }
 *     protected void close() { pager.close(); pd.close(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class PagerContract {
    private static final IncidentId INC = IncidentId.of(42);

    /** The pager under test, from {@link #pager()}, set before each test. */
    protected Pager pager;

    /**
     * Returns the pager under test: fresh, over a fresh fake pager service with no pages. Called once before
     * each test.
     *
     * @return the pager
     */
    protected abstract Pager pager();

    /**
     * Returns how to make the service behind {@link #pager()} misbehave.
     *
     * @return the faults
     */
    protected abstract VendorFaults faults();

    /**
     * Returns how many pages (incidents, alerts) the service holds, open or resolved: a page that reached a
     * person twice counts twice.
     *
     * @return the number of pages
     */
    protected abstract int pagesAtVendor();

    /**
     * Returns how many of those pages are still open (not resolved).
     *
     * @return the number of open pages
     */
    protected abstract int openPagesAtVendor();

    /**
     * Returns at least two people the pager can page.
     *
     * @return the people
     */
    protected abstract List<PersonRef> people();

    /**
     * Returns every secret the pager was given, which must never show in an exception or
     * {@code toString}. Empty only for an implementation that has none.
     *
     * @return the secrets
     */
    protected abstract Set<String> secrets();

    /**
     * Returns whether the pager retries a call whose answer came too late on its own, because the service
     * de-duplicates by the key it keeps (PagerDuty's {@code dedup_key} and {@code incident_key}). Then a
     * late answer may end in success rather than {@link PortException.Kind#TIMEOUT TIMEOUT}; either way
     * nobody is paged twice. False by default.
     *
     * @return true if late answers are retried inside the call
     */
    protected boolean retriesLateAnswersItself() {
        return false;
    }

    /** Releases the pager and the fake service; runs after each test, does nothing unless overridden. */
    protected void close() {}

    @BeforeEach
    final void createPager() {
        pager = pager();
        assertThat(people()).as("people() gives at least two people").hasSizeGreaterThanOrEqualTo(2);
    }

    @AfterEach
    final void releasePager() {
        close();
    }

    private PersonRef alice() {
        return people().get(0);
    }

    private PersonRef bob() {
        return people().get(1);
    }

    private void lateAnswer(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        if (retriesLateAnswersItself()) {
            Failures.expectTimeoutOrSafeRetry(secrets(), call);
        } else {
            Failures.expect(PortException.Kind.TIMEOUT, secrets(), call);
        }
    }

    private static PageRequest request(PersonRef target) {
        return new PageRequest(INC, target, "INC-42 SEV1 Checkout is failing", Severity.SEV1, false);
    }

    @Nested
    @DisplayName("paging")
    class Paging {

        @Test
        @DisplayName("a page reaches the service, open, with a reference")
        void pageIsOpen() {
            Page page = pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0"));
            assertThat(page.reference()).isNotBlank();
            assertThat(pagesAtVendor()).isEqualTo(1);
            assertThat(openPagesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("paging a second person for the incident is a page of its own, with its own reference")
        void pagePerPerson() {
            Page a = pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0"));
            Page b = pager.page(request(bob()), IdempotencyKey.first("INC-42:5:0"));
            assertThat(b.reference()).isNotEqualTo(a.reference());
            assertThat(pagesAtVendor()).isEqualTo(2);
        }

        @Test
        @DisplayName("a summary beyond any limit, a drill and every severity still page")
        void limitsAndSeverities() {
            int n = 0;
            for (Severity s : Severity.values()) {
                IncidentId id = IncidentId.of(100 + n);
                pager.page(new PageRequest(id, alice(), id + " " + s + " " + "x".repeat(5000), s, n % 2 == 0),
                        IdempotencyKey.first(id + ":2:0"));
                n++;
            }
            assertThat(pagesAtVendor()).isEqualTo(Severity.values().length);
        }

        @Test
        @DisplayName("resolving resolves every paged person's page, and resolving again is not an error")
        void resolveTwice() {
            pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0"));
            pager.page(request(bob()), IdempotencyKey.first("INC-42:5:0"));
            pager.resolve(INC, List.of(alice(), bob()), IdempotencyKey.first("INC-42:9:0"));
            assertThat(openPagesAtVendor()).isZero();
            assertThatCode(() -> pager.resolve(INC, List.of(alice(), bob()), IdempotencyKey.again("INC-42:9:0")))
                    .doesNotThrowAnyException();
            assertThat(pagesAtVendor()).as("resolving creates nothing").isEqualTo(2);
        }

        @Test
        @DisplayName("resolving an incident nobody was paged for is not an error")
        void resolveNothing() {
            assertThatCode(() -> pager.resolve(IncidentId.of(43), List.of(alice()), IdempotencyKey.first("INC-43:9:0")))
                    .doesNotThrowAnyException();
            assertThat(pagesAtVendor()).isZero();
        }
    }

    @Nested
    @DisplayName("repeats under an idempotency key")
    class Repeats {

        @Test
        @DisplayName("a page that timed out after the service acted, retried with mayExist, pages nobody twice")
        void timedOutPageRetried() {
            faults().actThenTimeOut();
            lateAnswer(() -> pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0")));
            assertThat(pagesAtVendor()).as("the service acted although the call timed out").isEqualTo(1);

            Page again = pager.page(request(alice()), IdempotencyKey.again("INC-42:2:0"));

            assertThat(again.reference()).isNotBlank();
            assertThat(pagesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("a page retried with mayExist after it succeeded returns the same page")
        void succeededPageRetried() {
            Page first = pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0"));

            Page again = pager.page(request(alice()), IdempotencyKey.again("INC-42:2:0"));

            assertThat(again.reference()).isEqualTo(first.reference());
            assertThat(pagesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("a page retried with mayExist after a clean failure pages, once")
        void cleanlyFailedPageRetried() {
            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(), () -> pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0")));
            faults().heal();
            assertThat(pagesAtVendor()).isZero();

            pager.page(request(alice()), IdempotencyKey.again("INC-42:2:0"));

            assertThat(pagesAtVendor()).isEqualTo(1);
            assertThat(openPagesAtVendor()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("failures")
    class FailuresAreTyped {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "NOT_FOUND", "INVALID"})
        @DisplayName("a refused page or resolve is a PortException of the refusal's kind, and pages nobody")
        void refused(PortException.Kind kind) {
            pager.page(request(bob()), IdempotencyKey.first("INC-42:1:0"));
            faults().refuse(kind);
            Failures.expect(kind, secrets(), () -> pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0")));
            Failures.expect(kind, secrets(), () -> pager.resolve(INC, List.of(bob()), IdempotencyKey.first("INC-42:9:0")));
            faults().heal();
            assertThat(pagesAtVendor()).isEqualTo(1);
            assertThat(openPagesAtVendor()).as("the refused resolve resolved nothing").isEqualTo(1);
        }

        @Test
        @DisplayName("a rate limit is RATE_LIMITED, retryable, with the service's wait")
        void rateLimited() {
            faults().rateLimit(Failures.RETRY_AFTER);
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(), () -> pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0")));
            assertThat(pagesAtVendor()).isZero();
        }

        @Test
        @DisplayName("a service that acts but answers too late is a TIMEOUT (or a safe retry, where the pager does that), and pages once")
        void timeout() {
            faults().actThenTimeOut();
            lateAnswer(() -> pager.page(request(alice()), IdempotencyKey.first("INC-42:2:0")));
            assertThat(pagesAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("the pager's toString shows no secret")
        void toStringShowsNoSecret() {
            Failures.assertToStringShowsNoSecret(pager, secrets());
        }
    }
}
