package dev.incidentkit.examples;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.adapters.http.JdkHttpBinding;
import dev.incidentkit.github.GitHubConfig;
import dev.incidentkit.github.GitHubInbound;
import dev.incidentkit.github.GitHubIssueTracker;
import dev.incidentkit.jdbc.JdbcIncidentStore;
import dev.incidentkit.pagerduty.PagerDutyConfig;
import dev.incidentkit.pagerduty.PagerDutyInbound;
import dev.incidentkit.pagerduty.PagerDutyPager;
import dev.incidentkit.pagerduty.PagerDutyRotationSource;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackConfig;
import dev.incidentkit.slack.SlackInbound;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.teams.TeamsChatGateway;
import dev.incidentkit.teams.TeamsConfig;
import dev.incidentkit.teams.TeamsInbound;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.statuspage.StatuspageConfig;
import dev.incidentkit.statuspage.StatuspageStatusPublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The incident bot: {@link IncidentKit} wired to every adapter whose credentials are in the environment,
 * behind the chat adapter's binding for the JDK's HTTP server. The chat platform is Slack, or Microsoft Teams
 * when {@code TEAMS_APP_ID} is set. Every Slack request (slash commands, interactivity, events) arrives on
 * {@code /slack/events}; every Teams activity on {@code /api/messages}; {@code /healthz} answers a load
 * balancer.
 */
final class IncidentBot implements AutoCloseable {
    static final String SLACK_SETUP = """
            The bot needs a Slack app. Create one at https://api.slack.com/apps → "Create New App" → "From an app
            manifest", paste examples/slack-app-manifest.yml (replace YOUR-HOST with where this bot is reachable),
            install it to your workspace, then set:
              SLACK_BOT_TOKEN       the "Bot User OAuth Token" (xoxb-…) from "OAuth & Permissions"
              SLACK_SIGNING_SECRET  the "Signing Secret" from "Basic Information"
            Optional: INCIDENTKIT_PORT (default 3000), SLACK_API_URL (default https://slack.com/api; GovSlack, a proxy),
            INCIDENTKIT_DB_URL (default jdbc:h2:file:./incidentkit-data/incidentkit; jdbc:postgresql://… for replicas),
            INCIDENTKIT_REPLICA (default: the host name; keep it across restarts), INCIDENTKIT_DELIVERY_LEASE (default 15s;
            an ISO-8601 duration such as PT30S, or seconds),
            PAGERDUTY_TOKEN, PAGERDUTY_FROM_EMAIL, PAGERDUTY_SERVICE_ID (or PAGERDUTY_ROUTING_KEY), PAGERDUTY_WEBHOOK_SECRET,
            PAGERDUTY_SCHEDULE_ID, PAGERDUTY_API_URL,
            PAGERDUTY_EVENTS_URL; STATUSPAGE_TOKEN, STATUSPAGE_PAGE_ID, STATUSPAGE_API_URL; GITHUB_TOKEN, GITHUB_REPO,
            GITHUB_WEBHOOK_SECRET, GITHUB_API_URL.
            The manifest's slash command /incident, interactivity and event subscriptions all point at
            https://YOUR-HOST/slack/events.
            For Microsoft Teams instead, set TEAMS_APP_ID (and not the SLACK_ settings).""";

    static final String TEAMS_SETUP = """
            The bot needs an Azure Bot (single-tenant) whose Microsoft Entra app is also allowed to call Microsoft Graph,
            and a Teams app. Create the Azure Bot in the Azure portal with messaging endpoint https://YOUR-HOST/api/messages
            and enable its Microsoft Teams channel; give its Entra app a client secret and the Graph application permissions
            Channel.Create, ChannelSettings.ReadWrite.All, TeamMember.ReadWriteNonOwnerRole.All, TeamsTab.Create,
            User.Read.All (admin consent). Put the app id into examples/teams-app/manifest.json (replace
            YOUR-APP-ID and YOUR-HOST), zip manifest.json with color.png and outline.png, and have an admin upload it
            (Teams admin center → Manage apps → Upload) and add it to the team. Then set:
              TEAMS_APP_ID        the Entra application (client) id, which is the bot's Microsoft App ID
              TEAMS_APP_PASSWORD  the app's client secret
              TEAMS_TENANT_ID     the Entra tenant (directory) id
              TEAMS_TEAM_ID       the team's group id (Graph's team id; "Get link to team" shows it as groupId)
            Optional: TEAMS_SERVICE_URL, TEAMS_GRAPH_URL, TEAMS_LOGIN_URL, TEAMS_OPENID_METADATA_URL (other clouds, a
            proxy or a fake), TEAMS_TARGETED_MESSAGES=true (Teams' preview of messages only one person sees), and the
            store, PagerDuty, Statuspage and GitHub settings listed for Slack.""";

    private final HttpServer server;
    private final IncidentKit kit;
    private final AutoCloseable chat;
    private final AutoCloseable inbound;
    private final Runnable closeDatabase;

    private IncidentBot(HttpServer server, IncidentKit kit, AutoCloseable chat, AutoCloseable inbound,
                        Runnable closeDatabase) {
        this.server = server;
        this.kit = kit;
        this.chat = chat;
        this.inbound = inbound;
        this.closeDatabase = closeDatabase;
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
        boolean teamsWanted = present(env, "TEAMS_APP_ID");
        List<String> missing = new ArrayList<>();
        for (String name : teamsWanted ? List.of("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID", "TEAMS_TEAM_ID")
                : List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")) {
            if (env.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(" and ", missing) + ".\n"
                    + (teamsWanted ? TEAMS_SETUP : SLACK_SETUP));
        }
        if (teamsWanted && (present(env, "SLACK_BOT_TOKEN") || present(env, "SLACK_SIGNING_SECRET"))) {
            throw new IllegalArgumentException("both TEAMS_APP_ID and SLACK_ settings are set; one bot serves one chat"
                    + " platform: unset one of them");
        }
        int port = Integer.parseInt(env.getOrDefault("INCIDENTKIT_PORT", "3000"));
        List<String> status = new ArrayList<>();

        // The few lines a bot author writes: config from the environment, the gateway, the kit, the inbound.
        SlackConfig slack = teamsWanted ? null : SlackConfig.from(env::get);
        TeamsConfig teams = teamsWanted ? TeamsConfig.from(env::get) : null;
        SlackChatGateway slackChat = slack == null ? null : SlackChatGateway.builder(slack).build();
        TeamsChatGateway teamsChat = teams == null ? null : TeamsChatGateway.builder(teams).build();
        ChatGateway chat = slackChat != null ? slackChat : teamsChat;
        Directory people = slackChat != null ? slackChat.directory() : teamsChat.directory();
        Database database = store(env, status);
        IncidentStore store = database.store();
        IncidentKit.Builder kitBuilder = IncidentKit.builder()
                .store(store)
                .chat(chat)
                .directory(people);
        replica(env, kitBuilder, status);
        if (slack != null) {
            status.add("slack:        on  (POST /slack/events, API " + slack.apiUrl() + ")");
        } else {
            status.add("teams:        on  (POST /api/messages, team " + teams.teamId() + ", Graph " + teams.graphUrl()
                    + "; no pinning, links as tabs" + (teams.targetedMessages() ? ", targeted messages (preview)" : "") + ")");
        }

        // PagerDuty: the routing key alone pages through Events API v2; a REST API key adds REST paging and the rotation.
        PagerDutyConfig pd = present(env, "PAGERDUTY_TOKEN") || present(env, "PAGERDUTY_ROUTING_KEY")
                ? PagerDutyConfig.from(env::get) : null;
        PagerDutyPager pager = null;
        if (pd != null) {
            boolean rest = pd.missingFor("rest").isEmpty();
            pager = (rest ? PagerDutyPager.restApi(pd) : PagerDutyPager.eventsApi(pd)).people(people).build();
            kitBuilder.pager(pager);
            status.add("pager:        on  (PagerDuty " + (rest ? "REST API, From " + pd.fromEmail()
                    : pd.apiToken() == null ? "Events API v2, routing key only: no on-call rotation from PagerDuty" : "Events API v2") + ")");
            if (pd.missingFor("rotation").isEmpty()) {
                kitBuilder.rotation(PagerDutyRotationSource.builder(pd).people(people).build());
                status.add("rotation:     on  (PagerDuty on-call)");
            } else {
                status.add("rotation:     off (set " + String.join(" and ", pd.missingFor("rotation"))
                        + " for PagerDuty on-call; the declarer is IMOC)");
            }
        } else {
            status.add("pager:        off (set PAGERDUTY_ROUTING_KEY for Events API v2, "
                    + "or PAGERDUTY_TOKEN with PAGERDUTY_FROM_EMAIL and PAGERDUTY_SERVICE_ID for the REST API)");
        }
        if (present(env, "STATUSPAGE_TOKEN")) {
            kitBuilder.statusPublisher(StatuspageStatusPublisher.builder(StatuspageConfig.from(env::get)).build())
                    .previewPublicUpdates(true); // customers read it: show it to the IMOC before it goes out
            status.add("status page:  on  (Statuspage page " + env.get("STATUSPAGE_PAGE_ID") + ", with a preview before publishing)");
        } else {
            status.add("status page:  off (set STATUSPAGE_TOKEN and STATUSPAGE_PAGE_ID)");
        }
        GitHubConfig github = present(env, "GITHUB_TOKEN") ? GitHubConfig.from(env::get) : null;
        if (github != null) {
            kitBuilder.issueTracker(GitHubIssueTracker.builder(github).directory(people).build());
            status.add("issues:       on  (GitHub " + env.get("GITHUB_REPO") + ")");
        } else {
            status.add("issues:       off (set GITHUB_TOKEN and GITHUB_REPO)");
        }
        IncidentKit kit = kitBuilder.build();

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(JdkHttpBinding.executor(32)); // requests in parallel: a hung vendor holds no one else up
        AutoCloseable inbound;
        if (slackChat != null) {
            SlackInbound slackInbound = SlackInbound.builder(slack, kit, store).chat(slackChat).build();
            server.createContext("/slack/events", slackInbound.httpHandler());
            inbound = slackInbound;
        } else {
            TeamsInbound teamsInbound = TeamsInbound.builder(teams, kit, store).chat(teamsChat).build();
            server.createContext("/api/messages", teamsInbound.httpHandler());
            inbound = teamsInbound;
        }
        if (pd != null && pd.missingFor("inbound").isEmpty()) {
            server.createContext("/webhooks/pagerduty",
                    PagerDutyInbound.builder(pd, kit, store).pager(pager).people(people).build().httpHandler());
            status.add("webhooks:     PagerDuty on POST /webhooks/pagerduty");
        } else if (pd != null && pd.webhookSecret() != null) {
            status.add("webhooks:     PagerDuty off (set " + String.join(" and ", pd.missingFor("inbound")) + ")");
        }
        if (github != null && github.webhookSecret().isPresent()) {
            server.createContext("/webhooks/github", GitHubInbound.builder(github, kit, kit::incident, store).build().httpHandler());
            status.add("webhooks:     GitHub on POST /webhooks/github");
        }
        server.createContext("/healthz", exchange -> {
            byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(ok);
            }
        });
        server.start();
        out.println("incidentkit bot listening on port " + server.getAddress().getPort());
        status.forEach(line -> out.println("  " + line));
        return new IncidentBot(server, kit, slackChat != null ? slackChat : teamsChat, inbound, database.close());
    }

    private static boolean present(Map<String, String> env, String name) {
        return !env.getOrDefault(name, "").isBlank();
    }

    /** The store, and how to close its database once the kit has stopped. */
    private record Database(IncidentStore store, Runnable close) {}

    /**
     * The store: H2 in a file beside the bot by default, so incidents survive a restart; PostgreSQL (for
     * several replicas) when INCIDENTKIT_DB_URL says so. The store creates its tables on first start. On
     * H2 the URL gets {@code WRITE_DELAY=0} (H2 applies the URL's value each time it opens the database; 0
     * writes each commit before the bot answers, so a killed bot loses no answered command) and
     * {@code DB_CLOSE_ON_EXIT=FALSE} (the bot closes the database itself, after the kit has stopped).
     */
    private static Database store(Map<String, String> env, List<String> status) {
        String url = env.getOrDefault("INCIDENTKIT_DB_URL", "jdbc:h2:file:./incidentkit-data/incidentkit");
        if (url.startsWith("jdbc:postgresql:")) {
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(url);
            pool.setPoolName("incidentkit");
            pool.setMaximumPoolSize(10);
            HikariDataSource pg = new HikariDataSource(pool);
            status.add("store:        " + url.replaceAll("password=[^&;]*", "password=…") + " (a pool of 10 connections)");
            return new Database(JdbcIncidentStore.builder(pg).build(), pg::close);
        }
        if (!url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("INCIDENTKIT_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        for (String setting : List.of("WRITE_DELAY=0", "DB_CLOSE_ON_EXIT=FALSE")) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            if (!url.toUpperCase(java.util.Locale.ROOT).contains(";" + name)) {
                url += ";" + setting;
            }
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, env.getOrDefault("INCIDENTKIT_DB_USER", "sa"),
                env.getOrDefault("INCIDENTKIT_DB_PASSWORD", ""));
        status.add("store:        " + url.replaceAll("(?i)password=[^&;]*", "password=…"));
        return new Database(JdbcIncidentStore.builder(pool).build(), pool::dispose);
    }

    /**
     * Who this bot is among replicas, and how long its claim on a delivery lasts. The name should stay the
     * same across restarts: a bot that starts under its predecessor's name takes that one's deliveries
     * over at once instead of waiting for their leases to run out.
     */
    private static void replica(Map<String, String> env, IncidentKit.Builder kitBuilder, List<String> status) {
        String name = env.getOrDefault("INCIDENTKIT_REPLICA", "").strip();
        if (name.isEmpty()) {
            name = env.getOrDefault("HOSTNAME", "").strip();
        }
        if (name.isEmpty()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                name = "incident-bot";
            }
        }
        kitBuilder.replicaName(name);
        String lease = env.getOrDefault("INCIDENTKIT_DELIVERY_LEASE", "").strip();
        if (lease.isEmpty()) {
            status.add("replica:      " + name + " (delivery lease 15s, the default; set INCIDENTKIT_DELIVERY_LEASE)");
            return;
        }
        java.time.Duration d;
        try {
            d = lease.matches("\\d+") ? java.time.Duration.ofSeconds(Long.parseLong(lease)) : java.time.Duration.parse(lease);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("INCIDENTKIT_DELIVERY_LEASE must be seconds (30) or an ISO-8601 duration"
                    + " (PT30S); got " + lease);
        }
        kitBuilder.deliveryLease(d);
        status.add("replica:      " + name + " (delivery lease " + d.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + ")");
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

    /** Stops taking requests, stops the kit (releasing its claims), then closes the database: in that order. */
    @Override
    public void close() {
        server.stop(1);
        ((ExecutorService) server.getExecutor()).shutdown();
        closeQuietly(inbound);
        kit.close();
        closeQuietly(chat);
        closeDatabase.run();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("bot: closing " + c + " failed: " + e);
        }
    }
}
