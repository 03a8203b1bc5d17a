package dev.incidentkit.slack;

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

final class SlackModuleTest {

    @Test
    void dependsOnNoOtherAdapter() {
        AdapterArchitecture.check("dev.incidentkit.slack");
    }

    @Test
    void publicSurfaceIsSmall() {
        List<String> topLevelPublic = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit.slack").stream()
                .filter(c -> c.getPackageName().equals("dev.incidentkit.slack"))
                .filter(c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).sorted().toList();
        assertThat(topLevelPublic).containsExactly("SlackChatGateway", "SlackConfig", "SlackDirectory", "SlackInbound");
    }

    @Test
    void configReadsTheEnvironmentWithDefaults() {
        SlackConfig c = SlackConfig.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s1")::get);
        assertThat(c.apiUrl()).isEqualTo(URI.create("https://slack.com/api"));
        assertThat(c.noteReaction()).isEqualTo("pushpin");
        assertThat(c.botToken().reveal()).isEqualTo("xoxb-1");
        SlackConfig custom = SlackConfig.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s1",
                "SLACK_API_URL", "http://127.0.0.1:9/api", "SLACK_NOTE_REACTION", ":memo:")::get);
        assertThat(custom.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9/api"));
        assertThat(custom.noteReaction()).isEqualTo("memo");
    }

    @Test
    void missingSettingsAreAllNamed() {
        assertThatThrownBy(() -> SlackConfig.from(Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN").hasMessageContaining("SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> SlackConfig.from(Map.of("SLACK_BOT_TOKEN", "x", "SLACK_SIGNING_SECRET", "y",
                "SLACK_API_URL", "ftp://x")::get)).hasMessageContaining("apiUrl is an http(s) URL");
    }
}
