/**
 * JSON over HTTP for adapters: {@link dev.incidentkit.adapters.http.JsonHttpClient} sends
 * {@link dev.incidentkit.adapters.http.JsonRequest}s on {@code java.net.http}, turns every failure into a
 * typed {@link dev.incidentkit.spi.PortException}, and retries what is safe to retry with Resilience4j,
 * honouring {@code Retry-After} ({@link dev.incidentkit.adapters.http.RetryPolicy}).
 * {@link dev.incidentkit.adapters.http.KeyedRateLimiter} paces calls per key (Slack limits posting per
 * channel), queueing rather than dropping and keeping each key's order. Inbound endpoints (vendors calling
 * us) take an {@link dev.incidentkit.adapters.http.InboundRequest} and answer an
 * {@link dev.incidentkit.adapters.http.InboundResponse}, whatever the HTTP framework;
 * {@link dev.incidentkit.adapters.http.JdkHttpBinding} hosts one on the JDK's {@code HttpServer}.
 *
 * <pre>{@code
 * JsonHttpClient http = JsonHttpClient.builder("slack", URI.create("https://slack.com/api/"))
 *     .bearer(() -> token)
 *     .errorMapper(mySlackErrors)
 *     .build();
 * JsonResponse r = http.send(JsonRequest.post("chat.postMessage", "chat.postMessage", body));
 * }</pre>
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.adapters.http;

import org.jspecify.annotations.NullMarked;
