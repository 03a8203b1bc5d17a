/**
 * Slack for incidentkit. {@link dev.incidentkit.slack.SlackChatGateway} and
 * {@link dev.incidentkit.slack.SlackDirectory} implement the chat and directory ports over the Slack Web
 * API; {@link dev.incidentkit.slack.SlackInbound} takes Slack's requests (slash commands, buttons, the
 * status-update modal, Events API reactions), checks their signature, and hands the text to a
 * {@link dev.incidentkit.CommandHandler} such as {@code IncidentKit}.
 *
 * <pre>{@code
 * SlackConfig slack = SlackConfig.from(System::getenv);     // SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET
 * SlackChatGateway chat = SlackChatGateway.builder(slack).build();
 * SlackInbound inbound = SlackInbound.builder(slack, kit).chat(chat).build();
 *
 * HttpServer server = HttpServer.create(new InetSocketAddress(3000), 0);
 * server.createContext("/slack/events", inbound.httpHandler());
 * server.start();
 * }</pre>
 *
 * <p>Everything in {@code dev.incidentkit.slack.internal} is an implementation detail.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.slack;

import org.jspecify.annotations.NullMarked;
