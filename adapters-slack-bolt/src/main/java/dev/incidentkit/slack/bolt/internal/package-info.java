/**
 * Implementation details of the Bolt binding: the bridge that lets incidentkit's Slack client send
 * through a Bolt app's OkHttp client. Nothing here is API.
 */
@NullMarked
package dev.incidentkit.slack.bolt.internal;

import org.jspecify.annotations.NullMarked;
