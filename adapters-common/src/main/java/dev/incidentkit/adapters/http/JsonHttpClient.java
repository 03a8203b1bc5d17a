package dev.incidentkit.adapters.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.internal.AttemptFailed;
import dev.incidentkit.adapters.internal.NamedThreads;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.PortException.Kind;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON-over-HTTP client on {@link HttpClient} and Jackson, shared by the vendor adapters.
 *
 * <ul>
 *   <li><b>Auth:</b> an {@code Authorization} header built from a {@link Secret} supplier on every attempt,
 *       so a refreshed token is picked up; never a query parameter, never logged. Absolute targets (such as
 *       Slack's {@code response_url}) get no credentials.
 *   <li><b>Failures:</b> the vendor's {@link ErrorMapper} reads error bodies first; otherwise 429 is
 *       {@link Kind#RATE_LIMITED} (with {@code Retry-After}), 401/403 {@link Kind#UNAUTHORIZED}, 404
 *       {@link Kind#NOT_FOUND}, other 4xx {@link Kind#INVALID}, 5xx {@link Kind#UNAVAILABLE}; no answer
 *       in time is {@link Kind#TIMEOUT}; a refused connection {@link Kind#UNAVAILABLE}. Messages name the
 *       operation and codes, never a body or a token.
 *   <li><b>Retries</b> follow the {@link RetryPolicy} through Resilience4j. A rate limit or a refused
 *       connection is always retried (the vendor did nothing); a timeout or 5xx only when the request is
 *       {@link JsonRequest#idempotent() idempotent}.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the scheduler if the client created it.
 *
 * @since 0.1
 */
public final class JsonHttpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsonHttpClient.class);

    private final String vendor;
    private final URI baseUri;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final @Nullable String authScheme;
    private final @Nullable Supplier<Secret> credentials;
    private final ErrorMapper errorMapper;
    private final RetryPolicy retryPolicy;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, String> defaultHeaders;

    private JsonHttpClient(Builder b) {
        this.vendor = b.vendor;
        this.baseUri = b.baseUri;
        this.http = b.http != null ? b.http
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = b.requestTimeout;
        this.authScheme = b.authScheme;
        this.credentials = b.credentials;
        this.errorMapper = b.errorMapper;
        this.retryPolicy = b.retryPolicy;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler
                : Executors.newSingleThreadScheduledExecutor(new NamedThreads("incidentkit-" + vendor + "-retry"));
        this.json = b.json;
        this.clock = b.clock;
        this.defaultHeaders = Map.copyOf(b.headers);
    }

    /**
     * Starts a builder.
     *
     * @param vendor the vendor's short name, e.g. {@code slack}; prefixes operations in failures and logs
     * @param baseUri where relative targets resolve, e.g. {@code https://slack.com/api/}; a missing
     *     trailing slash is added
     * @return the builder
     */
    public static Builder builder(String vendor, URI baseUri) {
        return new Builder(vendor, baseUri);
    }

    /**
     * Returns the Jackson mapper this client reads and writes with.
     *
     * @return the mapper; do not reconfigure it
     */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Returns the scheduler retries wait on, which a {@link KeyedRateLimiter} can share.
     *
     * @return the scheduler
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Sends a request and waits for the outcome, retries included.
     *
     * @param request the request
     * @return the successful response
     * @throws PortException when the vendor refused, could not be reached, or retries ran out
     */
    public JsonResponse send(JsonRequest request) {
        try {
            return sendAsync(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(port(request), Kind.UNAVAILABLE, "", 0, null, "interrupted while waiting");
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Sends a request without blocking; retries are scheduled, not slept.
     *
     * @param request the request
     * @return the successful response, or a future failed with a {@link PortException}
     */
    public CompletableFuture<JsonResponse> sendAsync(JsonRequest request) {
        requireNonNull(request, "request");
        Retry retry = Retry.of(vendor + " " + request.operation(), retryConfig(request));
        retry.getEventPublisher().onRetry(e -> log.warn("{} failed; retry {} of {} in {} ms",
                port(request), e.getNumberOfRetryAttempts(), retryPolicy.maxAttempts() - 1,
                e.getWaitInterval().toMillis()));
        CompletableFuture<JsonResponse> result = new CompletableFuture<>();
        retry.executeCompletionStage(scheduler, () -> attempt(request)).whenComplete((r, e) -> {
            if (e == null) {
                result.complete(r);
            } else {
                result.completeExceptionally(unwrap(e));
            }
        });
        return result;
    }

    private RetryConfig retryConfig(JsonRequest request) {
        return RetryConfig.<JsonResponse>custom()
                .maxAttempts(retryPolicy.maxAttempts())
                .retryOnException(e -> e instanceof AttemptFailed f && retryable(request, f))
                .intervalBiFunction((Integer attempt, Either<Throwable, JsonResponse> outcome) -> wait(attempt, outcome))
                .failAfterMaxAttempts(false)
                .build();
    }

    private boolean retryable(JsonRequest request, AttemptFailed f) {
        PortException p = f.failure();
        if (!p.retryable()) {
            return false;
        }
        if (p.kind() == Kind.RATE_LIMITED) {
            return p.retryAfter().map(d -> d.compareTo(retryPolicy.maxRetryAfter()) <= 0).orElse(true);
        }
        return request.idempotent() || !f.maybeApplied();
    }

    private long wait(int attempt, Either<Throwable, JsonResponse> outcome) {
        Throwable t = outcome.isLeft() ? outcome.getLeft() : null;
        if (t instanceof AttemptFailed f && f.failure().retryAfter().isPresent()) {
            return f.failure().retryAfter().get().toMillis(); // exactly as asked, never less
        }
        long backoff = retryPolicy.backoff(attempt).toMillis();
        double cut = retryPolicy.jitter() * ThreadLocalRandom.current().nextDouble();
        return Math.max(0L, (long) (backoff * (1.0 - cut)));
    }

    private CompletableFuture<JsonResponse> attempt(JsonRequest request) {
        HttpRequest httpRequest;
        try {
            httpRequest = toHttp(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new PortException(port(request), Kind.INVALID, "", 0, null,
                    "the request body could not be written as JSON"));
        }
        return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw transportFailure(request, error);
                    }
                    return judge(request, response);
                });
    }

    private HttpRequest toHttp(JsonRequest request) throws IOException {
        URI uri = request.absolute() ? URI.create(request.target()) : baseUri.resolve(request.target());
        if (!request.query().isEmpty()) {
            String q = request.query().entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            uri = URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + q);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "incidentkit/0.1 (+https://github.com/incidentkit)");
        defaultHeaders.forEach(b::setHeader);
        if (!request.absolute() && credentials != null && authScheme != null) {
            b.header("Authorization", authScheme + " " + credentials.get().reveal());
        }
        JsonNode body = request.body();
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonResponse judge(JsonRequest request, HttpResponse<byte[]> raw) {
        JsonNode body;
        try {
            byte[] bytes = raw.body();
            body = bytes == null || bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
            if (body == null) {
                body = MissingNode.getInstance();
            }
        } catch (IOException e) {
            body = MissingNode.getInstance(); // an HTML error page from a proxy, say; the status decides
        }
        JsonResponse response = new JsonResponse(raw.statusCode(), raw.headers().map(), body, clock.instant());
        log.debug("{} -> HTTP {}", port(request), raw.statusCode());
        String port = port(request);
        Optional<PortException> vendorSays = errorMapper.failure(port, response);
        if (vendorSays.isPresent()) {
            PortException p = vendorSays.get();
            throw new AttemptFailed(p, p.kind() != Kind.RATE_LIMITED);
        }
        if (response.successful()) {
            return response;
        }
        int s = response.status();
        Duration retryAfter = response.retryAfter().orElse(null);
        if (s == 429) {
            throw new AttemptFailed(new PortException(port, Kind.RATE_LIMITED, "", s, retryAfter,
                    "the vendor asked us to slow down"), false);
        }
        if (s >= 500) {
            throw new AttemptFailed(new PortException(port, Kind.UNAVAILABLE, "", s, retryAfter,
                    "the vendor answered with a server error; try again later"), true);
        }
        Kind kind = s == 401 || s == 403 ? Kind.UNAUTHORIZED : s == 404 ? Kind.NOT_FOUND : Kind.INVALID;
        String what = kind == Kind.UNAUTHORIZED ? "check the token and its scopes"
                : kind == Kind.NOT_FOUND ? "the target does not exist or is not visible to this token"
                : "the vendor refused the request as invalid";
        throw new AttemptFailed(new PortException(port, kind, "", s, null, what), false);
    }

    private AttemptFailed transportFailure(JsonRequest request, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String port = port(request);
        if (cause instanceof HttpConnectTimeoutException) {
            return new AttemptFailed(new PortException(port, Kind.TIMEOUT, "", 0, null,
                    "could not connect in time"), false);
        }
        if (cause instanceof HttpTimeoutException) {
            return new AttemptFailed(new PortException(port, Kind.TIMEOUT, "", 0, null,
                    "no answer within " + requestTimeout.toMillis() + " ms; the outcome is unknown"), true);
        }
        if (cause instanceof ConnectException) {
            return new AttemptFailed(new PortException(port, Kind.UNAVAILABLE, "", 0, null,
                    "could not connect to the vendor"), false);
        }
        return new AttemptFailed(new PortException(port, Kind.UNAVAILABLE, "", 0, null,
                "the connection failed (" + cause.getClass().getSimpleName() + ")"), true);
    }

    private String port(JsonRequest request) {
        return vendor + " " + request.operation();
    }

    private static PortException unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AttemptFailed f) {
            return f.failure();
        }
        if (t instanceof PortException p) {
            return p;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw new IllegalStateException("unexpected failure", t);
    }

    /** Stops the retry scheduler if this client created it; calls in flight may fail. */
    @Override
    public void close() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    /** Names the vendor and base URI only. */
    @Override
    public String toString() {
        return "JsonHttpClient[" + vendor + " " + baseUri + (credentials == null ? "" : ", " + authScheme + " auth") + "]";
    }

    /**
     * Builds a {@link JsonHttpClient}. Not thread-safe; build once and share the client.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String vendor;
        private final URI baseUri;
        private @Nullable HttpClient http;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private @Nullable String authScheme;
        private @Nullable Supplier<Secret> credentials;
        private ErrorMapper errorMapper = ErrorMapper.none();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable ScheduledExecutorService scheduler;
        private ObjectMapper json = new ObjectMapper();
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(String vendor, URI baseUri) {
            this.vendor = requireNonNull(vendor, "vendor");
            requireNonNull(baseUri, "baseUri");
            String scheme = String.valueOf(baseUri.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("baseUri is an http(s) URI; got " + baseUri);
            }
            this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
        }

        /**
         * Sends {@code Authorization: Bearer <token>}, asking the supplier on every attempt.
         *
         * @param token supplies the current token
         * @return this builder
         */
        public Builder bearer(Supplier<Secret> token) {
            return authorization("Bearer", token);
        }

        /**
         * Sends {@code Authorization: <scheme> <secret>}, e.g. PagerDuty's {@code Token token=…} or
         * Statuspage's {@code OAuth …}; the supplier is asked on every attempt.
         *
         * @param scheme the scheme word(s), e.g. {@code Bearer}
         * @param secret supplies the current secret
         * @return this builder
         */
        public Builder authorization(String scheme, Supplier<Secret> secret) {
            this.authScheme = requireNonNull(scheme, "scheme");
            this.credentials = requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Adds a header sent with every request, e.g. GitHub's {@code X-GitHub-Api-Version}.
         *
         * @param name the name
         * @param value the value; not a secret (use {@link #authorization})
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
            return this;
        }

        /**
         * Uses this JDK client instead of a new one (then {@link #connectTimeout} is the client's own).
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.http = requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets how long connecting may take; default 5 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long one attempt may take until the response headers arrive; default 10 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Reads the vendor's error bodies; default {@link ErrorMapper#none()}.
         *
         * @param mapper the mapper
         * @return this builder
         */
        public Builder errorMapper(ErrorMapper mapper) {
            this.errorMapper = requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Sets the retry policy; default {@link RetryPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Schedules retries on this executor, which the caller owns and shuts down; by default the client
         * starts one daemon thread and stops it on {@link #close()}.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Uses this Jackson mapper; default a plain {@code new ObjectMapper()}.
         *
         * @param mapper the mapper
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.json = requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Sets the clock that stamps responses (to read an HTTP-date {@code Retry-After}); default UTC
         * system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public JsonHttpClient build() {
            return new JsonHttpClient(this);
        }

        private static Duration positive(Duration d, String name) {
            requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " is positive; got " + d);
            }
            return d;
        }
    }
}
