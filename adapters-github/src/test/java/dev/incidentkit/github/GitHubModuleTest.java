package dev.incidentkit.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.incidentkit.adapters.Secret;
import dev.incidentkit.adapters.testing.AdapterArchitecture;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class GitHubModuleTest {

    @Test
    void dependsOnNoOtherAdapter() {
        AdapterArchitecture.check("dev.incidentkit.github");
    }

    @Test
    void publicSurfaceIsSmall() {
        List<String> topLevelPublic = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit.github").stream()
                .filter(c -> c.getPackageName().equals("dev.incidentkit.github"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).sorted().toList();
        assertThat(topLevelPublic).containsExactly("GitHubConfig", "GitHubInbound", "GitHubIssueTracker");
    }

    @Test
    void configReadsTheEnvironmentWithDefaults() {
        GitHubConfig c = GitHubConfig.from(Map.of("GITHUB_TOKEN", "t1", "GITHUB_REPO", "acme/incidents")::get);
        assertThat(c.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(c.owner()).isEqualTo("acme");
        assertThat(c.repo()).isEqualTo("incidents");
        assertThat(c.webhookSecret()).isEmpty();
        assertThat(c.token().get().reveal()).isEqualTo("t1");
        GitHubConfig ghes = GitHubConfig.from(Map.of("GITHUB_TOKEN", "t1", "GITHUB_REPO", "acme/incidents",
                "GITHUB_WEBHOOK_SECRET", "w", "GITHUB_API_URL", "https://ghe.example.com/api/v3")::get);
        assertThat(ghes.apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(ghes.webhookSecret()).isPresent();
    }

    @Test
    void aTokenSupplierIsAskedOnEveryUse() {
        AtomicInteger asked = new AtomicInteger();
        GitHubConfig c = GitHubConfig.builder().tokenSupplier(() -> Secret.of("ghs_" + asked.incrementAndGet()))
                .repository("acme/incidents").build();
        assertThat(c.token().get().reveal()).isEqualTo("ghs_1");
        assertThat(c.token().get().reveal()).isEqualTo("ghs_2");
    }

    @Test
    void missingOrBadSettingsAreNamed() {
        assertThatThrownBy(() -> GitHubConfig.from(Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GITHUB_TOKEN").hasMessageContaining("GITHUB_REPO");
        assertThatThrownBy(() -> GitHubConfig.from(Map.of("GITHUB_TOKEN", "t", "GITHUB_REPO", "incidents")::get))
                .hasMessageContaining("owner/name");
        assertThatThrownBy(() -> GitHubConfig.from(Map.of("GITHUB_TOKEN", "t", "GITHUB_REPO", "acme/in cidents")::get))
                .hasMessageContaining("repo is a repository name");
    }
}
