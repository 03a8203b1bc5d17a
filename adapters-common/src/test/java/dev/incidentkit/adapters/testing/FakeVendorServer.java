package dev.incidentkit.adapters.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.adapters.internal.NamedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fake vendor on {@code 127.0.0.1} and a free port, on the JDK's {@link HttpServer}. Tests script answers
 * per method and path, then check the requests it recorded.
 *
 * <ul>
 *   <li>{@link #enqueue} answers the next requests to a method and path, once each, in order (e.g. a 429
 *       then a 200);
 *   <li>{@link #stub} answers every further request to a method and path with a function of the request;
 *   <li>anything else gets 404 with a JSON body naming the request;
 *   <li>{@link #answerLate} acts on the next requests as scripted but holds their answers back, so the
 *       client times out after the vendor acted: the outcome is unknown to the client, as in production
 *       ({@link #answerNextWriteLate} does so for the next write, whatever its path);
 *   <li>{@link #refuseAll} answers every request with a refusal until {@link #acceptAll}, acting on nothing.
 * </ul>
 *
 * <p>A script runs when its request is recorded, so once {@link #awaitReceived} sees a request, the fake
 * vendor has acted on it.
 *
 * <p>Delays are scheduled, so no thread sleeps. Thread-safe. Close it after the test.
 */
public final class FakeVendorServer implements AutoCloseable {

    /**
     * A request and what was answered.
     *
     * @param request the request
     * @param response the answer
     * @param respondedNanos {@code System.nanoTime()} once the answer was written
     */
    public record Exchange(RecordedRequest request, ScriptedResponse response, long respondedNanos) {}

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService delays;
    private final Map<String, Deque<ScriptedResponse>> queued = new HashMap<>();
    private final Map<String, Function<RecordedRequest, ScriptedResponse>> stubs = new HashMap<>();
    private final Map<String, Deque<java.time.Duration>> lateAnswers = new HashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private @org.jspecify.annotations.Nullable Function<RecordedRequest, ScriptedResponse> refusal;
    private java.time.@org.jspecify.annotations.Nullable Duration nextWriteLate;

    private FakeVendorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        workers = Executors.newFixedThreadPool(8, new NamedThreads("fake-vendor"));
        delays = Executors.newSingleThreadScheduledExecutor(new NamedThreads("fake-vendor-delay"));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server
     */
    public static FakeVendorServer start() {
        try {
            return new FakeVendorServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a loopback port", e);
        }
    }

    /** Returns {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Returns the address of a path on this server, e.g. {@code uri("/api")}. */
    public URI uri(String path) {
        return URI.create(baseUri() + path);
    }

    /** Answers the next requests to {@code method path} with these responses, one each, in order. */
    public void enqueue(String method, String path, ScriptedResponse... responses) {
        synchronized (this) {
            Deque<ScriptedResponse> q = queued.computeIfAbsent(key(method, path), k -> new ArrayDeque<>());
            for (ScriptedResponse r : responses) {
                q.addLast(requireNonNull(r, "response"));
            }
        }
    }

    /** Answers requests to {@code method path} with a function of the request, once the queue is empty. */
    public void stub(String method, String path, Function<RecordedRequest, ScriptedResponse> responder) {
        synchronized (this) {
            stubs.put(key(method, path), requireNonNull(responder, "responder"));
        }
    }

    /**
     * Acts on the next {@code count} requests to {@code method path} as scripted, but answers each only
     * after {@code hold} (set it beyond the client's timeout); an answer still held when the server closes
     * is never sent. This is "the vendor acted, then the call timed out".
     *
     * @param method the HTTP method
     * @param path the path
     * @param count how many requests, at least 1
     * @param hold how long each answer is held back
     */
    public void answerLate(String method, String path, int count, java.time.Duration hold) {
        requireNonNull(hold, "hold");
        if (count < 1) {
            throw new IllegalArgumentException("answerLate needs count >= 1; got " + count);
        }
        synchronized (this) {
            Deque<java.time.Duration> q = lateAnswers.computeIfAbsent(key(method, path), k -> new ArrayDeque<>());
            for (int i = 0; i < count; i++) {
                q.addLast(hold);
            }
        }
    }

    /**
     * Answers every further request, to any path, with {@code refusal} instead of its script, acting on
     * nothing, until {@link #acceptAll()}: a vendor that is down, rate-limits or refuses the credentials.
     *
     * @param refusal the answer, a function of the request
     */
    public synchronized void refuseAll(Function<RecordedRequest, ScriptedResponse> refusal) {
        this.refusal = requireNonNull(refusal, "refusal");
    }

    /** Ends {@link #refuseAll}: requests get their scripts again. */
    public synchronized void acceptAll() {
        refusal = null;
    }

    /**
     * Acts on the next request that is not a {@code GET}, whatever its path, as scripted, but answers it
     * only after {@code hold}: "the vendor created it, then the call timed out", for a test that does not
     * know which path the code under test writes to.
     *
     * @param hold how long the answer is held back (beyond the client's timeout)
     */
    public synchronized void answerNextWriteLate(java.time.Duration hold) {
        nextWriteLate = requireNonNull(hold, "hold");
    }

    /**
     * Waits until at least {@code count} requests to {@code method path} have been received (and so acted
     * on), answered or not.
     *
     * @param method the HTTP method
     * @param path the path
     * @param count how many
     * @param timeout how long to wait at most
     * @return those requests
     * @throws AssertionError if they do not arrive within {@code timeout}
     */
    public synchronized List<RecordedRequest> awaitReceived(String method, String path, int count,
                                                            java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedRequest> received = requests(method, path);
            if (received.size() >= count) {
                return received;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " requests to " + method + " " + path
                        + " within " + timeout + "; got " + received.size());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Every request so far, in arrival order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one method and path, in arrival order. */
    public synchronized List<RecordedRequest> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /**
     * Waits until at least {@code count} requests to {@code method path} have been answered, for effects
     * the code under test sends from another thread.
     *
     * @return those requests
     * @throws AssertionError if they do not arrive within {@code timeout}
     */
    public synchronized List<RecordedRequest> awaitRequests(String method, String path, int count, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedRequest> answered = exchanges.stream().map(Exchange::request)
                    .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
            if (answered.size() >= count) {
                return answered;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " answered requests to " + method + " " + path
                        + " within " + timeout + "; got " + answered.size());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Every request with its answer, in the order the answers were written. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Forgets recorded requests (scripts stay). */
    public synchronized void clearRequests() {
        requests.clear();
        exchanges.clear();
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), uri.getPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), exchange.getRequestHeaders(), body,
                System.nanoTime());
        ScriptedResponse response;
        synchronized (this) {
            requests.add(request);
            String key = key(request.method(), request.path());
            Deque<ScriptedResponse> q = queued.get(key);
            Function<RecordedRequest, ScriptedResponse> stub = stubs.get(key);
            if (refusal != null) {
                response = refusal.apply(request);
            } else if (q != null && !q.isEmpty()) {
                response = q.removeFirst();
            } else if (stub != null) {
                response = null;
            } else {
                response = ScriptedResponse.json(404, "{\"ok\":false,\"error\":\"no script for " + key + "\"}");
            }
            if (response == null) {
                response = stub.apply(request);
            }
            Deque<java.time.Duration> late = lateAnswers.get(key);
            if (late != null && !late.isEmpty()) {
                response = response.withDelay(late.removeFirst());
            }
            if (nextWriteLate != null && refusal == null && !request.method().equals("GET")) {
                response = response.withDelay(nextWriteLate);
                nextWriteLate = null;
            }
            notifyAll();
        }
        ScriptedResponse answer = response;
        if (answer.delay().isZero()) {
            respond(exchange, request, answer);
        } else {
            delays.schedule(() -> {
                try {
                    respond(exchange, request, answer);
                } catch (IOException e) {
                    exchange.close(); // the client gave up (timeout); nothing to do
                }
            }, answer.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void respond(HttpExchange exchange, RecordedRequest request, ScriptedResponse response) throws IOException {
        try (exchange) {
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            synchronized (this) {
                exchanges.add(new Exchange(request, response, System.nanoTime()));
                notifyAll();
            }
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        workers.shutdownNow();
    }
}
