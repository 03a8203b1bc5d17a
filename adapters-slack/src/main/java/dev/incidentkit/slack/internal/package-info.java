/**
 * Implementation details of the Slack adapter: Block Kit rendering, error mapping, channel-name rules,
 * form decoding and the status-update modal. Nothing here is API: types may change or vanish in any
 * release without notice.
 */
@NullMarked
package dev.incidentkit.slack.internal;

import org.jspecify.annotations.NullMarked;
