/**
 * PagerDuty for incidentkit. {@link dev.incidentkit.pagerduty.PagerDutyPager} pages through REST API v2
 * incidents or Events API v2 (which needs only the routing key), one page per incident and person, and
 * resolves the pages when the incident resolves;
 * {@link dev.incidentkit.pagerduty.PagerDutyRotationSource} reads who is on call from a schedule or an
 * escalation policy; {@link dev.incidentkit.pagerduty.PagerDutyDirectory} finds PagerDuty users by email;
 * {@link dev.incidentkit.pagerduty.PagerDutyInbound} takes webhooks v3, checks their signature, and records
 * acknowledgements (and, opt-in, declares incidents) on the kit.
 *
 * <pre>{@code
 * PagerDutyConfig pd = PagerDutyConfig.from(System::getenv);   // PAGERDUTY_TOKEN, PAGERDUTY_FROM_EMAIL, …
 * PagerDutyPager pager = PagerDutyPager.restApi(pd).people(slackDirectory).build();
 * IncidentKit kit = IncidentKit.builder().chat(chat).pager(pager).build();
 * PagerDutyInbound inbound = PagerDutyInbound.builder(pd, kit).pager(pager).people(slackDirectory).build();
 * server.createContext("/webhooks/pagerduty", inbound.httpHandler());
 * }</pre>
 *
 * <p>Everything in {@code dev.incidentkit.pagerduty.internal} is an implementation detail.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.pagerduty;

import org.jspecify.annotations.NullMarked;
