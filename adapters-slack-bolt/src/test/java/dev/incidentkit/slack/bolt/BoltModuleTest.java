package dev.incidentkit.slack.bolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.incidentkit.Reply;
import dev.incidentkit.adapters.testing.AdapterArchitecture;
import dev.incidentkit.spi.InMemoryIncidentStore;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BoltModuleTest {

    @Test
    void dependsOnNoAdapterButSlacksAndNeverOnTheWallClock() {
        AdapterArchitecture.check("dev.incidentkit.slack.bolt");
    }

    @Test
    void publicSurfaceIsOneClass() {
        List<String> topLevelPublic = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit.slack.bolt").stream()
                .filter(c -> c.getPackageName().equals("dev.incidentkit.slack.bolt"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).sorted().toList();
        assertThat(topLevelPublic).containsExactly("IncidentKitBolt");
    }

    @Test
    void theSettingsComeFromTheAppAndItsClient() {
        SlackConfig sdk = new SlackConfig();
        sdk.setMethodsEndpointUrlPrefix("http://127.0.0.1:9/api/");
        App app = new App(AppConfig.builder().singleTeamBotToken("xoxb-from-bolt-1").signingSecret("bolt-signing-2")
                .slack(Slack.getInstance(sdk)).build());
        dev.incidentkit.slack.SlackConfig c = IncidentKitBolt.slackConfig(app);
        assertThat(c.botToken().reveal()).isEqualTo("xoxb-from-bolt-1");
        assertThat(c.signingSecret().reveal()).isEqualTo("bolt-signing-2");
        assertThat(c.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9/api/"));
        assertThat(c.toString()).doesNotContain("xoxb-from-bolt-1").doesNotContain("bolt-signing-2");
    }

    @Test
    void anAppWithoutASingleWorkspaceTokenOrSigningSecretIsRefusedWithWhatToSet() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        App noToken = new App(AppConfig.builder().signingSecret("s").build());
        assertThatThrownBy(() -> IncidentKitBolt.install(noToken, r -> Reply.toSender("x"), store))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singleTeamBotToken");
        App noSecret = new App(AppConfig.builder().singleTeamBotToken("xoxb-1").build());
        assertThatThrownBy(() -> IncidentKitBolt.install(noSecret, r -> Reply.toSender("x"), store))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signingSecret");
        assertThatThrownBy(() -> IncidentKitBolt.builder(noSecret, r -> Reply.toSender("x"), store).command("incident"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/incident");
    }
}
