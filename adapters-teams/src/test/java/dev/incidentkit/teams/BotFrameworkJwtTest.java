package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.adapters.webhook.WebhookVerifier.Verdict;
import dev.incidentkit.teams.internal.BotFrameworkJwt;
import dev.incidentkit.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Bot Framework JWT check with a locally minted key set, positive and the negative cases of
 * api-notes-teams §9.
 */
final class BotFrameworkJwtTest {
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final BotFrameworkSigner.Key key = teams.signer.addKey("key-main", List.of("msteams", "webchat"));
    private final BotFrameworkJwt verifier = new BotFrameworkJwt(FakeTeams.APP_ID,
            URI.create(teams.server.baseUri() + "/v1/.well-known/openidconfiguration"), HttpClient.newHttpClient(),
            Duration.ofSeconds(2), clock);
    private final String serviceUrl = teams.serviceUrl().toString();
    private final byte[] activity = ("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"" + serviceUrl
            + "\",\"text\":\"hi\"}").getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        teams.close();
    }

    private ObjectNode claims() {
        return BotFrameworkSigner.claims(FakeTeams.APP_ID, serviceUrl, clock.instant());
    }

    private Verdict verify(String token) {
        return verifier.verify(Map.of("Authorization", List.of("Bearer " + token)), activity);
    }

    private Verdict verifyHeader(String header) {
        return verifier.verify(Map.of("authorization", List.of(header)), activity);
    }

    private long keyFetches() {
        return teams.server.requests("GET", "/v1/.well-known/keys").size();
    }

    @Test
    void aValidTokenPasses() {
        assertThat(verify(BotFrameworkSigner.sign(key, claims()))).isEqualTo(Verdict.VALID);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> {
            c.remove("serviceurl");
            c.put("serviceUrl", serviceUrl);
        }))).as("the claim as the doc spells it").isEqualTo(Verdict.VALID);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.putArray("aud").add("other").add(FakeTeams.APP_ID))))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void wrongIssuerAudienceOrServiceUrlIsRefused() {
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.put("iss", "https://api.botframework.com/"))))
                .isEqualTo(Verdict.FORGED);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.put("iss",
                "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")))).as("emulator").isEqualTo(Verdict.FORGED);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.put("aud", "another-app")))).isEqualTo(Verdict.FORGED);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.put("serviceurl", "https://evil.example/"))))
                .isEqualTo(Verdict.FORGED);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.remove("serviceurl")))).isEqualTo(Verdict.FORGED);
    }

    @Test
    void lifetimeHoldsWithFiveMinutesOfSkew() {
        String token = BotFrameworkSigner.sign(key, claims()); // exp = now + 300 s
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(verify(token)).as("expired 4m59s ago").isEqualTo(Verdict.VALID);
        clock.advance(Duration.ofSeconds(2));
        assertThat(verify(token)).as("expired over 5 minutes ago").isEqualTo(Verdict.STALE);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.put("nbf", clock.instant().getEpochSecond() + 301))))
                .isEqualTo(Verdict.STALE);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.put("nbf", clock.instant().getEpochSecond() + 299))))
                .isEqualTo(Verdict.VALID);
        assertThat(verify(BotFrameworkSigner.sign(key, claims(), c -> c.remove("exp")))).isEqualTo(Verdict.STALE);
    }

    @Test
    void anUnknownKeyIsRefusedAndFetchedForAtMostHourly() {
        assertThat(verify(BotFrameworkSigner.sign(key, claims()))).isEqualTo(Verdict.VALID);
        assertThat(keyFetches()).isEqualTo(1);
        BotFrameworkSigner.Key stranger = BotFrameworkSigner.unpublished("key-stranger");
        assertThat(verify(BotFrameworkSigner.sign(stranger, claims()))).isEqualTo(Verdict.FORGED);
        assertThat(keyFetches()).as("an unknown kid fetches the keys again").isEqualTo(2);
        assertThat(verify(BotFrameworkSigner.sign(BotFrameworkSigner.unpublished("key-other"), claims())))
                .isEqualTo(Verdict.FORGED);
        assertThat(keyFetches()).as("but not twice within the hour").isEqualTo(2);

        BotFrameworkSigner.Key rotated = teams.signer.addKey("key-new", List.of("msteams"));
        assertThat(verify(BotFrameworkSigner.sign(rotated, claims()))).as("still within the hour").isEqualTo(Verdict.FORGED);
        clock.advance(Duration.ofMinutes(61));
        assertThat(verify(BotFrameworkSigner.sign(rotated, BotFrameworkSigner.claims(FakeTeams.APP_ID, serviceUrl,
                clock.instant())))).as("a new key is found once the hour passed").isEqualTo(Verdict.VALID);
    }

    @Test
    void theKeySetIsFetchedAgainDaily() {
        assertThat(verify(BotFrameworkSigner.sign(key, claims()))).isEqualTo(Verdict.VALID);
        clock.advance(Duration.ofHours(23));
        assertThat(verify(BotFrameworkSigner.sign(key, BotFrameworkSigner.claims(FakeTeams.APP_ID, serviceUrl, clock.instant()))))
                .isEqualTo(Verdict.VALID);
        assertThat(keyFetches()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(verify(BotFrameworkSigner.sign(key, BotFrameworkSigner.claims(FakeTeams.APP_ID, serviceUrl, clock.instant()))))
                .isEqualTo(Verdict.VALID);
        assertThat(keyFetches()).isEqualTo(2);
    }

    @Test
    void aKeyNotEndorsedForTeamsIsRefused() {
        BotFrameworkSigner.Key webchatOnly = teams.signer.addKey("key-webchat", List.of("webchat"));
        assertThat(verify(BotFrameworkSigner.sign(webchatOnly, claims()))).isEqualTo(Verdict.REFUSED);
        assertThat(Verdict.REFUSED.httpStatus()).isEqualTo(403);
        BotFrameworkSigner.Key none = teams.signer.addKey("key-no-endorsements", null);
        assertThat(verify(BotFrameworkSigner.sign(none, claims()))).isEqualTo(Verdict.REFUSED);
    }

    @Test
    void badSignaturesAndAlgorithmsAreRefused() {
        String token = BotFrameworkSigner.sign(key, claims());
        String[] parts = token.split("\\.");
        String otherPayload = BotFrameworkSigner.sign(key, claims(), c -> c.put("aud", "x")).split("\\.")[1];
        assertThat(verify(parts[0] + "." + otherPayload + "." + parts[2])).as("tampered payload").isEqualTo(Verdict.FORGED);
        BotFrameworkSigner.Key impostor = BotFrameworkSigner.unpublished("key-main"); // same kid, other key
        assertThat(verify(BotFrameworkSigner.sign(impostor, claims()))).isEqualTo(Verdict.FORGED);
        assertThat(verify(BotFrameworkSigner.unsignedToken("key-main", claims()))).as("alg none").isEqualTo(Verdict.FORGED);
        assertThat(verify(BotFrameworkSigner.hmacWithPublicKey(key, claims()))).as("HS256").isEqualTo(Verdict.FORGED);
    }

    @Test
    void aMissingOrOddHeaderIsRefused() {
        assertThat(verifier.verify(Map.of(), activity)).isEqualTo(Verdict.MISSING);
        String token = BotFrameworkSigner.sign(key, claims());
        assertThat(verifyHeader("bearer " + token)).isEqualTo(Verdict.MALFORMED);
        assertThat(verifyHeader("Basic " + token)).isEqualTo(Verdict.MALFORMED);
        assertThat(verifyHeader("Bearer  " + token)).isEqualTo(Verdict.MALFORMED);
        assertThat(verifyHeader("Bearer not.a-token")).isEqualTo(Verdict.MALFORMED);
        assertThat(verifyHeader("Bearer " + token)).isEqualTo(Verdict.VALID);
        assertThat(verifier.verify(Map.of("Authorization", List.of("Bearer " + token)), "not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Verdict.MALFORMED);
    }
}
