package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.incidentkit.spi.PortException;
import java.time.Duration;
import java.util.Collection;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the port contracts check of every failure: its type, its kind, and that it shows no secret. */
final class Failures {
    /** The wait the contracts' rate limits ask for: longer than any call should wait out itself. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(2);

    private Failures() {}

    /**
     * Runs {@code call}, expects a {@link PortException} of {@code kind} whose retryability follows the
     * kind, and checks that neither its message nor any cause's shows a secret.
     */
    static PortException expect(PortException.Kind kind, Collection<String> secrets, ThrowingCallable call) {
        PortException e = catchThrowableOfType(PortException.class, call);
        assertThat(e).as("the call should fail with a PortException of kind %s", kind).isNotNull();
        assertThat(e.kind()).as("kind of %s", e.getMessage()).isEqualTo(kind);
        assertThat(e.retryable()).as("retryable of %s", e.getMessage()).isEqualTo(kind.retryable());
        assertThat(e.port()).as("the failure names its port and operation").isNotBlank();
        if (kind == PortException.Kind.RATE_LIMITED) {
            assertThat(e.retryAfter()).as("a rate limit carries the vendor's wait").isPresent();
            assertThat(e.retryAfter().orElseThrow()).as("the wait the vendor asked for")
                    .isGreaterThanOrEqualTo(RETRY_AFTER);
        }
        assertShowsNoSecret(e, secrets);
        return e;
    }

    /**
     * Runs a call whose answer the vendor holds back until after the implementation gave up waiting. It
     * either fails as a {@link PortException.Kind#TIMEOUT TIMEOUT}, retryable and showing no secret, or
     * succeeds because the implementation safely retried on its own (say, under a key the vendor keeps);
     * the caller then checks that the vendor holds one object either way.
     */
    static void expectTimeoutOrSafeRetry(Collection<String> secrets, ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        if (thrown != null) {
            assertThat(thrown).as("a late answer ends in a PortException").isInstanceOf(PortException.class);
            expect(PortException.Kind.TIMEOUT, secrets, () -> {
                throw thrown;
            });
        }
    }

    /** Checks that no message in the cause chain, and no {@code toString}, holds a secret. */
    static void assertShowsNoSecret(Throwable e, Collection<String> secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).as("exception message").doesNotContain(secret);
                assertThat(t.toString()).as("exception toString").doesNotContain(secret);
            }
        }
    }

    /** Checks that an object's {@code toString} holds no secret. */
    static void assertToStringShowsNoSecret(Object subject, Collection<String> secrets) {
        for (String secret : secrets) {
            assertThat(subject.toString()).as("toString of %s", subject.getClass().getSimpleName())
                    .doesNotContain(secret);
        }
    }
}
