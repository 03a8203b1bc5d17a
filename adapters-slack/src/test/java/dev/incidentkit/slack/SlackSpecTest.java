package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator the other tests rely on really catches mistakes against Slack's description. */
final class SlackSpecTest {

    private static RecordedRequest post(String method, String json) {
        return new RecordedRequest("POST", "/api/" + method, "", Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                json.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void catchesMissingRequiredFieldsWrongTypesAndUnknownMethods() {
        assumeTrue(SlackSpec.present(), "shared/api-specs is not present");
        ApiDescriptionValidator v = ApiDescriptionValidator.load("slack-web-openapi-v2.json").orElseThrow().ignoreParameter("token");
        assertThat(v.validate(post("chat.postMessage", "{\"channel\":\"C1\",\"text\":\"hi\",\"blocks\":[]}")).ok()).isTrue();
        assertThat(v.validate(post("chat.postMessage", "{\"text\":\"hi\"}")).violations())
                .anyMatch(s -> s.contains("required parameter 'channel'"));
        assertThat(v.validate(post("chat.update", "{\"channel\":\"C1\",\"ts\":\"1.2\",\"link_names\":{}}")).ok()).isTrue();
        assertThat(v.validate(post("chat.postMessage", "{\"channel\":\"C1\",\"unfurl_links\":\"maybe\"}")).violations())
                .anyMatch(s -> s.contains("expected boolean"));
        assertThat(v.validate(post("chat.postMessages", "{}")).violations()).anyMatch(s -> s.contains("not a path"));
        assertThat(v.validate(post("views.open", "{\"trigger_id\":\"t\",\"view\":{}}")).violations())
                .anyMatch(s -> s.contains("has no POST"));
        RecordedRequest get = new RecordedRequest("GET", "/api/users.lookupByEmail", "", Map.of(), new byte[0], 0);
        assertThat(v.validate(get).violations()).anyMatch(s -> s.contains("required parameter 'email'"));
    }
}
