/**
 * What every incidentkit HTTP adapter shares. {@link dev.incidentkit.adapters.Secret} carries tokens and
 * signing secrets without ever printing them; {@link dev.incidentkit.adapters.http} holds the JSON-over-HTTP
 * client, its retry policy and the per-key rate limiter; {@link dev.incidentkit.adapters.webhook} checks
 * the signatures of inbound webhooks.
 *
 * <p>Adapters depend on this module and on core, never on each other.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.adapters;

import org.jspecify.annotations.NullMarked;
