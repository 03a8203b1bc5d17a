package dev.incidentkit.slack.bolt.internal;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpClient} that sends every request through an {@link OkHttpClient}: the one inside a Bolt
 * app's {@code MethodsClient}, with the host's proxy, timeouts and listeners. incidentkit's Slack client
 * ({@code JsonHttpClient}: retries, error mapping, rate limits) runs unchanged on top of it.
 *
 * <p>Only what {@code JsonHttpClient} uses is supported: {@link #sendAsync(HttpRequest, HttpResponse.BodyHandler)}
 * and {@link #send} with a whole body. Failures are mapped to the JDK client's exceptions, so that they are
 * judged the same way: a call or read timeout becomes {@link HttpTimeoutException} (the vendor may have
 * acted), a connect timeout {@link HttpConnectTimeoutException}, a refused connection stays a
 * {@link ConnectException}. No request or response body is logged.
 */
public final class OkHttpBridge extends HttpClient {
    private final OkHttpClient okHttp;

    /**
     * Wraps an OkHttp client; it stays the caller's.
     *
     * @param okHttp the client
     */
    public OkHttpBridge(OkHttpClient okHttp) {
        this.okHttp = requireNonNull(okHttp, "okHttp");
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return sendAsync(request, handler).get();
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("the request failed", t);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return bodyOf(request).thenCompose(body -> exchange(request, body, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.@Nullable PushPromiseHandler<T> pushes) {
        return sendAsync(request, handler);
    }

    private <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, byte[] body,
                                                            HttpResponse.BodyHandler<T> handler) {
        Request.Builder b = new Request.Builder().url(request.uri().toString());
        String contentType = null;
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = h.getValue().isEmpty() ? null : h.getValue().get(0);
                continue; // OkHttp writes it from the body's media type
            }
            for (String v : h.getValue()) {
                b.addHeader(h.getKey(), v);
            }
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        boolean bodiless = method.equals("GET") || method.equals("HEAD");
        MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
        b.method(method, bodiless ? null : RequestBody.create(body, mediaType));
        Call call = okHttp.newCall(b.build());
        request.timeout().ifPresent(t -> call.timeout().timeout(t.toMillis(), TimeUnit.MILLISECONDS));

        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        Executor continuation = okHttp.dispatcher().executorService();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                IOException failure = jdkFailure(e);
                handOff(continuation, () -> result.completeExceptionally(failure));
            }

            @Override
            public void onResponse(Call c, Response response) {
                byte[] bytes;
                try (response) {
                    ResponseBody rb = response.body();
                    bytes = rb == null ? new byte[0] : rb.bytes();
                } catch (IOException e) {
                    IOException failure = jdkFailure(e);
                    handOff(continuation, () -> result.completeExceptionally(failure));
                    return;
                }
                HttpHeaders headers = HttpHeaders.of(response.headers().toMultimap(), (k, v) -> true);
                int status = response.code();
                // Whatever waits for this answer runs on another thread: OkHttp counts a call against its
                // per-host limit until this callback returns, and a caller that blocks on a further call to
                // the same host from here would wait for a slot it holds itself.
                handOff(continuation, () -> deliver(request, handler, status, headers, bytes, result));
            }
        });
        return result;
    }

    /** Runs on the continuation executor, or here if it is shutting down (the host is closing its client). */
    private static void handOff(Executor continuation, Runnable task) {
        try {
            continuation.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private static <T> void deliver(HttpRequest request, HttpResponse.BodyHandler<T> handler, int status,
                                    HttpHeaders headers, byte[] bytes, CompletableFuture<HttpResponse<T>> result) {
        try {
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(new Info(status, headers));
            subscriber.onSubscribe(new NoBackPressure());
            subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
            subscriber.onComplete();
            subscriber.getBody().whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(new Answer<>(status, request, headers, value));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** OkHttp's failures as the JDK client reports them. */
    static IOException jdkFailure(IOException e) {
        if (e instanceof ConnectException) {
            return e;
        }
        if (e instanceof InterruptedIOException) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            IOException mapped = message.contains("connect") ? new HttpConnectTimeoutException("connect timed out")
                    : new HttpTimeoutException("request timed out");
            mapped.initCause(e);
            return mapped;
        }
        return e;
    }

    /** Reads a request's body publisher to the end. */
    private static CompletableFuture<byte[]> bodyOf(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        CompletableFuture<byte[]> out = new CompletableFuture<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        publisher.get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable t) {
                out.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                out.complete(buffer.toByteArray());
            }
        });
        return out.exceptionally(t -> {
            throw new CompletionException(new IOException("could not read the request body", t));
        });
    }

    private record Info(int statusCode, HttpHeaders headers) implements HttpResponse.ResponseInfo {
        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    private record Answer<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
            implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /** The whole body is handed over at once, so demand does not matter. */
    private static final class NoBackPressure implements Flow.Subscription {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(Duration.ofMillis(okHttp.connectTimeoutMillis()));
    }

    @Override
    public Redirect followRedirects() {
        return okHttp.followRedirects() ? Redirect.NORMAL : Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.ofNullable(okHttp.proxySelector());
    }

    @Override
    public SSLContext sslContext() {
        try {
            return SSLContext.getDefault(); // informative only: OkHttp's own TLS settings are what is used
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    @Override
    public SSLParameters sslParameters() {
        return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "OkHttpBridge";
    }
}
