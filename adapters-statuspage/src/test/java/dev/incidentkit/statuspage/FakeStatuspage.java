package dev.incidentkit.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.FakeVendorServer;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Statuspage on the shared fake vendor server: page {@code page1} (and sandbox {@code sandbox1}) with the
 * components "Checkout API", "Payments" and a group row, the incident templates "Checkout degraded" and
 * "Scheduled DB maintenance", and incidents numbered {@code sp1}, {@code sp2}, …
 */
final class FakeStatuspage implements AutoCloseable {
    static final String TOKEN = "sp-token-5f1e9c0a7d-leak-check";
    static final String PAGE = "page1";
    static final String SANDBOX = "sandbox1";
    static final String COMPONENTS = "[{\"id\":\"cmp_checkout\",\"page_id\":\"page1\",\"name\":\"Checkout API\",\"status\":\"operational\",\"group\":false},"
            + "{\"id\":\"cmp_payments\",\"page_id\":\"page1\",\"name\":\"Payments\",\"status\":\"operational\",\"group\":false},"
            + "{\"id\":\"grp_shop\",\"page_id\":\"page1\",\"name\":\"Shop\",\"status\":\"operational\",\"group\":true}]";
    static final String TEMPLATES = "[{\"id\":\"tpl_checkout\",\"name\":\"Checkout degraded\",\"title\":\"Checkout is slow\","
            + "\"body\":\"Some checkouts are slow; we have found the cause and are fixing it.\",\"update_status\":\"identified\","
            + "\"should_tweet\":false,\"should_send_notifications\":true,"
            + "\"components\":[{\"id\":\"cmp_checkout\",\"page_id\":\"page1\",\"name\":\"Checkout API\",\"status\":\"degraded_performance\"}]},"
            + "{\"id\":\"tpl_db\",\"name\":\"Scheduled DB maintenance\",\"title\":\"Database maintenance\","
            + "\"body\":\"We are upgrading the database.\",\"update_status\":\"scheduled\",\"components\":[]}]";
    private static final Optional<ApiDescriptionValidator> SPEC = ApiDescriptionValidator.load("statuspage-v1.openapi3.json");

    final FakeVendorServer server = FakeVendorServer.start();
    private final AtomicInteger ids = new AtomicInteger();

    FakeStatuspage() {
        for (String page : List.of(PAGE, SANDBOX)) {
            server.stub("GET", "/v1/pages/" + page + "/components", r -> ScriptedResponse.ok(COMPONENTS));
            server.stub("GET", "/v1/pages/" + page + "/incident_templates", r -> ScriptedResponse.ok(TEMPLATES));
            server.stub("POST", "/v1/pages/" + page + "/incidents", r -> {
                String id = "sp" + ids.incrementAndGet();
                return ScriptedResponse.json(201, "{\"id\":\"" + id + "\",\"page_id\":\"" + page
                        + "\",\"status\":\"investigating\",\"shortlink\":\"https://stspg.io/" + id + "\"}");
            });
            server.stub("GET", "/v1/pages/" + page + "/incidents/unresolved", r -> ScriptedResponse.ok("[]"));
        }
        for (int i = 1; i <= 5; i++) {
            String id = "sp" + i;
            for (String page : List.of(PAGE, SANDBOX)) {
                server.stub("PATCH", "/v1/pages/" + page + "/incidents/" + id, r -> ScriptedResponse.ok(
                        "{\"id\":\"" + id + "\",\"shortlink\":\"https://stspg.io/" + id + "\"}"));
            }
        }
    }

    StatuspageConfig config() {
        return StatuspageConfig.builder().token(Secret.of(TOKEN)).pageId(PAGE).sandboxPageId(SANDBOX)
                .apiUrl(server.uri("/v1")).build();
    }

    StatuspageStatusPublisher publisher(Clock clock, RetryPolicy retry) {
        return StatuspageStatusPublisher.builder(config()).clock(clock).retryPolicy(retry)
                .requestInterval(Duration.ZERO).rateLimitWait(Duration.ofMillis(5)).build();
    }

    /** Writes to incidents, in arrival order. */
    List<RecordedRequest> incidentWrites() {
        return server.requests().stream()
                .filter(r -> !r.method().equals("GET") && r.path().contains("/incidents")).toList();
    }

    /**
     * Checks every request against the API description, and what every call must carry: the API key in the
     * {@code OAuth} header, never in the URL or a body, and JSON bodies wrapped in {@code incident}.
     */
    void checkAll() {
        for (RecordedRequest r : server.requests()) {
            assertThat(r.header("Authorization")).as("auth of %s", r).contains("OAuth " + TOKEN);
            assertThat(r.rawQuery()).as("query of %s", r).doesNotContain(TOKEN);
            assertThat(r.bodyText()).as("body of %s", r).doesNotContain(TOKEN);
            if (!r.method().equals("GET")) {
                assertThat(r.header("Content-Type")).as("content type of %s", r).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
                assertThat(r.json().has("incident")).as("wrapped body of %s", r).isTrue();
            }
            SPEC.ifPresent(v -> v.check(r));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
