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
import dev.incidentkit.spi.IdempotencyKey;
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
                "We are looking into failed checkouts", marked), IdempotencyKey.first("INC-42:4:0"));
        assertThat(opened).isEqualTo(new Published("sp1", "https://stspg.io/sp1"));
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.MONITORING, "A fix is deployed", marked), IdempotencyKey.first("INC-42:6:0"));
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.RESOLVED, "Resolved", marked), IdempotencyKey.first("INC-42:9:0"));

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
        publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "x", Map.of()), IdempotencyKey.first("k0"));
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.RESOLVED, "Resolved",
                Map.of("payments", "under_maintenance")), IdempotencyKey.first("k"));
        assertThat(statuspage.incidentWrites().get(1).json().path("incident").path("components").toString())
                .isEqualTo("{\"cmp_payments\":\"under_maintenance\"}");
    }

    @Test
    void anUnknownComponentIsRefusedWithTheNamesThePageHas() {
        assertThat(publisher.checkComponents(List.of("chekout-api", "payments"), false)).hasValueSatisfying(m ->
                assertThat(m).contains("`chekout-api` → did you mean `checkout-api`?", "`payments` (Payments)")
                        .doesNotContain("Shop"));
        assertThat(publisher.checkComponents(List.of("Checkout API", "payments"), false)).isEmpty();

        PortException e = catchThrowableOfType(PortException.class, () -> publisher.publish(update(Optional.empty(),
                IncidentStatus.INVESTIGATING, "x", Map.of("warp-drive", "major_outage")), IdempotencyKey.first("k")));
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
        Published p = publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "first", Map.of()), IdempotencyKey.first("k1"));
        publisher.publish(update(Optional.of(p.statusPageIncident()), IncidentStatus.IDENTIFIED, "second", Map.of()), IdempotencyKey.first("k2"));
        assertThat(statuspage.server.exchanges()).extracting(x -> x.response().status()).containsExactly(420, 429, 201, 200);
        assertThat(statuspage.incidentWrites()).extracting(r -> r.json().path("incident").path("body").asText())
                .containsExactly("first", "first", "first", "second");
    }

    @Test
    void aRateLimitThatOutlastsTheRetriesIsTypedForTheOutbox() {
        try (StatuspageStatusPublisher once = statuspage.publisher(clock, RetryPolicy.none())) {
            statuspage.server.enqueue("POST", "/v1/pages/page1/incidents", ScriptedResponse.json(429, "{\"message\":\"slow down\"}"));
            PortException e = catchThrowableOfType(PortException.class, () -> once.publish(update(Optional.empty(),
                    IncidentStatus.INVESTIGATING, "x", Map.of()), IdempotencyKey.first("k")));
            assertThat(e.kind()).isEqualTo(PortException.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofMillis(5));
        }
    }

    /** A publisher whose calls time out long before the fake answers late, and never retries inside a call. */
    StatuspageStatusPublisher impatient() {
        return statuspage.publisher(statuspage.config(FakeStatuspage.CLIENT_TIMEOUT), clock, RetryPolicy.none());
    }


    @Test
    void aRetriedCreateFindsItsIncidentEvenAfterItWasResolved() {
        StatusUpdate first = update(Optional.empty(), IncidentStatus.INVESTIGATING, "x", Map.of());
        statuspage.answerLate(1);
        try (StatuspageStatusPublisher once = impatient()) {
            catchThrowableOfType(PortException.class, () -> once.publish(first, IdempotencyKey.first("INC-42:4:0")));
        }
        publisher.publish(update(Optional.of("sp1"), IncidentStatus.RESOLVED, "resolved by hand", Map.of()),
                IdempotencyKey.first("someone else"));
        assertThat(publisher.publish(first, IdempotencyKey.again("INC-42:4:0")).statusPageIncident()).isEqualTo("sp1");
        assertThat(statuspage.incidentsOn(FakeStatuspage.PAGE)).hasSize(1);
        statuspage.checkAll();
    }


    @Test
    void aFirstKeyCreatesWithoutLookingAndAnotherIncidentsMarkerIsNotOurs() {
        publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "x", Map.of()), IdempotencyKey.first("INC-42:4:0"));
        assertThat(statuspage.server.requests()).filteredOn(r -> r.method().equals("GET") && r.path().contains("/incidents"))
                .as("no lookup without mayExist").isEmpty();
        publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "y", Map.of()), IdempotencyKey.again("INC-43:4:0"));
        assertThat(statuspage.incidentsOn(FakeStatuspage.PAGE)).as("a different key opens its own").hasSize(2);
    }



    @Test
    void withoutAnyMarkerTheNewestUpdateWithTheSameTextCountsAsApplied() {
        String sp = publisher.publish(update(Optional.empty(), IncidentStatus.INVESTIGATING, "first", Map.of()),
                IdempotencyKey.first("INC-42:4:0")).statusPageIncident();
        statuspage.server.enqueue("GET", "/v1/pages/page1/incidents/" + sp, ScriptedResponse.ok("{\"id\":\"" + sp
                + "\",\"shortlink\":\"https://stspg.io/" + sp + "\",\"metadata\":{},\"incident_updates\":[{\"id\":\"u1\","
                + "\"status\":\"investigating\",\"body\":\"first\",\"created_at\":\"2026-11-24T14:00:01Z\"}]}"));
        publisher.publish(update(Optional.of(sp), IncidentStatus.INVESTIGATING, "first", Map.of()), IdempotencyKey.again("INC-42:4:1"));
        assertThat(statuspage.server.requests("PATCH", "/v1/pages/page1/incidents/" + sp)).isEmpty();
    }

    @Test
    void markComponentsSetsStatusesOnTheirOwnAndTwiceIsHarmless() {
        assertThat(publisher.marksComponents()).isTrue();
        Map<String, String> marked = new LinkedHashMap<>();
        marked.put("checkout-api", "major_outage");
        marked.put("Payments", "partial_outage");
        publisher.markComponents(marked, false);
        publisher.markComponents(marked, false);
        assertThat(statuspage.componentStatus(FakeStatuspage.PAGE, "cmp_checkout")).isEqualTo("major_outage");
        assertThat(statuspage.componentStatus(FakeStatuspage.PAGE, "cmp_payments")).isEqualTo("partial_outage");
        assertThat(statuspage.componentStatus(FakeStatuspage.SANDBOX, "cmp_checkout")).as("public page only").isEqualTo("operational");
        assertThat(statuspage.server.requests("PATCH", "/v1/pages/page1/components/cmp_checkout")).hasSize(2)
                .allSatisfy(r -> assertThat(r.json().toString()).isEqualTo("{\"component\":{\"status\":\"major_outage\"}}"));
        assertThat(statuspage.incidentWrites()).as("no incident update").isEmpty();
        statuspage.checkAll();
    }

    @Test
    void markComponentsRefusesUnknownNamesAndStatusesNamingWhatThePageHas() {
        PortException e = catchThrowableOfType(PortException.class, () -> publisher.markComponents(
                Map.of("warp-drive", "major_outage"), false));
        assertThat(e.kind()).isEqualTo(PortException.Kind.INVALID);
        assertThat(e.vendorCode()).isEqualTo("unknown_component");
        assertThat(e.getMessage()).contains("`warp-drive`", "`checkout-api` (Checkout API)", "`payments` (Payments)");
        PortException status = catchThrowableOfType(PortException.class, () -> publisher.markComponents(
                Map.of("payments", "on_fire"), false));
        assertThat(status.vendorCode()).isEqualTo("unknown_status");
        assertThat(status.getMessage()).contains("`payments=on_fire`", "major_outage");
        assertThat(statuspage.server.requests()).noneMatch(r -> r.method().equals("PATCH"));
    }

    @Test
    void markComponentsForADrillGoesToTheSandboxOrIsRefused() {
        publisher.markComponents(Map.of("payments", "degraded_performance"), true);
        assertThat(statuspage.componentStatus(FakeStatuspage.SANDBOX, "cmp_payments")).isEqualTo("degraded_performance");
        assertThat(statuspage.componentStatus(FakeStatuspage.PAGE, "cmp_payments")).isEqualTo("operational");
        StatuspageConfig publicOnly = StatuspageConfig.builder().token(statuspage.config().token()).pageId("page1")
                .apiUrl(statuspage.server.uri("/v1")).build();
        try (StatuspageStatusPublisher noSandbox = StatuspageStatusPublisher.builder(publicOnly).build()) {
            PortException e = catchThrowableOfType(PortException.class,
                    () -> noSandbox.markComponents(Map.of("payments", "major_outage"), true));
            assertThat(e.vendorCode()).isEqualTo("no_sandbox_page");
        }
        assertThat(statuspage.componentStatus(FakeStatuspage.PAGE, "cmp_payments")).isEqualTo("operational");
    }

    @Test
    void drillsGoToTheSandboxPageOrNowhere() {
        assertThat(publisher.publishesDrills()).isTrue();
        publisher.publish(new StatusUpdate(INC, Optional.empty(), "Practice", IncidentStatus.INVESTIGATING, "drill",
                Severity.SEV2, Map.of(), true), IdempotencyKey.first("k"));
        RecordedRequest create = statuspage.incidentWrites().get(0);
        assertThat(create.path()).isEqualTo("/v1/pages/sandbox1/incidents");
        assertThat(create.json().path("incident").path("name").asText()).isEqualTo("[DRILL] Practice");
        assertThat(create.json().path("incident").path("deliver_notifications").asBoolean()).isFalse();

        StatuspageConfig publicOnly = StatuspageConfig.builder().token(statuspage.config().token()).pageId("page1")
                .apiUrl(statuspage.server.uri("/v1")).build();
        try (StatuspageStatusPublisher noSandbox = StatuspageStatusPublisher.builder(publicOnly).build()) {
            assertThat(noSandbox.publishesDrills()).isFalse();
            PortException e = catchThrowableOfType(PortException.class, () -> noSandbox.publish(new StatusUpdate(INC,
                    Optional.empty(), "Practice", IncidentStatus.INVESTIGATING, "drill", Severity.SEV2, Map.of(), true), IdempotencyKey.first("k")));
            assertThat(e.vendorCode()).isEqualTo("no_sandbox_page");
        }
        assertThat(statuspage.incidentWrites()).hasSize(1);
        statuspage.checkAll();
    }
}
