package dev.incidentkit.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.incidentkit.adapters.testing.AdapterArchitecture;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PagerDutyModuleTest {

    @Test
    void dependsOnNoOtherAdapterAndReadsNoWallClock() {
        AdapterArchitecture.check("dev.incidentkit.pagerduty");
    }

    @Test
    void publicSurfaceIsSmall() {
        List<String> topLevelPublic = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit.pagerduty").stream()
                .filter(c -> c.getPackageName().equals("dev.incidentkit.pagerduty"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).sorted().toList();
        assertThat(topLevelPublic).containsExactly("PagerDutyConfig", "PagerDutyDirectory", "PagerDutyInbound",
                "PagerDutyPager", "PagerDutyRotationSource");
    }

    @Test
    void configReadsTheEnvironmentWithDefaults() {
        PagerDutyConfig c = PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", "tok", "PAGERDUTY_FROM_EMAIL", "bot@example.com")::get);
        assertThat(c.apiUrl()).isEqualTo(URI.create("https://api.pagerduty.com"));
        assertThat(c.eventsUrl()).isEqualTo(URI.create("https://events.pagerduty.com"));
        assertThat(c.apiToken().reveal()).isEqualTo("tok");
        assertThat(c.fromEmail()).isEqualTo("bot@example.com");
        assertThat(c.webhookSecret()).isNull();
        assertThat(c.declareServiceIds()).isEmpty();
        assertThat(c.missingFor("rest")).containsExactly("PAGERDUTY_SERVICE_ID");
        assertThat(c.missingFor("inbound")).containsExactly("PAGERDUTY_WEBHOOK_SECRET");

        PagerDutyConfig eu = PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", "tok", "PAGERDUTY_WEBHOOK_SECRET", "s",
                "PAGERDUTY_ROUTING_KEY", "r", "PAGERDUTY_SERVICE_ID", "PSVC001", "PAGERDUTY_ESCALATION_POLICY_ID", "PEP0001",
                "PAGERDUTY_SCHEDULE_ID", "PSCH001", "PAGERDUTY_DECLARE_SERVICE_IDS", " PSVC001, PSVC002 ,",
                "PAGERDUTY_API_URL", "https://api.eu.pagerduty.com", "PAGERDUTY_EVENTS_URL", "https://events.eu.pagerduty.com/v2/")::get);
        assertThat(eu.apiUrl()).isEqualTo(URI.create("https://api.eu.pagerduty.com"));
        assertThat(eu.eventsUrl()).as("a trailing /v2 is dropped").isEqualTo(URI.create("https://events.eu.pagerduty.com"));
        assertThat(eu.declareServiceIds()).isEqualTo(Set.of("PSVC001", "PSVC002"));
        assertThat(eu.missingFor("rotation")).isEmpty();
        assertThat(eu.missingFor("events")).isEmpty();
    }

    @Test
    void missingAndBadSettingsAreNamed() {
        assertThatThrownBy(() -> PagerDutyConfig.from(Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PAGERDUTY_TOKEN");
        assertThatThrownBy(() -> PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", "t", "PAGERDUTY_API_URL", "ftp://x")::get))
                .hasMessageContaining("apiUrl is an http(s) URL");
        assertThatThrownBy(() -> PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", "t", "PAGERDUTY_FROM_EMAIL", "bot")::get))
                .hasMessageContaining("fromEmail");
        PagerDutyConfig bare = PagerDutyConfig.from(Map.of("PAGERDUTY_TOKEN", "t")::get);
        assertThatThrownBy(() -> PagerDutyRotationSource.builder(bare).build())
                .hasMessageContaining("PAGERDUTY_SCHEDULE_ID or PAGERDUTY_ESCALATION_POLICY_ID");
    }
}
