package dev.incidentkit.pagerduty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import org.junit.jupiter.api.Test;

final class IncidentKeysTest {
    static final IncidentId INC42 = IncidentId.of(42);

    @Test
    void aKeyNamesTheIncidentAndThePersonAndNothingElse() {
        assertThat(IncidentKeys.of(INC42, new PersonRef("U024BE7LH", "Alice")))
                .isEqualTo(IncidentKeys.of(INC42, new PersonRef("U024BE7LH", "Alice L.")))
                .isEqualTo("incidentkit/INC-42/U024BE7LH");
        assertThat(IncidentKeys.of(INC42, new PersonRef("PBOB0001", "Bob"))).isEqualTo("incidentkit/INC-42/PBOB0001");
        assertThat(IncidentKeys.of(IncidentId.of(43), new PersonRef("U024BE7LH", "Alice"))).isEqualTo("incidentkit/INC-43/U024BE7LH");
    }

    @Test
    void aLongPersonIdIsHashedToStayWithinPagerDutysLimit() {
        String longId = "x".repeat(300);
        String key = IncidentKeys.of(INC42, new PersonRef(longId, "Long"));
        assertThat(key).hasSizeLessThanOrEqualTo(IncidentKeys.MAX_LENGTH).startsWith("incidentkit/INC-42/sha256-");
        assertThat(key).isNotEqualTo(IncidentKeys.of(INC42, new PersonRef("y".repeat(300), "Other")));
        assertThat(IncidentKeys.parse(key)).contains(INC42);
    }

    @Test
    void parseFindsTheIncidentInNewAndEarlierKeysOnly() {
        assertThat(IncidentKeys.parse("incidentkit/INC-42/U024BE7LH")).contains(INC42);
        assertThat(IncidentKeys.parse("incidentkit/INC-42/a/b")).contains(INC42);
        assertThat(IncidentKeys.parse("incidentkit/INC-42")).contains(INC42);
        assertThat(IncidentKeys.parse("srv01/HTTP")).isEmpty();
        assertThat(IncidentKeys.parse("incidentkit/not-an-id/U1")).isEmpty();
    }
}
