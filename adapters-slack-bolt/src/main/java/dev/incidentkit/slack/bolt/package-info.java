/**
 * incidentkit on Slack's Bolt for Java.
 */
@NullMarked
package dev.incidentkit.slack.bolt;

import org.jspecify.annotations.NullMarked;
