package dev.incidentkit.teams.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.adapters.http.JsonHttpClient;
import dev.incidentkit.adapters.http.JsonRequest;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.internal.NamedThreads;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.teams.TeamsConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two REST APIs a Teams bot speaks, with the app's tokens: the Bot Connector at the conversation's
 * {@code serviceUrl} (one client per service URL, since the URL can change, api-notes-teams §4.2) and
 * Microsoft Graph. Both retry through {@link JsonHttpClient} (429 after its {@code Retry-After}), and a
 * 401 makes the next call fetch a fresh token. The service URL is replaced only by one taken from a
 * verified activity (its JWT binds it), so the Connector token never goes to a host a caller chose.
 * Thread-safe.
 */
public final class TeamsApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamsApi.class);
    private static final java.util.regex.Pattern ENTRA_ID =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final java.util.regex.Pattern UPN = java.util.regex.Pattern.compile("[^\\s@]+@[^\\s@]+");

    private final TeamsConfig config;
    private final AccessTokens tokens;
    private final JsonHttpClient graph;
    private final Map<URI, JsonHttpClient> connectors = new ConcurrentHashMap<>();
    private final AtomicReference<URI> serviceUrl;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ObjectMapper json = new ObjectMapper();

    /** Creates the clients; nothing is sent until a call. */
    public TeamsApi(TeamsConfig config, Clock clock, RetryPolicy retryPolicy, @Nullable HttpClient httpClient,
                    @Nullable ScheduledExecutorService scheduler) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
        this.http = httpClient != null ? httpClient : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler
                : Executors.newSingleThreadScheduledExecutor(new NamedThreads("incidentkit-teams-retry"));
        this.tokens = new AccessTokens(config.loginUrl(), config.tenantId(), config.appId(), config.appPassword(),
                this.http, config.requestTimeout(), clock);
        this.serviceUrl = new AtomicReference<>(config.serviceUrl());
        this.graph = client("graph", config.graphUrl(), AccessTokens.GRAPH_SCOPE,
                "check the app's Graph application permissions and admin consent (see the README)");
    }

    private JsonHttpClient client(String vendor, URI base, String scope, String advice) {
        return JsonHttpClient.builder(vendor, base)
                .bearer(() -> tokens.token(scope))
                .errorMapper(new MicrosoftErrors(advice))
                .retryPolicy(retryPolicy)
                .requestTimeout(config.requestTimeout())
                .httpClient(http)
                .scheduler(scheduler)
                .objectMapper(json)
                .clock(clock)
                .build();
    }

    /** The Jackson mapper. */
    public ObjectMapper json() {
        return json;
    }

    /** The token cache, shared with anything else that calls as the app. */
    public AccessTokens tokens() {
        return tokens;
    }

    /** The JDK client, shared with the inbound verifier's key fetches. */
    public HttpClient http() {
        return http;
    }

    /** The config. */
    public TeamsConfig config() {
        return config;
    }

    /** The Bot Connector endpoint calls go to now. */
    public URI serviceUrl() {
        return serviceUrl.get();
    }

    /** Keeps the service URL of a verified activity, if it differs from the one in use. */
    public void serviceUrl(URI fromVerifiedActivity) {
        URI before = serviceUrl.getAndSet(requireNonNull(fromVerifiedActivity, "fromVerifiedActivity"));
        if (!before.equals(fromVerifiedActivity)) {
            log.debug("Bot Connector service URL is now {}", fromVerifiedActivity);
        }
    }

    /** Calls the Bot Connector at the current service URL. */
    public JsonNode connector(JsonRequest request) {
        JsonHttpClient c = connectors.computeIfAbsent(serviceUrl.get(), u -> client("teams-connector", u,
                AccessTokens.CONNECTOR_SCOPE, "check TEAMS_APP_ID/TEAMS_APP_PASSWORD and that the bot is installed in the team"));
        return send(c, request, AccessTokens.CONNECTOR_SCOPE);
    }

    /** Calls Microsoft Graph. */
    public JsonNode graph(JsonRequest request) {
        return send(graph, request, AccessTokens.GRAPH_SCOPE);
    }

    private JsonNode send(JsonHttpClient client, JsonRequest request, String scope) {
        try {
            return client.send(request).body();
        } catch (PortException e) {
            if (e.httpStatus() == 401) {
                tokens.invalidate(scope);
            }
            throw e;
        }
    }

    /** A path segment, percent-encoded (conversation ids hold {@code :}, {@code @} and {@code ;}). */
    public static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Graph's path of a team. */
    public String team() {
        return "teams/" + seg(config.teamId());
    }

    /** Graph's address of a user, for {@code user@odata.bind}. */
    public String userBind(String id) {
        return graphAddress("users('" + id.replace("'", "''") + "')");
    }

    /** The absolute Graph address of a path, for {@code @odata.bind} values. */
    public String graphAddress(String path) {
        String base = config.graphUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + path;
    }

    /** Whether an id can name a Graph user: an Entra object id (a GUID) or a user principal name. */
    public static boolean isUserId(String id) {
        return ENTRA_ID.matcher(id).matches() || UPN.matcher(id).matches();
    }

    @Override
    public void close() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "TeamsApi[" + config.graphUrl() + ", " + serviceUrl.get() + "]";
    }
}
