package dev.incidentkit.adapters.webhook;

import java.util.List;
import java.util.Map;

/**
 * Decides whether an inbound request really comes from the vendor, from its headers and its raw body,
 * before anything reads it. {@link WebhookVerifier} is the HMAC kind (Slack, GitHub, PagerDuty); a vendor
 * that signs with a public key (Microsoft Teams' Bot Framework JWT) brings its own implementation.
 *
 * <p>Implementations are thread-safe, log nothing from the headers or the body, and never throw for
 * anything in the request: a request they cannot read is {@link WebhookVerifier.Verdict#MALFORMED}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RequestVerifier {

    /**
     * Checks a request.
     *
     * @param headers the request headers, names in any case
     * @param body the raw body, exactly as received
     * @return the verdict
     */
    WebhookVerifier.Verdict verify(Map<String, List<String>> headers, byte[] body);
}
