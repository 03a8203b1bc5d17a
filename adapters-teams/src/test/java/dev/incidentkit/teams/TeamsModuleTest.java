package dev.incidentkit.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.incidentkit.adapters.testing.AdapterArchitecture;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TeamsModuleTest {
    private static final Map<String, String> REQUIRED = Map.of("TEAMS_APP_ID", "app-1", "TEAMS_APP_PASSWORD",
            "secret-pw-5521", "TEAMS_TENANT_ID", "tenant-1", "TEAMS_TEAM_ID", "team-1");

    @Test
    void dependsOnNoOtherAdapter() {
        AdapterArchitecture.check("dev.incidentkit.teams");
    }

    @Test
    void publicSurfaceIsSmall() {
        List<String> topLevelPublic = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit.teams").stream()
                .filter(c -> c.getPackageName().equals("dev.incidentkit.teams"))
                .filter(c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).sorted().toList();
        assertThat(topLevelPublic).containsExactly("TeamsChatGateway", "TeamsConfig", "TeamsDirectory", "TeamsInbound");
    }

    @Test
    void configReadsTheEnvironmentWithDefaults() {
        TeamsConfig c = TeamsConfig.from(REQUIRED::get);
        assertThat(c.serviceUrl()).isEqualTo(URI.create("https://smba.trafficmanager.net/teams/"));
        assertThat(c.graphUrl()).isEqualTo(URI.create("https://graph.microsoft.com/v1.0"));
        assertThat(c.openIdMetadataUrl()).isEqualTo(URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"));
        assertThat(c.targetedMessages()).isFalse();
        assertThat(c.appPassword().reveal()).isEqualTo("secret-pw-5521");
        assertThat(c.toString()).doesNotContain("secret-pw-5521");
        Map<String, String> custom = new java.util.HashMap<>(REQUIRED);
        custom.put("TEAMS_GRAPH_URL", "http://127.0.0.1:9/v1.0");
        custom.put("TEAMS_TARGETED_MESSAGES", "true");
        TeamsConfig other = TeamsConfig.from(custom::get);
        assertThat(other.graphUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v1.0"));
        assertThat(other.targetedMessages()).isTrue();
    }

    @Test
    void missingSettingsAreAllNamedWithoutValues() {
        assertThatThrownBy(() -> TeamsConfig.from(Map.<String, String>of("TEAMS_APP_PASSWORD", "pw-7781")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEAMS_APP_ID").hasMessageContaining("TEAMS_TENANT_ID")
                .hasMessageContaining("TEAMS_TEAM_ID").hasMessageNotContaining("pw-7781");
        Map<String, String> bad = new java.util.HashMap<>(REQUIRED);
        bad.put("TEAMS_LOGIN_URL", "ftp://x");
        assertThatThrownBy(() -> TeamsConfig.from(bad::get)).hasMessageContaining("http(s) URL");
    }
}
