package dev.incidentkit.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher.Published;
import dev.incidentkit.spi.StatusPublisher.StatusUpdate;
import dev.incidentkit.spi.StatusPublisher.Template;
import dev.incidentkit.testkit.TestClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class StatuspageStatusPublisherTest {
    static final IncidentId INC = IncidentId.of(42);

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final FakeStatuspage statuspage = new FakeStatuspage();
    final StatuspageStatusPublisher publisher = statuspage.publisher(clock,
            RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));

    @AfterEach
    void close() {
        publisher.close();
        statuspage.close();
    }

    static StatusUpdate update(Optional<String> existing, IncidentStatus status, String message, Map<String, String> components) {
        return new StatusUpdate(INC, existing, "Checkout is failing", status, message, Severity.SEV1, components, false);
    }

    @Test
    void theFirstUpdateOpensTheIncidentLaterOnesUpdateItAndResolveRestoresComponents() {
        Map<String, String> marked = new LinkedHashMap<>();
        marked.put("checkout-api", "major_outage");
        marked.put("PAYMENTS", "degraded_performance");
        Published opened = publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING,
                "We are looking into failed checkouts", marked), "INC-42:4:0");
        assertThat(opened).isEqualTo(new Published("sp1", "https://stspg.io/sp1"));
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.MONITORING, "A fix is deployed", marked), "INC-42:6:0");
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.RESOLVED, "Resolved", marked), "INC-42:9:0");

        List<RecordedRequest> writes = statuspage.incidentWrites();
        assertThat(writes).extracting(RecordedRequest::method).containsExactly("POST", "PATCH", "PATCH");
        JsonNode create = writes.get(0).json().path("incident");
        assertThat(create.path("name").asText()).isEqualTo("Checkout is failing");
        assertThat(create.path("status").asText()).isEqualTo("investigating");
        assertThat(create.path("body").asText()).isEqualTo("We are looking into failed checkouts");
        assertThat(create.path("impact_override").asText()).isEqualTo("critical");
        assertThat(create.path("metadata").path("incidentkit").path("incident").asText()).isEqualTo("INC-42");
        assertThat(create.path("component_ids").toString()).isEqualTo("[\"cmp_checkout\",\"cmp_payments\"]");
        assertThat(create.path("components").toString())
                .isEqualTo("{\"cmp_checkout\":\"major_outage\",\"cmp_payments\":\"degraded_performance\"}");
        assertThat(writes.get(1).path()).isEqualTo("/v1/pages/page1/incidents/sp1");
        assertThat(writes.get(1).json().path("incident").path("status").asText()).isEqualTo("monitoring");
        assertThat(writes.get(1).json().path("incident").has("name")).isFalse();
        JsonNode resolve = writes.get(2).json().path("incident");
        assertThat(resolve.path("status").asText()).isEqualTo("resolved");
        assertThat(resolve.path("components").toString())
                .isEqualTo("{\"cmp_checkout\":\"operational\",\"cmp_payments\":\"operational\"}");
        assertThat(statuspage.server.requests("GET", "/v1/pages/page1/components")).as("cached").hasSize(1);
        statuspage.checkAll();
    }

    @Test
    void componentsUnderMaintenanceStayThatWayOnResolve() {
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.RESOLVED, "Resolved",
                Map.of("payments", "under_maintenance")), "k");
        assertThat(statuspage.incidentWrites().get(0).json().path("incident").path("components").toString())
                .isEqualTo("{\"cmp_payments\":\"under_maintenance\"}");
    }

    @Test
    void anUnknownComponentIsRefusedWithTheNamesThePageHas() {
        assertThat(publisher.checkComponents(List.of("chekout-api", "payments"), false)).hasValueSatisfying(m ->
                assertThat(m).contains("`chekout-api` → did you mean `checkout-api`?", "`payments` (Payments)")
                        .doesNotContain("Shop"));
        assertThat(publisher.checkComponents(List.of("Checkout API", "payments"), false)).isEmpty();

        PortException e = catchThrowableOfType(PortException.class, () -> publisher.publish(update(Optional.empty(),
                IncidentStatus.INVESTIGATING, "x", Map.of("warp-drive", "major_outage")), "k"));
        assertThat(e.kind()).isEqualTo(PortException.Kind.INVALID);
        assertThat(e.vendorCode()).isEqualTo("unknown_component");
        assertThat(e.getMessage()).contains("no component `warp-drive`", "`checkout-api` (Checkout API)");
        assertThat(statuspage.incidentWrites()).as("nothing published").isEmpty();
    }

    @Test
    void aTemplateIsFoundByNameLooselyWithItsStatusTextAndComponents() {
        Optional<Template> found = publisher.template("checkout-DEGRADED!", false);
        assertThat(found).contains(new Template("Checkout degraded", "Checkout is slow",
                "Some checkouts are slow; we have found the cause and are fixing it.", Optional.of(IncidentStatus.IDENTIFIED),
                Map.of("checkout-api", "degraded_performance")));
        assertThat(publisher.template("scheduled db maintenance", false).orElseThrow().status())
                .as("a maintenance status keeps the incident's").isEmpty();
        assertThat(statuspage.server.requests("GET", "/v1/pages/page1/incident_templates")).singleElement()
                .satisfies(r -> assertThat(r.rawQuery()).contains("page=1").contains("per_page=100"));
        statuspage.checkAll();
    }

    @Test
    void anUnknownTemplateIsEmptyAndThePageNamesItsTemplates() {
        assertThat(publisher.template("warp drive failure", false)).isEmpty();
        assertThat(publisher.templateNames(false)).containsExactly("Checkout degraded", "Scheduled DB maintenance");
        assertThat(publisher.template("Checkout degraded", true)).as("a drill reads the sandbox page's").isPresent();
        assertThat(statuspage.server.requests("GET", "/v1/pages/sandbox1/incident_templates")).hasSize(1);
        statuspage.checkAll();
    }

    @Test
    void templatesAreCachedLikeComponents() {
        publisher.template("Checkout degraded", false);
        publisher.templateNames(false);
        clock.advance(Duration.ofMinutes(4));
        publisher.template("nope", false);
        assertThat(statuspage.server.requests("GET", "/v1/pages/page1/incident_templates")).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        publisher.template("Checkout degraded", false);
        assertThat(statuspage.server.requests("GET", "/v1/pages/page1/incident_templates")).as("refetched once stale").hasSize(2);
        assertThat(statuspage.incidentWrites()).as("reading templates changes nothing").isEmpty();
    }

    @Test
    void rateLimitsAre420Or429AndAreWaitedOutInOrder() {
        statuspage.server.enqueue("POST", "/v1/pages/page1/incidents",
                ScriptedResponse.json(420, "{\"message\":\"Rate limited\"}"),
                ScriptedResponse.json(429, "{\"message\":\"Rate limited\"}").withHeader("Retry-After", "0"));
        Published p = publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "first", Map.of()), "k1");
        publisher.publish(update(Optional.of(p.statusPageIncident()), IncidentStatus.IDENTIFIED, "second", Map.of()), "k2");
        assertThat(statuspage.server.exchanges()).extracting(x -> x.response().status()).containsExactly(420, 429, 201, 200);
        assertThat(statuspage.incidentWrites()).extracting(r -> r.json().path("incident").path("body").asText())
                .containsExactly("first", "first", "first", "second");
    }

    @Test
    void aRateLimitThatOutlastsTheRetriesIsTypedForTheOutbox() {
        try (StatuspageStatusPublisher once = statuspage.publisher(clock, RetryPolicy.none())) {
            statuspage.server.enqueue("POST", "/v1/pages/page1/incidents", ScriptedResponse.json(429, "{\"message\":\"slow down\"}"));
            PortException e = catchThrowableOfType(PortException.class, () -> once.publish(update(Optional.empty(),
                    IncidentStatus.INVESTIGATING, "x", Map.of()), "k"));
            assertThat(e.kind()).isEqualTo(PortException.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofMillis(5));
        }
    }

    @Test
    void aRetriedCreateFindsTheIncidentAnEarlierAttemptOpened() {
        statuspage.server.enqueue("POST", "/v1/pages/page1/incidents", ScriptedResponse.status(502));
        try (StatuspageStatusPublisher once = statuspage.publisher(clock, RetryPolicy.none())) {
            catchThrowableOfType(PortException.class, () -> once.publish(update(Optional.empty(),
                    IncidentStatus.INVESTIGATING, "x", Map.of()), "INC-42:4:0"));
            statuspage.server.enqueue("GET", "/v1/pages/page1/incidents/unresolved", ScriptedResponse.ok(
                    "[{\"id\":\"sp3\",\"metadata\":{\"incidentkit\":{\"incident\":\"INC-42\"}}}]"));
            Published p = once.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "x", Map.of()), "INC-42:4:0");
            assertThat(p.statusPageIncident()).isEqualTo("sp3");
        }
        assertThat(statuspage.incidentWrites()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v1/pages/page1/incidents", "PATCH /v1/pages/page1/incidents/sp3");
    }

    @Test
    void drillsGoToTheSandboxPageOrNowhere() {
        assertThat(publisher.publishesDrills()).isTrue();
        publisher.publish(new StatusUpdate(INC, Optional.empty(), "Practice", IncidentStatus.INVESTIGATING, "drill",
                Severity.SEV2, Map.of(), true), "k");
        RecordedRequest create = statuspage.incidentWrites().get(0);
        assertThat(create.path()).isEqualTo("/v1/pages/sandbox1/incidents");
        assertThat(create.json().path("incident").path("name").asText()).isEqualTo("[DRILL] Practice");
        assertThat(create.json().path("incident").path("deliver_notifications").asBoolean()).isFalse();

        StatuspageConfig publicOnly = StatuspageConfig.builder().token(statuspage.config().token()).pageId("page1")
                .apiUrl(statuspage.server.uri("/v1")).build();
        try (StatuspageStatusPublisher noSandbox = StatuspageStatusPublisher.builder(publicOnly).build()) {
            assertThat(noSandbox.publishesDrills()).isFalse();
            PortException e = catchThrowableOfType(PortException.class, () -> noSandbox.publish(new StatusUpdate(INC,
                    Optional.empty(), "Practice", IncidentStatus.INVESTIGATING, "drill", Severity.SEV2, Map.of(), true), "k"));
            assertThat(e.vendorCode()).isEqualTo("no_sandbox_page");
        }
        assertThat(statuspage.incidentWrites()).hasSize(1);
        statuspage.checkAll();
    }
}
