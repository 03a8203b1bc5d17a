package dev.incidentkit.adapters.webhook;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a vendor's HMAC-SHA256 webhook signature over the raw request body, exactly as received and
 * before any parsing.
 *
 * <ul>
 *   <li>{@link #slack}: {@code X-Slack-Signature: v0=<hex>} over {@code v0:<timestamp>:<body>}, with
 *       {@code X-Slack-Request-Timestamp} inside ±5 minutes of the clock.
 *   <li>{@link #github}: {@code X-Hub-Signature-256: sha256=<hex>} over the body.
 *   <li>{@link #pagerDuty}: {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]} over the body; any one
 *       matching signature is enough (PagerDuty sends several while a secret is rotated).
 * </ul>
 *
 * <p>Signatures are compared with {@link MessageDigest#isEqual} over UTF-8 bytes, in constant time.
 * Header names are matched case-insensitively. Nothing is logged and no verdict carries the body or the
 * secret. Thread-safe.
 *
 * @since 0.1
 */
public final class WebhookVerifier implements RequestVerifier {
    /** The replay window Slack documents: five minutes either side of now. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern HEX_SIGNATURE = Pattern.compile("[a-z0-9]+=[0-9a-fA-F]{64}");

    /** Why a request passed or failed. */
    public enum Verdict {
        /** The signature matches and the timestamp, if any, is fresh. */
        VALID(200),
        /** The signature (or timestamp) header is absent. */
        MISSING(401),
        /** A header is present but not in the vendor's format. */
        MALFORMED(400),
        /** The signature does not match: a forgery, a wrong secret, or a body changed on the way. */
        FORGED(401),
        /** The timestamp is outside the window: a replay or a badly wrong clock. */
        STALE(401),
        /**
         * Authentic, but not valid for what the request claims to be (a Bot Framework signing key not
         * endorsed for the request's channel): answered 403.
         */
        REFUSED(403);

        private final int httpStatus;

        Verdict(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /**
         * Returns whether the request may be processed.
         *
         * @return true only for {@link #VALID}
         */
        public boolean valid() {
            return this == VALID;
        }

        /**
         * Returns the HTTP status to answer a rejected request with: 400 for malformed, 403 for refused, 401
     * otherwise.
         *
         * @return the status; 200 for {@link #VALID}
         */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final String vendor;
    private final Secret secret;
    private final String signatureHeader;
    private final String prefix;
    private final @Nullable String timestampHeader;
    private final boolean severalSignatures;
    private final @Nullable Clock clock;
    private final Duration window;

    private WebhookVerifier(String vendor, Secret secret, String signatureHeader, String prefix,
                            @Nullable String timestampHeader, boolean severalSignatures, @Nullable Clock clock,
                            Duration window) {
        this.vendor = vendor;
        this.secret = requireNonNull(secret, "secret");
        this.signatureHeader = signatureHeader;
        this.prefix = prefix;
        this.timestampHeader = timestampHeader;
        this.severalSignatures = severalSignatures;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Slack's v0 scheme with the five-minute window.
     *
     * @param signingSecret the app's signing secret
     * @param clock the clock the timestamp is checked against
     * @return the verifier
     */
    public static WebhookVerifier slack(Secret signingSecret, Clock clock) {
        return new WebhookVerifier("slack", signingSecret, "X-Slack-Signature", "v0=", "X-Slack-Request-Timestamp",
                false, requireNonNull(clock, "clock"), DEFAULT_WINDOW);
    }

    /**
     * GitHub's {@code X-Hub-Signature-256}. GitHub signs no timestamp; drop repeats by
     * {@code X-GitHub-Delivery}.
     *
     * @param secret the webhook's secret
     * @return the verifier
     */
    public static WebhookVerifier github(Secret secret) {
        return new WebhookVerifier("github", secret, "X-Hub-Signature-256", "sha256=", null, false, null, DEFAULT_WINDOW);
    }

    /**
     * PagerDuty's v3 webhook {@code X-PagerDuty-Signature}, one or more comma-separated signatures.
     *
     * @param secret the subscription's secret
     * @return the verifier
     */
    public static WebhookVerifier pagerDuty(Secret secret) {
        return new WebhookVerifier("pagerduty", secret, "X-PagerDuty-Signature", "v1=", null, true, null, DEFAULT_WINDOW);
    }

    /**
     * Returns a copy with another replay window (only for schemes that sign a timestamp).
     *
     * @param window how far the timestamp may be from now, either way; positive
     * @return the copy
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public WebhookVerifier withWindow(Duration window) {
        requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window is positive; got " + window);
        }
        return new WebhookVerifier(vendor, secret, signatureHeader, prefix, timestampHeader, severalSignatures, clock, window);
    }

    /**
     * Checks a request.
     *
     * @param headers the request headers, names in any case
     * @param body the raw body, exactly as received
     * @return the verdict
     */
    public Verdict verify(Map<String, List<String>> headers, byte[] body) {
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
        Optional<String> signature = header(headers, signatureHeader);
        if (signature.isEmpty()) {
            return Verdict.MISSING;
        }
        byte[] signed = body;
        if (timestampHeader != null) {
            Optional<String> ts = header(headers, timestampHeader);
            if (ts.isEmpty()) {
                return Verdict.MISSING;
            }
            String t = ts.get().strip();
            if (!TIMESTAMP.matcher(t).matches()) {
                return Verdict.MALFORMED;
            }
            Instant sent = Instant.ofEpochSecond(Long.parseLong(t));
            Duration skew = Duration.between(sent, requireNonNull(clock, "clock").instant()).abs();
            if (skew.compareTo(window) > 0) {
                return Verdict.STALE;
            }
            byte[] head = ("v0:" + t + ":").getBytes(StandardCharsets.UTF_8);
            signed = new byte[head.length + body.length];
            System.arraycopy(head, 0, signed, 0, head.length);
            System.arraycopy(body, 0, signed, head.length, body.length);
        }
        byte[] expected = (prefix + Hex.of(hmac(signed))).getBytes(StandardCharsets.UTF_8);
        List<String> offered = severalSignatures ? List.of(signature.get().split(",")) : List.of(signature.get());
        boolean wellFormed = false;
        boolean match = false;
        for (String candidate : offered) {
            String c = candidate.strip();
            if (!c.startsWith(prefix) || !HEX_SIGNATURE.matcher(c).matches()) {
                continue;
            }
            wellFormed = true;
            match |= MessageDigest.isEqual(expected, c.getBytes(StandardCharsets.UTF_8));
        }
        if (!wellFormed) {
            return Verdict.MALFORMED;
        }
        return match ? Verdict.VALID : Verdict.FORGED;
    }

    /**
     * Returns the signature header value this verifier would accept for a body, e.g. to sign requests in
     * tests of a webhook consumer.
     *
     * @param timestamp the timestamp header's value, for schemes that sign one; ignored otherwise
     * @param body the raw body
     * @return the header value, e.g. {@code v0=a2114d…}
     */
    public String sign(String timestamp, byte[] body) {
        byte[] signed = body;
        if (timestampHeader != null) {
            byte[] head = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
            signed = new byte[head.length + body.length];
            System.arraycopy(head, 0, signed, 0, head.length);
            System.arraycopy(body, 0, signed, head.length, body.length);
        }
        return prefix + Hex.of(hmac(signed));
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.revealBytes(), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable on this platform", e);
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.ofNullable(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** Names the scheme only. */
    @Override
    public String toString() {
        return "WebhookVerifier[" + vendor + ", " + signatureHeader
                + (timestampHeader == null ? "" : ", window " + window) + "]";
    }
}
