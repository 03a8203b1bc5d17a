package dev.incidentkit.adapters.webhook;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.http.InboundRequest;
import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.adapters.internal.Hex;
import dev.incidentkit.spi.DeliveryLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every inbound webhook (Slack, PagerDuty, GitHub) goes through, with the same checks in the
 * same order and the same answers for every vendor:
 *
 * <table>
 *   <caption>What the gate answers</caption>
 *   <tr><th>condition</th><th>status</th></tr>
 *   <tr><td>method is not {@code POST}</td><td>405, with {@code Allow: POST}</td></tr>
 *   <tr><td>body larger than the vendor's limit</td><td>413</td></tr>
 *   <tr><td>signature missing, malformed or wrong; signed timestamp outside ±5 minutes</td><td>401</td></tr>
 *   <tr><td>rejected by the vendor's route: not the vendor's format (400), stale by a signed date (401)</td>
 *       <td>as the route says</td></tr>
 *   <tr><td>a delivery already accepted (same id within its window)</td>
 *       <td>200 {@value #ALREADY_HANDLED}, and not acted on again</td></tr>
 *   <tr><td>the delivery log cannot be reached</td><td>503 (the vendor retries)</td></tr>
 *   <tr><td>accepted</td><td>what the vendor's action answers</td></tr>
 * </table>
 *
 * <p>Deliveries are remembered in a {@link DeliveryLog} (every {@code IncidentStore} is one), so a replay
 * or a vendor's retry is recognised by every replica sharing the store and after a restart; of two replicas
 * racing with the same delivery, exactly one acts. A delivery is recorded before it is acted on: a delivery
 * whose action then fails is not acted on again when repeated.
 *
 * <p>Parameterised per vendor by its {@link WebhookVerifier}, its body limit and, per request, a route that
 * reads the (verified) body and returns a {@link Delivery}: what to do, and under which ids to remember it.
 * Nothing is logged from the body or the headers. Thread-safe.
 *
 * @since 0.1
 */
public final class InboundGate {
    /** The body of the answer to a repeated delivery. */
    public static final String ALREADY_HANDLED = "already handled";

    private static final Logger log = LoggerFactory.getLogger(InboundGate.class);
    private static final int MAX_ID = 200;

    private final String vendor;
    private final WebhookVerifier verifier;
    private final DeliveryLog deliveries;
    private final Clock clock;
    private final int maxBodyBytes;

    private InboundGate(String vendor, WebhookVerifier verifier, DeliveryLog deliveries, Clock clock, int maxBodyBytes) {
        this.vendor = vendor;
        this.verifier = verifier;
        this.deliveries = deliveries;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Returns a gate.
     *
     * @param vendor a short lower-case name, the prefix of the delivery log's sources, e.g. {@code slack}
     * @param verifier checks the signature (with its own clock, for vendors that sign a timestamp)
     * @param deliveries remembers accepted deliveries, usually the kit's store
     * @param clock the clock deliveries are recorded by
     * @param maxBodyBytes the largest body accepted, at least 1
     * @return the gate
     * @throws IllegalArgumentException if {@code vendor} is blank or {@code maxBodyBytes} below 1
     */
    public static InboundGate of(String vendor, WebhookVerifier verifier, DeliveryLog deliveries, Clock clock,
                                 int maxBodyBytes) {
        if (requireNonNull(vendor, "vendor").isBlank()) {
            throw new IllegalArgumentException("vendor names the vendor, e.g. slack; got a blank one");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes is positive; got " + maxBodyBytes);
        }
        return new InboundGate(vendor, requireNonNull(verifier, "verifier"), requireNonNull(deliveries, "deliveries"),
                requireNonNull(clock, "clock"), maxBodyBytes);
    }

    /**
     * Returns the body limit, e.g. for {@link dev.incidentkit.adapters.http.JdkHttpBinding#handler}.
     *
     * @return the largest body accepted, in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Checks a request and, if it passes, acts on it once.
     *
     * @param request the raw request
     * @param route reads a verified request and says what to do; may throw on a body it cannot read (the
     *     answer is then 400)
     * @return the answer; never throws for anything in the request
     */
    public InboundResponse handle(InboundRequest request, Function<InboundRequest, Delivery> route) {
        requireNonNull(request, "request");
        requireNonNull(route, "route");
        InboundResponse refused = refuseShape(request);
        if (refused != null) {
            return refused;
        }
        WebhookVerifier.Verdict verdict = verifier.verify(request.headers(), request.body());
        if (!verdict.valid()) {
            log.warn("rejected a {} request to {}: signature {}", vendor, request.path(), verdict);
            return InboundResponse.text(401, "invalid signature");
        }
        return accept(request, route);
    }

    /**
     * Acts once on a request whose signature a framework in front of the gate has already checked, such
     * as Slack's Bolt for Java: everything {@link #handle} does (method, body limit, the route, the
     * once-only memory, the answers) except the signature check. Never pass it a request that nothing
     * verified.
     *
     * @param request the raw request, as the framework received it (the route may read its headers)
     * @param route reads the request and says what to do; may throw on a body it cannot read (400)
     * @return the answer; never throws for anything in the request
     */
    public InboundResponse handleVerified(InboundRequest request, Function<InboundRequest, Delivery> route) {
        requireNonNull(request, "request");
        requireNonNull(route, "route");
        InboundResponse refused = refuseShape(request);
        return refused != null ? refused : accept(request, route);
    }

    /** The answer to a request of the wrong method or size, or null if it may go on. */
    private @Nullable InboundResponse refuseShape(InboundRequest request) {
        if (!request.method().equalsIgnoreCase("POST")) {
            return InboundResponse.text(405, "POST only").withHeader("Allow", "POST");
        }
        if (request.body().length > maxBodyBytes) {
            log.warn("rejected a {} request of more than {} bytes", vendor, maxBodyBytes);
            return InboundResponse.text(413, "request too large; the limit is " + maxBodyBytes + " bytes");
        }
        return null;
    }

    private InboundResponse accept(InboundRequest request, Function<InboundRequest, Delivery> route) {
        Delivery delivery;
        try {
            delivery = requireNonNull(route.apply(request), "delivery");
        } catch (RuntimeException e) {
            log.warn("malformed {} request to {} ({})", vendor, request.path(), e.getClass().getSimpleName());
            return InboundResponse.text(400, "malformed request");
        }
        if (delivery.rejection != null) {
            return delivery.rejection;
        }
        try {
            for (Key key : delivery.keys) {
                if (!deliveries.firstSeen(vendor + "-" + key.kind(), storable(key.id()), clock.instant(), delivery.keepFor)) {
                    log.debug("answered a repeated {} {} without acting again", vendor, key.kind());
                    return InboundResponse.text(200, ALREADY_HANDLED);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not check a {} delivery against the delivery log: {}", vendor, e.toString());
            return InboundResponse.text(503, "busy; try again");
        }
        try {
            return requireNonNull(delivery.action.get(), "response");
        } catch (RuntimeException e) {
            log.error("could not act on a {} request; it is lost", vendor, e);
            return InboundResponse.text(500, "failed inside incidentkit; it has been logged");
        }
    }

    /** Ids over the log's 200 characters are kept as their SHA-256. */
    private static String storable(String id) {
        return id.length() <= MAX_ID ? id : "sha256:" + sha256(id);
    }

    /**
     * Returns the SHA-256 of a text's UTF-8 bytes, in lower-case hex: how an id that should not be kept as
     * it is (a signature) or is too long is remembered.
     *
     * @param text the text
     * @return 64 hex digits
     */
    public static String sha256(String text) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable on this platform", e);
        }
    }

    /** Names the vendor and the scheme only. */
    @Override
    public String toString() {
        return "InboundGate[" + vendor + ", " + verifier + ", " + maxBodyBytes + " bytes]";
    }

    /**
     * A delivery id within a kind, e.g. kind {@code event}, id {@code Ev0PV52K25}.
     *
     * @param kind what the id identifies, e.g. {@code command}, {@code event}, {@code webhook}
     * @param id the id, non-blank; ids over 200 characters are remembered as their SHA-256
     * @since 0.1
     */
    public record Key(String kind, String id) {
        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException if a field is blank
         */
        public Key {
            if (requireNonNull(kind, "kind").isBlank() || requireNonNull(id, "id").isBlank()) {
                throw new IllegalArgumentException("a delivery key has a kind and an id; got a blank one");
            }
        }
    }

    /**
     * What a route decided about a verified request: reject it, act on it every time, or act on it once per
     * delivery id.
     *
     * @since 0.1
     */
    public static final class Delivery {
        private final @Nullable InboundResponse rejection;
        private final List<Key> keys;
        private final Duration keepFor;
        private final Supplier<InboundResponse> action;

        private Delivery(@Nullable InboundResponse rejection, List<Key> keys, Duration keepFor, Supplier<InboundResponse> action) {
            this.rejection = rejection;
            this.keys = keys;
            this.keepFor = keepFor;
            this.action = action;
        }

        /**
         * Rejects the request without acting, e.g. 400 for a body that is not the vendor's format or 401 for
         * an event whose signed date is too old.
         *
         * @param status the HTTP status, 400–499
         * @param reason a short text for the vendor; never request data
         * @return the delivery
         * @throws IllegalArgumentException if the status is not a client error
         */
        public static Delivery reject(int status, String reason) {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("a rejection is a 4xx status; got " + status);
            }
            return new Delivery(InboundResponse.text(status, requireNonNull(reason, "reason")), List.of(), Duration.ZERO,
                    () -> InboundResponse.empty(status));
        }

        /**
         * Acts on every such request, remembering nothing: for requests that change nothing (a URL
         * verification challenge, a ping).
         *
         * @param action answers the request
         * @return the delivery
         */
        public static Delivery always(Supplier<InboundResponse> action) {
            return new Delivery(null, List.of(), Duration.ZERO, requireNonNull(action, "action"));
        }

        /**
         * Acts once per delivery: the first request with these ids is acted on; any later one within
         * {@code keepFor} is answered 200 {@value InboundGate#ALREADY_HANDLED}. With several ids, they are
         * recorded in order and the first already seen makes it a repeat, so exactly one of racing
         * requests acts.
         *
         * @param keys the delivery's ids, at least one
         * @param keepFor how long to remember them: at least the vendor's replay window or retry period
         * @param action acts and answers
         * @return the delivery
         * @throws IllegalArgumentException if {@code keys} is empty or {@code keepFor} not positive
         */
        public static Delivery once(List<Key> keys, Duration keepFor, Supplier<InboundResponse> action) {
            if (requireNonNull(keys, "keys").isEmpty()) {
                throw new IllegalArgumentException("a delivery acted on once needs at least one id");
            }
            if (requireNonNull(keepFor, "keepFor").isNegative() || keepFor.isZero()) {
                throw new IllegalArgumentException("keepFor is positive; got " + keepFor);
            }
            return new Delivery(null, List.copyOf(keys), keepFor, requireNonNull(action, "action"));
        }

        /**
         * Acts once per delivery id; see {@link #once(List, Duration, Supplier)}.
         *
         * @param kind what the id identifies, e.g. {@code event}
         * @param id the delivery's id
         * @param keepFor how long to remember it
         * @param action acts and answers
         * @return the delivery
         */
        public static Delivery once(String kind, String id, Duration keepFor, Supplier<InboundResponse> action) {
            return once(List.of(new Key(kind, id)), keepFor, action);
        }

        /** Names the outcome and the id kinds, never the ids. */
        @Override
        public String toString() {
            return rejection != null ? "Delivery[rejected " + rejection.status() + "]"
                    : keys.isEmpty() ? "Delivery[always]" : "Delivery[once by " + keys.stream().map(Key::kind).toList() + "]";
        }
    }
}
