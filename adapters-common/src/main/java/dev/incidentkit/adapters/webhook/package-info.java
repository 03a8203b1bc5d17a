/**
 * Checks that an inbound webhook really comes from the vendor:
 * {@link dev.incidentkit.adapters.webhook.WebhookVerifier} computes HMAC-SHA256 over the raw body, compares
 * in constant time, and for vendors that sign a timestamp (Slack) rejects requests outside a two-sided
 * five-minute window read from an injected clock. {@link dev.incidentkit.adapters.webhook.InboundGate} is
 * the one door every inbound adapter uses: POST only, a body limit, the signature, and de-duplication of
 * deliveries through the store's {@link dev.incidentkit.spi.DeliveryLog}, with the same answers for every
 * vendor.
 *
 * <pre>{@code
 * WebhookVerifier slack = WebhookVerifier.slack(signingSecret, clock);
 * if (!slack.verify(headers, rawBody).valid()) { respond(401); }
 * }</pre>
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.adapters.webhook;

import org.jspecify.annotations.NullMarked;
