package dev.incidentkit.pagerduty;

import static dev.incidentkit.spi.IdempotencyKey.again;
import static dev.incidentkit.spi.IdempotencyKey.first;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.adapters.testing.RecordedRequest;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.Pager.Page;
import dev.incidentkit.spi.Pager.PageRequest;
import dev.incidentkit.spi.PortException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class PagerDutyPagerTest {
    static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(2), Duration.ofMillis(10));
    static final IncidentId INC42 = IncidentId.of(42);
    static final PersonRef ALICE = new PersonRef("U024BE7LH", "Alice");
    /** A person whose kit id is their PagerDuty user id. */
    static final PersonRef BOB = new PersonRef("PBOB0001", "Bob");

    final FakePagerDuty pd = new FakePagerDuty();

    /** The chat's directory: Alice is a Slack user with an email. */
    static final Directory SLACK = new Directory() {
        @Override
        public Optional<Person> find(PersonRef ref) {
            return ref.id().equals(ALICE.id())
                    ? Optional.of(new Person(ALICE.id(), "Alice", ZoneOffset.UTC, Map.of("slack", ALICE.id(), "email", "alice@example.com")))
                    : Optional.empty();
        }

        @Override
        public Optional<Person> findByEmail(String email) {
            return email.equalsIgnoreCase("alice@example.com") ? find(ALICE) : Optional.empty();
        }
    };
    final Directory slack = SLACK;

    @AfterEach
    void stop() {
        pd.close();
    }

    PagerDutyPager rest() {
        return PagerDutyPager.restApi(pd.config()).people(slack).retryPolicy(FAST).build();
    }

    void usersFindAlice() {
        pd.server.stub("GET", "/users", r -> ScriptedResponse.ok("{\"users\":[" + pd.user("PXPGF42", "Alice L", "Alice@Example.com")
                + "],\"limit\":100,\"offset\":0,\"more\":false}"));
    }

    @Test
    void restPageOpensAnIncidentAssignedToThePersonWithTheIncidentKey() {
        usersFindAlice();
        try (PagerDutyPager pager = rest()) {
            Page page = pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV1 Checkout is failing", Severity.SEV1, false), first("INC-42:2:3"));
            assertThat(page.reference()).isEqualTo("PINC001");
            assertThat(page.url()).isEqualTo("https://acme.pagerduty.com/incidents/PINC001");
        }
        RecordedRequest lookup = pd.server.requests("GET", "/users").get(0);
        assertThat(lookup.query()).containsEntry("query", "alice@example.com").containsEntry("limit", "100").containsEntry("offset", "0");
        JsonNode incident = pd.server.requests("POST", "/incidents").get(0).json().path("incident");
        assertThat(incident.path("type").asText()).isEqualTo("incident");
        assertThat(incident.path("title").asText()).isEqualTo("INC-42 SEV1 Checkout is failing");
        assertThat(incident.path("service").path("id").asText()).isEqualTo(FakePagerDuty.SERVICE);
        assertThat(incident.path("service").path("type").asText()).isEqualTo("service_reference");
        assertThat(incident.path("urgency").asText()).isEqualTo("high");
        assertThat(incident.path("incident_key").asText()).isEqualTo("incidentkit/INC-42/U024BE7LH");
        assertThat(incident.path("assignments").path(0).path("assignee").path("id").asText()).isEqualTo("PXPGF42");
        assertThat(incident.path("assignments").path(0).path("assignee").path("type").asText()).isEqualTo("user_reference");
        assertThat(incident.has("escalation_policy")).isFalse();
        pd.checkAll();
    }


    @Test
    void restPagesToAliceThenBobForOneIncidentAreTwoIncidentsEachAssignedToItsPerson() {
        usersFindAlice();
        try (PagerDutyPager pager = rest()) {
            Page alice = pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV1 Down", Severity.SEV1, false), first("INC-42:1:4"));
            Page bob = pager.page(new PageRequest(INC42, BOB, "INC-42 SEV1 Down", Severity.SEV1, false),
                    first("INC-42:page-ack:5:escalate@1795960800:page"));
            assertThat(bob.reference()).isNotEqualTo(alice.reference());
        }
        assertThat(pd.incidents()).extracting(i -> i.path("incident_key").asText())
                .containsExactly("incidentkit/INC-42/U024BE7LH", "incidentkit/INC-42/PBOB0001");
        assertThat(pd.server.requests("POST", "/incidents"))
                .extracting(r -> r.json().path("incident").path("assignments").path(0).path("assignee").path("id").asText())
                .containsExactly("PXPGF42", "PBOB0001");
        pd.checkAll();
    }


    @Test
    void resolveResolvesEachPagedPersonsIncidentAndAgainIsHarmless() {
        usersFindAlice();
        try (PagerDutyPager pager = PagerDutyPager.restApi(pd.config()).people(slack).retryPolicy(FAST).notes(true).build()) {
            pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV3 Slow", Severity.SEV3, true), first("k1"));
            pager.page(new PageRequest(INC42, BOB, "INC-42 SEV3 Slow", Severity.SEV3, true), first("k2"));
        }
        try (PagerDutyPager restarted = PagerDutyPager.restApi(pd.config()).people(slack).retryPolicy(FAST).notes(true).build()) {
            restarted.resolve(INC42, List.of(ALICE, BOB), first("k3"));
            assertThat(pd.status("PINC001")).isEqualTo("resolved");
            assertThat(pd.status("PINC002")).isEqualTo("resolved");
            restarted.resolve(INC42, List.of(ALICE, BOB), again("k3"));
        }
        JsonNode put = pd.server.requests("PUT", "/incidents/PINC001").get(0).json();
        assertThat(put.path("incident").path("type").asText()).isEqualTo("incident_reference");
        assertThat(put.path("incident").path("status").asText()).isEqualTo("resolved");
        assertThat(pd.server.requests("PUT", "/incidents/PINC002")).hasSize(1);
        JsonNode created = pd.server.requests("POST", "/incidents").get(0).json().path("incident");
        assertThat(created.path("title").asText()).isEqualTo("[DRILL] INC-42 SEV3 Slow");
        assertThat(created.path("urgency").asText()).isEqualTo("low");
        assertThat(pd.server.requests("POST", "/incidents/PINC001/notes")).hasSize(2);
        pd.checkAll();
    }

    @Test
    void aResolvedPersonsPageIsANewPageWhenPagedAgain() {
        usersFindAlice();
        try (PagerDutyPager pager = rest()) {
            PageRequest request = new PageRequest(INC42, ALICE, "INC-42 SEV2 Slow", Severity.SEV2, false);
            pager.page(request, first("k1"));
            pager.resolve(INC42, List.of(ALICE), first("k2"));
            Page reopened = pager.page(request, first("k3"));
            assertThat(reopened.reference()).isEqualTo("PINC002");
        }
        assertThat(pd.incidents()).extracting(i -> i.path("status").asText()).containsExactly("resolved", "triggered");
    }

    @Test
    void aPersonWithoutAPagerDutyAccountPagesTheEscalationPolicy() {
        pd.server.stub("GET", "/users", r -> ScriptedResponse.ok("{\"users\":[],\"limit\":100,\"offset\":0,\"more\":false}"));
        try (PagerDutyPager pager = PagerDutyPager.restApi(pd.configBuilder().escalationPolicyId(FakePagerDuty.POLICY).build())
                .people(slack).retryPolicy(FAST).build()) {
            pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV1 Down", Severity.SEV1, false), first("k1"));
        }
        JsonNode incident = pd.server.requests("POST", "/incidents").get(0).json().path("incident");
        assertThat(incident.path("escalation_policy").path("id").asText()).isEqualTo(FakePagerDuty.POLICY);
        assertThat(incident.path("escalation_policy").path("type").asText()).isEqualTo("escalation_policy_reference");
        assertThat(incident.has("assignments")).isFalse();
        pd.checkAll();
    }

    @Test
    void withoutAUserOrAPolicyThePageFailsAsInvalidNamingTheFix() {
        pd.server.stub("GET", "/users", r -> ScriptedResponse.ok("{\"users\":[],\"more\":false}"));
        try (PagerDutyPager pager = rest()) {
            PortException e = catchThrowableOfType(PortException.class,
                    () -> pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV1 Down", Severity.SEV1, false), first("k1")));
            assertThat(e.kind()).isEqualTo(PortException.Kind.INVALID);
            assertThat(e.getMessage()).contains("PAGERDUTY_ESCALATION_POLICY_ID");
        }
        assertThat(pd.server.requests("POST", "/incidents")).isEmpty();
    }

    @Test
    void rateLimitWaitsForRatelimitResetThenSucceeds() {
        pd.server.enqueue("POST", "/incidents", ScriptedResponse.json(429, "{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}")
                .withHeader("ratelimit-limit", "960").withHeader("ratelimit-remaining", "0").withHeader("ratelimit-reset", "1"));
        try (PagerDutyPager pager = rest()) {
            Page page = pager.page(new PageRequest(INC42, new PersonRef("PXPGF42", "Alice"), "INC-42 SEV1 Down", Severity.SEV1, false), first("k1"));
            assertThat(page.reference()).isEqualTo("PINC001");
        }
        List<dev.incidentkit.adapters.testing.FakeVendorServer.Exchange> exchanges = pd.server.exchanges();
        assertThat(exchanges).extracting(x -> x.response().status()).containsExactly(429, 201);
        long waitedMillis = (exchanges.get(1).request().receivedNanos() - exchanges.get(0).respondedNanos()) / 1_000_000;
        assertThat(waitedMillis).as("waited ratelimit-reset").isGreaterThanOrEqualTo(900);
        pd.checkAll();
    }


    @Test
    void errorObjectsBecomeTypedFailures() {
        // 401/2006, 404/2100, 400/2001, 503 and 429/2020 are PagerContract's; these are the codes beyond them
        Map<String, PortException.Kind> cases = Map.of(
                "403|2010", PortException.Kind.UNAUTHORIZED,
                "400|1008", PortException.Kind.INVALID,
                "500|0", PortException.Kind.UNAVAILABLE);
        cases.forEach((statusAndCode, kind) -> {
            int status = Integer.parseInt(statusAndCode.split("\\|")[0]);
            String code = statusAndCode.split("\\|")[1];
            pd.server.stub("POST", "/incidents", r -> ScriptedResponse.json(status, "{\"error\":{\"message\":\"No\",\"code\":" + code
                    + ",\"errors\":[\"detail with alice@example.com\"]}}"));
            try (PagerDutyPager pager = PagerDutyPager.restApi(pd.config()).retryPolicy(RetryPolicy.none()).build()) {
                PortException e = catchThrowableOfType(PortException.class, () -> pager.page(
                        new PageRequest(INC42, new PersonRef("PXPGF42", "Alice"), "INC-42 SEV1 Down", Severity.SEV1, false), first("k1")));
                assertThat(e.kind()).as(statusAndCode).isEqualTo(kind);
                assertThat(e.httpStatus()).isEqualTo(status);
                assertThat(e.vendorCode()).isEqualTo(code);
                assertThat(e.getMessage()).doesNotContain("alice@example.com");
            }
        });
    }

    @Test
    void eventsPageTriggersWithAStableDedupKeyAndResolveResolvesIt() {
        try (PagerDutyPager pager = PagerDutyPager.eventsApi(pd.config()).retryPolicy(FAST).build()) {
            assertThat(pager.mode()).isEqualTo(PagerDutyPager.Mode.EVENTS_API);
            Page page = pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV2 Checkout is slow", Severity.SEV2, false), first("k1"));
            assertThat(page).isEqualTo(new Page("incidentkit/INC-42/U024BE7LH", ""));
            pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV2 Checkout is slow", Severity.SEV2, false), again("k1"));
            pager.resolve(INC42, List.of(ALICE), first("k2"));
        }
        List<RecordedRequest> sent = pd.server.requests("POST", "/v2/enqueue");
        assertThat(sent).hasSize(3);
        JsonNode trigger = sent.get(0).json();
        assertThat(trigger.path("routing_key").asText()).isEqualTo(FakePagerDuty.ROUTING_KEY);
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("dedup_key").asText()).isEqualTo("incidentkit/INC-42/U024BE7LH");
        assertThat(trigger.path("payload").path("summary").asText()).isEqualTo("INC-42 SEV2 Checkout is slow");
        assertThat(trigger.path("payload").path("source").asText()).isEqualTo("incidentkit");
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("error");
        assertThat(trigger.path("payload").path("custom_details").path("page").asText()).isEqualTo("Alice");
        assertThat(sent.get(1).json().path("dedup_key")).isEqualTo(trigger.path("dedup_key"));
        assertThat(pd.alerts()).as("PagerDuty folds the repeated trigger into the open alert").hasSize(1);
        JsonNode resolve = sent.get(2).json();
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("incidentkit/INC-42/U024BE7LH");
        assertThat(resolve.has("payload")).isFalse();
        pd.checkAll();
    }

    @Test
    void eventsPagesToAliceThenBobAreTwoAlertsAndResolveResolvesBoth() {
        try (PagerDutyPager pager = PagerDutyPager.eventsApi(pd.eventsOnlyConfigBuilder().build()).retryPolicy(FAST).build()) {
            Page alice = pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV1 Down", Severity.SEV1, false), first("k1"));
            Page bob = pager.page(new PageRequest(INC42, BOB, "INC-42 SEV1 Down", Severity.SEV1, false), first("k2"));
            assertThat(bob.reference()).isNotEqualTo(alice.reference());
            assertThat(pd.alerts()).extracting(a -> a.path("page").asText()).containsExactly("Alice", "Bob");

            pager.resolve(INC42, List.of(ALICE, BOB), first("k3"));
            pager.resolve(INC42, List.of(ALICE, BOB), again("k3"));
        }
        assertThat(pd.alerts()).extracting(a -> a.path("dedup_key").asText() + " " + a.path("status").asText())
                .containsExactly("incidentkit/INC-42/U024BE7LH resolved", "incidentkit/INC-42/PBOB0001 resolved");
        pd.checkAll();
    }


    @Test
    void theRoutingKeyAloneIsAWorkingEventsPager() {
        PagerDutyConfig config = PagerDutyConfig.from(Map.of("PAGERDUTY_ROUTING_KEY", FakePagerDuty.ROUTING_KEY,
                "PAGERDUTY_EVENTS_URL", pd.server.baseUri().toString())::get);
        assertThat(config.apiToken()).isNull();
        try (PagerDutyPager pager = PagerDutyPager.eventsApi(config).retryPolicy(FAST).build()) {
            pager.page(new PageRequest(INC42, ALICE, "INC-42 SEV1 Down", Severity.SEV1, false), first("k1"));
            pager.resolve(INC42, List.of(ALICE), first("k2"));
            assertThatThrownBy(pager::directory).isInstanceOf(IllegalStateException.class).hasMessageContaining("PAGERDUTY_TOKEN");
        }
        assertThat(pd.alerts()).singleElement().satisfies(a -> assertThat(a.path("status").asText()).isEqualTo("resolved"));
        assertThat(pd.server.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v2/enqueue"));
        assertThat(config.missingFor("rest")).contains("PAGERDUTY_TOKEN");
        assertThat(config.missingFor("rotation")).contains("PAGERDUTY_TOKEN");
        pd.checkAll();
    }

    @Test
    void eventsApiErrorsAreTyped() {
        pd.server.stub("POST", "/v2/enqueue", r -> ScriptedResponse.json(400,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' is incorrect\"]}"));
        try (PagerDutyPager pager = PagerDutyPager.eventsApi(pd.config()).retryPolicy(FAST).build()) {
            PortException e = catchThrowableOfType(PortException.class, () -> pager.resolve(INC42, List.of(ALICE), first("k")));
            assertThat(e.kind()).isEqualTo(PortException.Kind.INVALID);
            assertThat(e.vendorCode()).isEqualTo("invalid event");
            assertThat(e.port()).isEqualTo("pagerduty-events enqueue resolve");
        }
    }

    @Test
    void eachModeNamesTheSettingsItStillNeeds() {
        PagerDutyConfig bare = PagerDutyConfig.builder().apiToken(dev.incidentkit.adapters.Secret.of("t")).build();
        assertThatThrownBy(() -> PagerDutyPager.restApi(bare).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PAGERDUTY_FROM_EMAIL").hasMessageContaining("PAGERDUTY_SERVICE_ID");
        assertThatThrownBy(() -> PagerDutyPager.eventsApi(bare).build()).hasMessageContaining("PAGERDUTY_ROUTING_KEY");
        PagerDutyConfig routingOnly = pd.eventsOnlyConfigBuilder().build();
        assertThatThrownBy(() -> PagerDutyPager.restApi(routingOnly).build()).hasMessageContaining("PAGERDUTY_TOKEN");
        assertThatThrownBy(() -> PagerDutyPager.eventsApi(routingOnly).notes(true).build())
                .hasMessageContaining("PAGERDUTY_TOKEN").hasMessageContaining("PAGERDUTY_FROM_EMAIL");
        assertThatThrownBy(() -> PagerDutyConfig.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PAGERDUTY_TOKEN").hasMessageContaining("PAGERDUTY_ROUTING_KEY");
    }
}
