/**
 * Checks that an inbound webhook really comes from the vendor:
 * {@link dev.incidentkit.adapters.webhook.WebhookVerifier} computes HMAC-SHA256 over the raw body, compares
 * in constant time, and for vendors that sign a timestamp (Slack) rejects requests outside a two-sided
 * five-minute window read from an injected clock.
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
