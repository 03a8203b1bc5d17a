package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The descriptions the other tests validate against do catch what PagerDuty would refuse. */
final class PagerDutySpecTest {

    static RecordedRequest request(String method, String path, Map<String, List<String>> headers, String body) {
        return new RecordedRequest(method, path, "", headers, body.getBytes(StandardCharsets.UTF_8), 0L);
    }

    @Test
    void theRestDescriptionCatchesAMissingFromAndAMissingTitle() {
        var rest = ApiDescriptionValidator.load("pagerduty-rest-v2.openapi3.json");
        Assumptions.assumeTrue(rest.isPresent(), "shared/api-specs not present");
        Map<String, List<String>> noFrom = Map.of("Accept", List.of("application/vnd.pagerduty+json;version=2"),
                "Content-Type", List.of("application/json"));
        var result = rest.get().validate(request("POST", "/incidents", noFrom,
                "{\"incident\":{\"type\":\"incident\",\"service\":{\"id\":\"P1\",\"type\":\"service_reference\"}}}"));
        assertThat(result.violations()).anyMatch(v -> v.contains("'From'")).anyMatch(v -> v.contains("'title'"));
    }

    @Test
    void theEventsDescriptionCatchesAnUnknownAction() {
        var events = ApiDescriptionValidator.load("pagerduty-events-v2.openapi3.json");
        Assumptions.assumeTrue(events.isPresent(), "shared/api-specs not present");
        var result = events.get().validate(request("POST", "/v2/enqueue", Map.of("Content-Type", List.of("application/json")),
                "{\"routing_key\":\"r\",\"event_action\":\"escalate\"}"));
        assertThat(result.violations()).anyMatch(v -> v.contains("escalate"));
    }
}
