/**
 * Implementation details of the Teams adapter: the client-credentials token cache, Bot Framework JWT
 * verification, Adaptive Card rendering, channel-name rules and the REST clients for the Bot Connector and
 * Microsoft Graph. Nothing here is API: types may change or vanish in any release without notice.
 */
@NullMarked
package dev.incidentkit.teams.internal;

import org.jspecify.annotations.NullMarked;
