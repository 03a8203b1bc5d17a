package dev.incidentkit.teams.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.adapters.webhook.RequestVerifier;
import dev.incidentkit.adapters.webhook.WebhookVerifier.Verdict;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the Bot Framework's {@code Authorization: Bearer <JWT>} on a request from the Bot Connector to
 * the bot, with the JDK's crypto, as api-notes-teams §3.2 lists (each step's source is cited there):
 *
 * <ol>
 *   <li>the header is exactly {@code Bearer <token>} (one space, the literal {@code Bearer});
 *   <li>the token is a signed JWT whose {@code alg} is RS256, RS384 or RS512 ({@code none} and HMAC are
 *       refused) and whose {@code kid} names a key of the published set;
 *   <li>the signature verifies with that key;
 *   <li>{@code iss} is exactly {@code https://api.botframework.com} (so Emulator and skill tokens fail);
 *   <li>{@code aud} is the bot's app id;
 *   <li>{@code exp} (required) and {@code nbf} hold with five minutes of clock skew, by the injected clock;
 *   <li>the {@code serviceurl} claim (also read as {@code serviceUrl}) equals the activity's
 *       {@code serviceUrl} exactly;
 *   <li>the key's {@code endorsements} contain the activity's {@code channelId}; a key without them is
 *       {@link Verdict#REFUSED} (answered 403), as is one not endorsed for the channel.
 * </ol>
 *
 * <p>Keys come from the OpenID metadata's {@code jwks_uri}. They are fetched on first use, again once the
 * set is a day old, and again when a token names an unknown {@code kid}, at most once an hour; between
 * those, an unknown {@code kid} is refused without a fetch. A failed fetch keeps the old keys. Nothing from
 * the token or the body is logged. Thread-safe.
 */
public final class BotFrameworkJwt implements RequestVerifier {
    /** The issuer of Connector-to-bot tokens. */
    public static final String ISSUER = "https://api.botframework.com";
    /** The clock skew allowed on {@code exp} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How old the key set may get before it is fetched again. */
    public static final Duration KEYS_MAX_AGE = Duration.ofHours(24);
    /** How often an unknown {@code kid} may cause a fetch. */
    public static final Duration UNKNOWN_KID_REFETCH = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(BotFrameworkJwt.class);
    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /** A signing key and the channels it is endorsed for ({@code null}: the key named none). */
    private record Key(PublicKey key, @Nullable Set<String> endorsements) {}

    private final String appId;
    private final URI metadataUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private Map<String, Key> keys = Map.of(); // guarded by this
    private @Nullable Instant fetchedAt; // guarded by this
    private @Nullable Instant lastUnknownKidFetch; // guarded by this

    /** Creates the verifier; keys are fetched on first use. */
    public BotFrameworkJwt(String appId, URI metadataUrl, HttpClient http, Duration timeout, Clock clock) {
        this.appId = requireNonNull(appId, "appId");
        this.metadataUrl = requireNonNull(metadataUrl, "metadataUrl");
        this.http = requireNonNull(http, "http");
        this.timeout = requireNonNull(timeout, "timeout");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Verdict verify(Map<String, List<String>> headers, byte[] body) {
        Optional<String> header = header(headers, "Authorization");
        if (header.isEmpty()) {
            return Verdict.MISSING;
        }
        String[] parts = header.get().split(" ", -1);
        if (parts.length != 2 || !parts[0].equals("Bearer") || parts[1].isEmpty()) {
            return Verdict.MALFORMED;
        }
        String[] jwt = parts[1].split("\\.", -1);
        if (jwt.length != 3) {
            return Verdict.MALFORMED;
        }
        JsonNode head;
        JsonNode claims;
        byte[] signature;
        JsonNode activity;
        try {
            head = json.readTree(B64.decode(jwt[0]));
            claims = json.readTree(B64.decode(jwt[1]));
            signature = B64.decode(jwt[2]);
            activity = json.readTree(body);
        } catch (IOException | IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (head == null || claims == null || activity == null || !head.isObject() || !claims.isObject()) {
            return Verdict.MALFORMED;
        }
        String javaAlg = ALGORITHMS.get(head.path("alg").asText(""));
        if (javaAlg == null) {
            return Verdict.FORGED; // none, HS256 (a public key used as an HMAC secret) and the like
        }
        Optional<Key> key = key(head.path("kid").asText(""));
        if (key.isEmpty()) {
            return Verdict.FORGED;
        }
        try {
            Signature s = Signature.getInstance(javaAlg);
            s.initVerify(key.get().key());
            s.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(signature)) {
                return Verdict.FORGED;
            }
        } catch (GeneralSecurityException e) {
            return Verdict.FORGED;
        }
        if (!claims.path("iss").asText("").equals(ISSUER) || !audience(claims.path("aud"))) {
            return Verdict.FORGED;
        }
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong()
                || now.isAfter(Instant.ofEpochSecond(claims.path("exp").asLong()).plus(CLOCK_SKEW))) {
            return Verdict.STALE;
        }
        if (claims.has("nbf") && (!claims.path("nbf").canConvertToLong()
                || now.isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()).minus(CLOCK_SKEW)))) {
            return Verdict.STALE;
        }
        String claimedServiceUrl = claims.path("serviceurl").asText(claims.path("serviceUrl").asText(""));
        if (claimedServiceUrl.isEmpty() || !claimedServiceUrl.equals(activity.path("serviceUrl").asText(""))) {
            return Verdict.FORGED;
        }
        Set<String> endorsements = key.get().endorsements();
        String channel = activity.path("channelId").asText("");
        if (endorsements == null || (!endorsements.isEmpty() && !endorsements.contains(channel))) {
            return Verdict.REFUSED;
        }
        return Verdict.VALID;
    }

    private boolean audience(JsonNode aud) {
        if (aud.isTextual()) {
            return aud.asText().equals(appId);
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.asText("").equals(appId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private synchronized Optional<Key> key(String kid) {
        Instant now = clock.instant();
        if (fetchedAt == null || !now.isBefore(fetchedAt.plus(KEYS_MAX_AGE))) {
            refresh(now);
        }
        Key k = keys.get(kid);
        if (k == null && !kid.isEmpty()
                && (lastUnknownKidFetch == null || !now.isBefore(lastUnknownKidFetch.plus(UNKNOWN_KID_REFETCH)))) {
            lastUnknownKidFetch = now;
            refresh(now);
            k = keys.get(kid);
        }
        return Optional.ofNullable(k);
    }

    /** Fetches the metadata and the key set; on failure keeps what it had and tries again next time. */
    private void refresh(Instant now) {
        try {
            JsonNode metadata = get(metadataUrl);
            URI jwks = URI.create(metadata.path("jwks_uri").asText(""));
            String scheme = String.valueOf(jwks.getScheme());
            if (!scheme.equals("https") && !scheme.equals("http")) {
                log.warn("the Bot Framework OpenID metadata names no usable jwks_uri; keeping the keys we have");
                return;
            }
            Map<String, Key> fresh = new HashMap<>();
            for (JsonNode k : get(jwks).path("keys")) {
                String kid = k.path("kid").asText("");
                if (kid.isEmpty() || !k.path("n").isTextual() || !k.path("e").isTextual()) {
                    continue; // not an RSA key
                }
                PublicKey pk = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, B64.decode(k.path("n").asText())), new BigInteger(1, B64.decode(k.path("e").asText()))));
                Set<String> endorsements = null;
                if (k.path("endorsements").isArray()) {
                    List<String> e = new ArrayList<>();
                    k.path("endorsements").forEach(x -> e.add(x.asText()));
                    endorsements = Set.copyOf(e);
                }
                fresh.put(kid, new Key(pk, endorsements));
            }
            keys = Map.copyOf(fresh);
            fetchedAt = now;
            log.debug("fetched {} Bot Framework signing keys", keys.size());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            log.warn("could not fetch the Bot Framework signing keys ({}); keeping the {} we have",
                    e.getClass().getSimpleName(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + uri);
        }
        return json.readTree(r.body());
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "BotFrameworkJwt[aud " + appId + ", keys from " + metadataUrl + "]";
    }
}
