package dev.incidentkit.adapters.testing;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.spi.PortException;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.util.function.Function;

/**
 * The testkit contracts' {@link VendorFaults} on a {@link FakeVendorServer}: a refusal answers every request
 * with the vendor's own answer for that kind, a rate limit with HTTP 429 and {@code Retry-After}, and
 * {@link #actThenTimeOut()} holds the answer to the next write for a minute. Each adapter's contract tests
 * give only the vendor's answers.
 *
 * @param server the fake vendor
 * @param refusals the vendor's answer to any request for each kind {@link VendorFaults#refuse} takes
 * @param rateLimit the vendor's rate-limit answer for a {@code Retry-After}
 */
public record FakeVendorFaults(FakeVendorServer server, Function<PortException.Kind, ScriptedResponse> refusals,
                               Function<Duration, ScriptedResponse> rateLimit) implements VendorFaults {
    /** How long {@link #actThenTimeOut()} holds an answer: beyond any test client's request timeout. */
    public static final Duration LATE = Duration.ofMinutes(1);

    /** Checks nulls. */
    public FakeVendorFaults {
        requireNonNull(server, "server");
        requireNonNull(refusals, "refusals");
        requireNonNull(rateLimit, "rateLimit");
    }

    /**
     * Faults of a vendor that says each failure with its HTTP status and a JSON body, and rate-limits with
     * 429 and {@code Retry-After}.
     *
     * @param server the fake vendor
     * @return the faults
     */
    public static FakeVendorFaults byStatus(FakeVendorServer server) {
        return new FakeVendorFaults(server, kind -> ScriptedResponse.json(status(kind),
                "{\"message\":\"refused by the test (" + kind + ")\"}"), ScriptedResponse::tooManyRequests);
    }

    /**
     * Returns the usual HTTP status of a kind a vendor refuses with.
     *
     * @param kind the kind
     * @return 503, 401, 404 or 400
     */
    public static int status(PortException.Kind kind) {
        return switch (kind) {
            case UNAVAILABLE -> 503;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case RATE_LIMITED, TIMEOUT -> throw new IllegalArgumentException(
                    "refuse() takes UNAVAILABLE, UNAUTHORIZED, NOT_FOUND or INVALID; got " + kind);
        };
    }

    @Override
    public void refuse(PortException.Kind kind) {
        ScriptedResponse answer = refusals.apply(kind);
        server.refuseAll(r -> answer);
    }

    @Override
    public void rateLimit(Duration retryAfter) {
        ScriptedResponse answer = rateLimit.apply(retryAfter);
        server.refuseAll(r -> answer);
    }

    @Override
    public void actThenTimeOut() {
        server.answerNextWriteLate(LATE);
    }

    @Override
    public void heal() {
        server.acceptAll();
    }
}
