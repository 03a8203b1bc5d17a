package dev.incidentkit.examples;

import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackConfig;
import dev.incidentkit.slack.SlackInbound;
import dev.incidentkit.spi.InMemoryIncidentStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The incident bot: {@link IncidentKit} wired to every adapter whose credentials are in the environment,
 * behind the Slack adapter's binding for the JDK's HTTP server. Every Slack request (slash commands,
 * interactivity, events) arrives on {@code /slack/events}; {@code /healthz} answers a load balancer.
 */
final class IncidentBot implements AutoCloseable {
    static final String SLACK_SETUP = """
            The bot needs a Slack app. Create one at https://api.slack.com/apps → "Create New App" → "From an app
            manifest", paste examples/slack-app-manifest.yml (replace YOUR-HOST with where this bot is reachable),
            install it to your workspace, then set:
              SLACK_BOT_TOKEN       the "Bot User OAuth Token" (xoxb-…) from "OAuth & Permissions"
              SLACK_SIGNING_SECRET  the "Signing Secret" from "Basic Information"
            Optional: INCIDENTKIT_PORT (default 3000), SLACK_API_URL (default https://slack.com/api; GovSlack, a proxy).
            The manifest's slash command /incident, interactivity and event subscriptions all point at
            https://YOUR-HOST/slack/events.""";

    private final HttpServer server;
    private final IncidentKit kit;
    private final SlackChatGateway chat;
    private final SlackInbound inbound;

    private IncidentBot(HttpServer server, IncidentKit kit, SlackChatGateway chat, SlackInbound inbound) {
        this.server = server;
        this.kit = kit;
        this.chat = chat;
        this.inbound = inbound;
    }

    /**
     * Starts the bot from environment variables.
     *
     * @param env the environment
     * @param out where to say which integrations are on
     * @return the running bot
     * @throws IllegalArgumentException naming every missing variable and how to get it
     */
    static IncidentBot start(Map<String, String> env, PrintStream out) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")) {
            if (env.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(" and ", missing) + ".\n" + SLACK_SETUP);
        }
        int port = Integer.parseInt(env.getOrDefault("INCIDENTKIT_PORT", "3000"));

        // The few lines a bot author writes: config from the environment, the gateway, the kit, the inbound.
        SlackConfig slack = SlackConfig.from(env::get);
        SlackChatGateway chat = SlackChatGateway.builder(slack).build();
        IncidentKit kit = IncidentKit.builder()
                .store(new InMemoryIncidentStore())
                .chat(chat)
                .directory(chat.directory())
                .build();
        SlackInbound inbound = SlackInbound.builder(slack, kit).chat(chat).build();

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/slack/events", inbound.httpHandler());
        server.createContext("/healthz", exchange -> {
            byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(ok);
            }
        });
        server.start();
        out.println("incidentkit bot listening on port " + server.getAddress().getPort());
        out.println("  slack:        on  (POST /slack/events, API " + slack.apiUrl() + ")");
        out.println("  pager:        off (no PagerDuty adapter in this build)");
        out.println("  status page:  off (no Statuspage adapter in this build)");
        out.println("  issues:       off (no GitHub adapter in this build)");
        out.println("  store:        in memory (incidents are forgotten on restart)");
        return new IncidentBot(server, kit, chat, inbound);
    }

    int port() {
        return server.getAddress().getPort();
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        IncidentBot bot;
        try {
            bot = start(env, out);
        } catch (IllegalArgumentException e) {
            err.println("bot: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("bot: cannot listen: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            stopped.countDown();
        }, "incidentkit-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    @Override
    public void close() {
        server.stop(1);
        inbound.close();
        kit.close();
        chat.close();
    }
}
