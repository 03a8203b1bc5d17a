package dev.incidentkit.spring;

import dev.incidentkit.adapters.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The incidentkit.* settings. Each adapter is switched on by its module on the class path and its
 * required settings here (a blank value counts as unset, so bot-token: ${SLACK_BOT_TOKEN:} is
 * safe); every bean the starter makes can be replaced by declaring one of the same type.
 *
 * <p>Secrets (tokens, signing and webhook secrets, routing keys) are bound as {@link Secret}, so the
 * properties' toString never shows them, and the actuator's /configprops and /env
 * mask them even when told to show values. Immutable.
 *
 * @param enabled whether incidentkit is configured at all; false turns every part of the starter off
 * @param replicaName this replica's name when several share one store (the claim owner of deliveries); keep
 *     it stable across restarts, e.g. the pod name. Default: the HOSTNAME variable, else a random name
 * @param deliveryLease how long a claim on a delivery lasts unless renewed; at least three ticks
 * @param tickEvery how often the kit fires due reminders and hands due deliveries out; 0 turns its
 *     thread off
 * @param zone the zone in which people's clock times such as 14:02 are read
 * @param previewPublicUpdates whether a public status update is shown to its sender with a Confirm button
 *     before it is published. Default: on when a status page is configured
 * @param store the store's settings
 * @param slack Slack: the chat platform, its directory of people and the /incident endpoint
 * @param pagerduty PagerDuty: paging, the on-call rotation and webhooks
 * @param statuspage Statuspage: the public status page
 * @param github GitHub: the service-disruption report and follow-up issues, and webhooks
 * @since 0.1
 */
@ConfigurationProperties("incidentkit")
public record IncidentKitProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String replicaName,
        @DefaultValue("15s") Duration deliveryLease,
        @DefaultValue("1s") Duration tickEvery,
        @DefaultValue("UTC") ZoneId zone,
        @Nullable Boolean previewPublicUpdates,
        @DefaultValue Store store,
        @DefaultValue Slack slack,
        @DefaultValue PagerDuty pagerduty,
        @DefaultValue Statuspage statuspage,
        @DefaultValue GitHub github) {

    /**
     * The store. With incidentkit-store-jdbc on the class path and a DataSource in the
     * application, incidents are kept in that database; otherwise in memory (lost on restart: not for
     * production, and the starter says so at start-up).
     *
     * @param createSchema whether the JDBC store creates and upgrades its tables at start-up
     * @param idPrefix the prefix of incident ids, e.g. INC for INC-42; default the store's own
     * @since 0.1
     */
    public record Store(@DefaultValue("true") boolean createSchema, @Nullable String idPrefix) {}

    /**
     * Slack. On when incidentkit-adapters-slack is on the class path and both bot-token and
     * signing-secret are set.
     *
     * @param botToken the bot token (xoxb-…) from the app's "OAuth and Permissions" page
     * @param signingSecret the signing secret from the app's "Basic Information" page; verifies Slack's requests
     * @param apiUrl the Web API's base URL; default https://slack.com/api (set it for GovSlack, a proxy
     *     or a fake)
     * @param noteReaction the reaction that turns a message into a timeline note, without colons; default
     *     pushpin
     * @param requestTimeout how long one Web API call may take; default 10 s
     * @param path where Slack's requests (slash commands, interactivity, events) arrive in Spring MVC
     * @param maxBodySize the largest request body accepted; larger ones are answered 413
     * @since 0.1
     */
    public record Slack(
            @Nullable Secret botToken,
            @Nullable Secret signingSecret,
            @Nullable URI apiUrl,
            @Nullable String noteReaction,
            @Nullable Duration requestTimeout,
            @DefaultValue("/slack/events") String path,
            @DefaultValue("1MB") DataSize maxBodySize) {}

    /**
     * PagerDuty. On when incidentkit-adapters-pagerduty is on the class path and token or
     * routing-key is set. With token, from-email and service-id it pages through
     * the REST API, else through Events API v2 with the routing key; token with schedule-id (or
     * escalation-policy-id) adds the IMOC rotation; token with webhook-secret adds the
     * webhook endpoint.
     *
     * @param token a REST API key (Integrations › API Access Keys)
     * @param fromEmail the email of a PagerDuty user, sent as From on REST writes
     * @param webhookSecret the webhook subscription's signing secret
     * @param routingKey the Events API v2 integration key of a service
     * @param serviceId the service REST incidents are opened on, e.g. PWIXJZS
     * @param escalationPolicyId an escalation policy to page, or to take the rotation from
     * @param scheduleId the on-call schedule the IMOC rotation follows
     * @param declareServiceIds services whose triggered PagerDuty incidents declare an incident here
     * @param apiUrl the REST base URL; default https://api.pagerduty.com (the EU region, a proxy, a fake)
     * @param eventsUrl the Events API base URL without /v2; default https://events.pagerduty.com
     * @param requestTimeout how long one call may take; default the adapter's
     * @param path where PagerDuty's webhooks arrive in Spring MVC
     * @param maxBodySize the largest webhook body accepted; larger ones are answered 413
     * @since 0.1
     */
    public record PagerDuty(
            @Nullable Secret token,
            @Nullable String fromEmail,
            @Nullable Secret webhookSecret,
            @Nullable Secret routingKey,
            @Nullable String serviceId,
            @Nullable String escalationPolicyId,
            @Nullable String scheduleId,
            @DefaultValue Set<String> declareServiceIds,
            @Nullable URI apiUrl,
            @Nullable URI eventsUrl,
            @Nullable Duration requestTimeout,
            @DefaultValue("/webhooks/pagerduty") String path,
            @DefaultValue("512KB") DataSize maxBodySize) {}

    /**
     * Statuspage. On when incidentkit-adapters-statuspage is on the class path and both token
     * and page-id are set.
     *
     * @param token the API key (your avatar › API info)
     * @param pageId the public page's id
     * @param sandboxPageId a practice page for drills; without one, drills' updates stay in the channel
     * @param apiUrl the API's base URL; default https://api.statuspage.io/v1
     * @param restoreComponentsOnResolve whether resolving sets every affected component back to operational;
     *     default the adapter's
     * @param requestTimeout how long one call may take; default the adapter's
     * @since 0.1
     */
    public record Statuspage(
            @Nullable Secret token,
            @Nullable String pageId,
            @Nullable String sandboxPageId,
            @Nullable URI apiUrl,
            @Nullable Boolean restoreComponentsOnResolve,
            @Nullable Duration requestTimeout) {}

    /**
     * GitHub. On when incidentkit-adapters-github is on the class path and both token and
     * repository are set; webhook-secret adds the webhook endpoint.
     *
     * @param token a token that may write issues in the repository
     * @param repository the repository, owner/name
     * @param webhookSecret the webhook's secret, to verify X-Hub-Signature-256
     * @param apiUrl the REST API's base URL; default https://api.github.com (https://HOST/api/v3
     *     for GitHub Enterprise Server)
     * @param requestTimeout how long one call may take; default the adapter's
     * @param path where GitHub's webhooks arrive in Spring MVC
     * @param maxBodySize the largest webhook body accepted; larger ones are answered 413
     * @since 0.1
     */
    public record GitHub(
            @Nullable Secret token,
            @Nullable String repository,
            @Nullable Secret webhookSecret,
            @Nullable URI apiUrl,
            @Nullable Duration requestTimeout,
            @DefaultValue("/webhooks/github") String path,
            @DefaultValue("1MB") DataSize maxBodySize) {}
}
