package dev.incidentkit.teams.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's access tokens from the OAuth 2.0 client-credentials flow (api-notes-teams §4.1, §6.1):
 * {@code POST <login>/<tenant>/oauth2/v2.0/token} with {@code grant_type=client_credentials},
 * {@code client_id}, {@code client_secret} and {@code scope}, one token per scope (the Bot Connector's and
 * Graph's), cached and fetched again {@link #REFRESH_MARGIN} before it expires by the injected clock, or
 * at once after {@link #invalidate}. A failed fetch is a {@link PortException}: the secret, the token and
 * the answer body never appear in it. Thread-safe: one fetch per scope at a time.
 */
public final class AccessTokens {
    /** The Bot Connector's scope. */
    public static final String CONNECTOR_SCOPE = "https://api.botframework.com/.default";
    /** Microsoft Graph's scope. */
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    /** How long before its expiry a token is replaced. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private record Token(Secret value, Instant expiresAt) {}

    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Creates the cache; nothing is fetched until a token is asked for. */
    public AccessTokens(URI loginUrl, String tenantId, String clientId, Secret clientSecret, HttpClient http,
                        Duration timeout, Clock clock) {
        String base = loginUrl.toString().endsWith("/") ? loginUrl.toString() : loginUrl + "/";
        this.tokenUrl = URI.create(base + URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/oauth2/v2.0/token");
        this.clientId = requireNonNull(clientId, "clientId");
        this.clientSecret = requireNonNull(clientSecret, "clientSecret");
        this.http = requireNonNull(http, "http");
        this.timeout = requireNonNull(timeout, "timeout");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Returns a token for a scope that is valid for at least {@link #REFRESH_MARGIN}, fetching one if needed.
     *
     * @throws PortException if the token service refuses or cannot be reached
     */
    public Secret token(String scope) {
        Token t = tokens.get(scope);
        if (fresh(t)) {
            return t.value();
        }
        synchronized (locks.computeIfAbsent(scope, s -> new Object())) {
            t = tokens.get(scope);
            if (!fresh(t)) {
                t = fetch(scope);
                tokens.put(scope, t);
            }
            return t.value();
        }
    }

    /** Forgets a scope's token, e.g. after the API answered 401 to it. */
    public void invalidate(String scope) {
        tokens.remove(scope);
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().plus(REFRESH_MARGIN).isBefore(t.expiresAt());
    }

    private Token fetch(String scope) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret="
                + enc(clientSecret.reveal()) + "&scope=" + enc(scope);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        String port = "teams token";
        HttpResponse<byte[]> response;
        Instant asked = clock.instant();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PortException(port, Kind.TIMEOUT, "", 0, null, "the token service did not answer in time");
        } catch (IOException e) {
            throw new PortException(port, Kind.UNAVAILABLE, "", 0, null,
                    "could not reach the token service (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(port, Kind.UNAVAILABLE, "", 0, null, "interrupted while fetching a token");
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode();
        }
        int status = response.statusCode();
        if (status != 200 || !body.path("access_token").isTextual()) {
            String code = body == null ? "" : body.path("error").asText("");
            Kind kind = status == 429 ? Kind.RATE_LIMITED : status >= 500 ? Kind.UNAVAILABLE : Kind.UNAUTHORIZED;
            throw new PortException(port, kind, code, status, null, kind == Kind.UNAUTHORIZED
                    ? "the token service refused the app's credentials; check TEAMS_APP_ID, TEAMS_APP_PASSWORD"
                    + " and TEAMS_TENANT_ID, and that the app is consented in the tenant"
                    : "the token service could not issue a token; try again later");
        }
        long seconds = body.path("expires_in").asLong(0);
        if (seconds <= 0) {
            seconds = 3600;
        }
        log.debug("fetched an access token for {} valid {} s", scope, seconds);
        return new Token(Secret.of(body.path("access_token").asText()), asked.plusSeconds(seconds));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AccessTokens[" + tokenUrl + ", client " + clientId + "]";
    }
}
