package dev.incidentkit.adapters.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.webhook.WebhookVerifier.Verdict;
import dev.incidentkit.testkit.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class WebhookVerifierTest {
    // Slack's documented example (api-notes §2.9 and §7), repeated here so the test runs without the file.
    static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String SLACK_TS = "1531420618";
    static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> slackHeaders(String ts, String signature) {
        return Map.of("x-slack-request-timestamp", List.of(ts), "X-Slack-Signature", List.of(signature));
    }

    @Nested
    @DisplayName("every vector in webhook-signature-test-vectors.json")
    final class FromTheVectorsFile {

        @Test
        void allVectorsVerify() throws IOException {
            Optional<Path> file = ApiDescriptionValidator.locate("webhook-signature-test-vectors.json");
            assumeTrue(file.isPresent(), "shared/api-specs is not present");
            JsonNode vectors = new ObjectMapper().readTree(file.get().toFile()).path("vectors");
            int checked = 0;
            for (JsonNode v : vectors) {
                Secret secret = Secret.of(v.path("secret").asText());
                byte[] body = utf8(v.path("body").asText());
                String header = v.path("headers").path("signature").asText();
                String expected = v.path("expected_signature").asText();
                WebhookVerifier verifier;
                Map<String, List<String>> headers;
                switch (v.path("vendor").asText()) {
                    case "slack" -> {
                        String ts = v.path("timestamp").asText();
                        verifier = WebhookVerifier.slack(secret, TestClock.at(Instant.ofEpochSecond(Long.parseLong(ts))));
                        headers = Map.of(header, List.of(expected), v.path("headers").path("timestamp").asText(), List.of(ts));
                        assertThat(verifier.sign(ts, body)).isEqualTo(expected);
                    }
                    case "github" -> {
                        verifier = WebhookVerifier.github(secret);
                        headers = Map.of(header, List.of(expected));
                    }
                    case "pagerduty" -> {
                        verifier = WebhookVerifier.pagerDuty(secret);
                        headers = Map.of(header, List.of(expected));
                        String wrong = v.path("non_matching_signature_from_same_test").asText();
                        assertThat(verifier.verify(Map.of(header, List.of(wrong)), body)).isEqualTo(Verdict.FORGED);
                        assertThat(verifier.verify(Map.of(header, List.of(wrong + "," + expected)), body)).isEqualTo(Verdict.VALID);
                    }
                    default -> throw new AssertionError("unknown vendor " + v.path("vendor"));
                }
                assertThat(verifier.verify(headers, body)).as(v.path("vendor").asText()).isEqualTo(Verdict.VALID);
                byte[] tampered = body.clone();
                tampered[tampered.length - 1] ^= 1;
                assertThat(verifier.verify(headers, tampered)).as(v.path("vendor") + " tampered").isEqualTo(Verdict.FORGED);
                checked++;
            }
            assertThat(checked).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("Slack v0")
    final class Slack {
        final TestClock clock = TestClock.at(Instant.ofEpochSecond(Long.parseLong(SLACK_TS)));
        final WebhookVerifier verifier = WebhookVerifier.slack(Secret.of(SLACK_SECRET), clock);

        @Test
        void documentedExampleIsValid() {
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.VALID);
        }

        @Test
        void windowIsFiveMinutesEitherSide() {
            clock.advance(Duration.ofSeconds(300));
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.VALID);
            clock.advance(Duration.ofSeconds(1));
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.STALE);
            clock.set(Instant.ofEpochSecond(Long.parseLong(SLACK_TS) - 301)); // a timestamp from the future
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.STALE);
            clock.set(Instant.ofEpochSecond(Long.parseLong(SLACK_TS) - 300));
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.VALID);
        }

        @Test
        void forgedSignatureOrChangedBodyOrWrongSecretIsForged() {
            String forged = "v0=" + "0".repeat(64);
            assertThat(verifier.verify(slackHeaders(SLACK_TS, forged), utf8(SLACK_BODY))).isEqualTo(Verdict.FORGED);
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY.replace("text=", "text=x"))))
                    .isEqualTo(Verdict.FORGED);
            WebhookVerifier other = WebhookVerifier.slack(Secret.of("another-secret"), clock);
            assertThat(other.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.FORGED);
        }

        @Test
        void replayedSignatureWithANewTimestampIsForged() {
            String ts = Long.toString(Long.parseLong(SLACK_TS) + 10);
            assertThat(verifier.verify(slackHeaders(ts, SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.FORGED);
        }

        @Test
        void missingOrMalformedHeadersAreRejected() {
            assertThat(verifier.verify(Map.of(), utf8(SLACK_BODY))).isEqualTo(Verdict.MISSING);
            assertThat(verifier.verify(Map.of("X-Slack-Signature", List.of(SLACK_SIGNATURE)), utf8(SLACK_BODY)))
                    .isEqualTo(Verdict.MISSING);
            assertThat(verifier.verify(slackHeaders("yesterday", SLACK_SIGNATURE), utf8(SLACK_BODY))).isEqualTo(Verdict.MALFORMED);
            assertThat(verifier.verify(slackHeaders(SLACK_TS, "a2114d57b48e"), utf8(SLACK_BODY))).isEqualTo(Verdict.MALFORMED);
            assertThat(verifier.verify(slackHeaders(SLACK_TS, SLACK_SIGNATURE.replace("v0=", "v1=")), utf8(SLACK_BODY)))
                    .isEqualTo(Verdict.MALFORMED);
            assertThat(Verdict.MALFORMED.httpStatus()).isEqualTo(400);
            assertThat(Verdict.FORGED.httpStatus()).isEqualTo(401);
            assertThat(Verdict.STALE.httpStatus()).isEqualTo(401);
        }

        @Test
        void toStringNamesNoSecret() {
            assertThat(verifier.toString()).doesNotContain(SLACK_SECRET).contains("slack");
        }
    }

    @Nested
    @DisplayName("GitHub and PagerDuty")
    final class GitHubAndPagerDuty {

        @Test
        void githubHeaderWithoutPrefixIsMalformed() {
            WebhookVerifier gh = WebhookVerifier.github(Secret.of("It's a Secret to Everybody"));
            byte[] body = utf8("Hello, World!");
            String hex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
            assertThat(gh.verify(Map.of("X-Hub-Signature-256", List.of("sha256=" + hex)), body)).isEqualTo(Verdict.VALID);
            assertThat(gh.verify(Map.of("X-Hub-Signature-256", List.of(hex)), body)).isEqualTo(Verdict.MALFORMED);
            assertThat(gh.verify(Map.of("X-Hub-Signature", List.of("sha1=abc")), body)).isEqualTo(Verdict.MISSING);
        }

        @Test
        void pagerDutyAcceptsAnyOfSeveralSignatures() {
            WebhookVerifier pd = WebhookVerifier.pagerDuty(Secret.of("rotating"));
            byte[] body = utf8("{\"event\":{}}");
            String good = pd.sign("", body);
            String bad = "v1=" + "f".repeat(64);
            assertThat(pd.verify(Map.of("x-pagerduty-signature", List.of(bad + ", " + good)), body)).isEqualTo(Verdict.VALID);
            assertThat(pd.verify(Map.of("x-pagerduty-signature", List.of(bad + "," + bad)), body)).isEqualTo(Verdict.FORGED);
            assertThat(pd.verify(Map.of("x-pagerduty-signature", List.of("v2=abc")), body)).isEqualTo(Verdict.MALFORMED);
        }
    }
}
