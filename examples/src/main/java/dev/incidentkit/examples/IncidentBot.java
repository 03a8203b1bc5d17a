package dev.incidentkit.examples;

import com.sun.net.httpserver.HttpServer;
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
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

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
            Optional: INCIDENTKIT_PORT (default 3000), SLACK_API_URL (default https://slack.com/api; GovSlack, a proxy),
            INCIDENTKIT_DB_URL (default jdbc:h2:file:./incidentkit-data/incidentkit; jdbc:postgresql://… for replicas),
            PAGERDUTY_TOKEN, PAGERDUTY_FROM_EMAIL, PAGERDUTY_SERVICE_ID (or PAGERDUTY_ROUTING_KEY), PAGERDUTY_WEBHOOK_SECRET,
            PAGERDUTY_SCHEDULE_ID, PAGERDUTY_API_URL,
            PAGERDUTY_EVENTS_URL; STATUSPAGE_TOKEN, STATUSPAGE_PAGE_ID, STATUSPAGE_API_URL; GITHUB_TOKEN, GITHUB_REPO,
            GITHUB_WEBHOOK_SECRET, GITHUB_API_URL.
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
        List<String> status = new ArrayList<>();

        // The few lines a bot author writes: config from the environment, the gateway, the kit, the inbound.
        SlackConfig slack = SlackConfig.from(env::get);
        SlackChatGateway chat = SlackChatGateway.builder(slack).build();
        Directory people = chat.directory();
        IncidentStore store = store(env, status);
        IncidentKit.Builder kitBuilder = IncidentKit.builder()
                .store(store)
                .chat(chat)
                .directory(people);
        status.add("slack:        on  (POST /slack/events, API " + slack.apiUrl() + ")");

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
        SlackInbound inbound = SlackInbound.builder(slack, kit, store).chat(chat).build();

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(JdkHttpBinding.executor(32)); // requests in parallel: a hung vendor holds no one else up
        server.createContext("/slack/events", inbound.httpHandler());
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
        return new IncidentBot(server, kit, chat, inbound);
    }

    private static boolean present(Map<String, String> env, String name) {
        return !env.getOrDefault(name, "").isBlank();
    }

    /**
     * The store: H2 in a file beside the bot by default, so incidents survive a restart; PostgreSQL (for
     * several replicas) when INCIDENTKIT_DB_URL says so. The store creates its tables on first start.
     */
    private static IncidentStore store(Map<String, String> env, List<String> status) {
        String url = env.getOrDefault("INCIDENTKIT_DB_URL", "jdbc:h2:file:./incidentkit-data/incidentkit");
        DataSource dataSource;
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            dataSource = pg;
        } else if (url.startsWith("jdbc:h2:")) {
            dataSource = JdbcConnectionPool.create(url, env.getOrDefault("INCIDENTKIT_DB_USER", "sa"),
                    env.getOrDefault("INCIDENTKIT_DB_PASSWORD", ""));
        } else {
            throw new IllegalArgumentException("INCIDENTKIT_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        status.add("store:        " + url.replaceAll("password=[^&;]*", "password=…"));
        return JdbcIncidentStore.builder(dataSource).build();
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
        ((ExecutorService) server.getExecutor()).shutdown();
        inbound.close();
        kit.close();
        chat.close();
    }
}
