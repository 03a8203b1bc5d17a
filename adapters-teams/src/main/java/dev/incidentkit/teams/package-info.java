/**
 * Microsoft Teams for incidentkit. {@link dev.incidentkit.teams.TeamsChatGateway} and
 * {@link dev.incidentkit.teams.TeamsDirectory} implement the chat and directory ports over the Bot Connector
 * REST API and Microsoft Graph; {@link dev.incidentkit.teams.TeamsInbound} is the bot's messaging endpoint:
 * it verifies the Bot Framework JWT, and hands mention commands, button presses, the status-update dialog
 * and the "Add to incident timeline" message action to a {@link dev.incidentkit.CommandHandler} such as
 * {@code IncidentKit}.
 *
 * <pre>{@code
 * TeamsConfig teams = TeamsConfig.from(System::getenv);   // TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID, TEAMS_TEAM_ID
 * TeamsChatGateway chat = TeamsChatGateway.builder(teams).build();
 * IncidentKit kit = IncidentKit.builder().chat(chat).directory(chat.directory()) ... .build();
 * TeamsInbound inbound = TeamsInbound.builder(teams, kit, store).chat(chat).build();
 *
 * HttpServer server = HttpServer.create(new InetSocketAddress(3978), 0);
 * server.createContext("/api/messages", inbound.httpHandler());
 * server.start();
 * }</pre>
 *
 * <p>Everything in {@code dev.incidentkit.teams.internal} is an implementation detail.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.teams;

import org.jspecify.annotations.NullMarked;
