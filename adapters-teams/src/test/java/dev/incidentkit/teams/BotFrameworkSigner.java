package dev.incidentkit.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints Bot Framework tokens as Microsoft's own test utilities do (api-notes-teams §9): a fresh 2048-bit
 * RSA key per signer, RS256, a {@code kid}, and a JWK set with {@code endorsements} that {@link FakeTeams}
 * serves. Test code only.
 */
final class BotFrameworkSigner {
    static final String ISSUER = "https://api.botframework.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A signing key, its id and its endorsements ({@code null}: none named). */
    record Key(String kid, KeyPair pair, List<String> endorsements) {}

    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** Adds a key with these endorsements ({@code null} for a key that names none). */
    synchronized Key addKey(String kid, List<String> endorsements) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            Key k = new Key(kid, g.generateKeyPair(), endorsements);
            keys.put(kid, k);
            return k;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key that is not published. */
    static Key unpublished(String kid) {
        return new BotFrameworkSigner().addKey(kid, List.of("msteams"));
    }

    /** The published JWK set. */
    synchronized String jwks() {
        ObjectNode set = JSON.createObjectNode();
        ArrayNode list = set.putArray("keys");
        for (Key k : keys.values()) {
            RSAPublicKey pub = (RSAPublicKey) k.pair().getPublic();
            ObjectNode jwk = list.addObject().put("kty", "RSA").put("use", "sig").put("kid", k.kid())
                    .put("n", B64.encodeToString(unsigned(pub.getModulus())))
                    .put("e", B64.encodeToString(unsigned(pub.getPublicExponent()))).put("alg", "RS256");
            if (k.endorsements() != null) {
                ArrayNode e = jwk.putArray("endorsements");
                k.endorsements().forEach(e::add);
            }
        }
        return set.toString();
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** Claims of a valid token for this app and service URL at {@code now}. */
    static ObjectNode claims(String appId, String serviceUrl, Instant now) {
        return JSON.createObjectNode().put("iss", ISSUER).put("aud", appId).put("serviceurl", serviceUrl)
                .put("nbf", now.getEpochSecond() - 10).put("exp", now.getEpochSecond() + 300);
    }

    /** Signs claims with a key, RS256. */
    static String sign(Key key, ObjectNode claims) {
        return sign(key.pair().getPrivate(), "RS256", key.kid(), claims);
    }

    /** Signs claims, with changes to the claims first. */
    static String sign(Key key, ObjectNode claims, Consumer<ObjectNode> change) {
        ObjectNode c = claims.deepCopy();
        change.accept(c);
        return sign(key, c);
    }

    static String sign(PrivateKey key, String alg, String kid, ObjectNode claims) {
        String input = part(JSON.createObjectNode().put("typ", "JWT").put("alg", alg).put("kid", kid)) + "." + part(claims);
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}). */
    static String unsignedToken(String kid, ObjectNode claims) {
        return part(JSON.createObjectNode().put("alg", "none").put("kid", kid)) + "." + part(claims) + ".";
    }

    /** A token MACed with HS256 using the public key's bytes as the secret (the classic confusion attack). */
    static String hmacWithPublicKey(Key key, ObjectNode claims) {
        String input = part(JSON.createObjectNode().put("typ", "JWT").put("alg", "HS256").put("kid", key.kid())) + "." + part(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.pair().getPublic().getEncoded(), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(ObjectNode node) {
        return B64.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
