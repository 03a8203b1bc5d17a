/**
 * incidentkit on Slack's Bolt for Java. {@link dev.incidentkit.slack.bolt.IncidentKitBolt} installs the kit on
 * an existing {@code com.slack.api.bolt.App} in one call (the slash command, the kit's buttons, the
 * status-update modal and the note reaction, beside the host's own handlers) and builds a
 * {@link dev.incidentkit.slack.SlackChatGateway} whose calls go through the app's {@code MethodsClient}.
 *
 * <pre>{@code
 * SlackChatGateway chat = IncidentKitBolt.chatGateway(app).build();
 * IncidentKit kit = IncidentKit.builder().store(store).chat(chat).directory(chat.directory()).build();
 * IncidentKitBolt incidents = IncidentKitBolt.builder(app, kit, store).chat(chat).install();
 * }</pre>
 *
 * <p>Everything in {@code dev.incidentkit.slack.bolt.internal} is an implementation detail.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.slack.bolt;

import org.jspecify.annotations.NullMarked;
