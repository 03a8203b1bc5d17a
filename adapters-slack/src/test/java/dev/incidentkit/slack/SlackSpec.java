package dev.incidentkit.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.testing.ApiDescriptionValidator;
import dev.incidentkit.adapters.testing.RecordedRequest;
import java.util.List;
import java.util.Optional;

/**
 * Slack's Web API description ({@code shared/api-specs/slack-web-openapi-v2.json}, 2021) with its known
 * gaps accepted as api-notes §8 lists them: the {@code token} parameter (we send a bearer header),
 * {@code views.open} described as GET (Slack's method page says POST), {@code bookmarks.add} missing.
 */
public final class SlackSpec {
    private static final Optional<ApiDescriptionValidator> SPEC = ApiDescriptionValidator.load("slack-web-openapi-v2.json")
            .map(v -> v.ignoreParameter("token").acceptMethod("/views.open", "POST", "GET").acceptUndescribed("/bookmarks.add"));

    private SlackSpec() {}

    public static boolean present() {
        return SPEC.isPresent();
    }

    /**
     * Checks every Web API request against the description when the file is present, and what every
     * Slack call must carry either way: the bearer token in the header and never in the URL, and JSON
     * with a charset for writes.
     */
    public static void checkAll(List<RecordedRequest> requests) {
        for (RecordedRequest r : requests) {
            if (!r.path().startsWith("/api/")) {
                continue;
            }
            assertThat(r.header("Authorization")).as("auth of %s", r).contains("Bearer " + FakeSlack.TOKEN);
            assertThat(r.rawQuery()).as("query of %s", r).doesNotContain(FakeSlack.TOKEN);
            if (r.method().equals("POST")) {
                assertThat(r.header("Content-Type")).as("content type of %s", r).contains("application/json; charset=utf-8");
                assertThat(r.bodyText()).as("body of %s", r).doesNotContain(FakeSlack.TOKEN);
            }
            SPEC.ifPresent(v -> v.check(r));
        }
    }
}
