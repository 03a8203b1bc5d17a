package dev.incidentkit.statuspage;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class StatuspageModuleTest {

    @Test
    void dependsOnNoOtherAdapter() {
        AdapterArchitecture.check("dev.incidentkit.statuspage");
    }

    @Test
    void publicSurfaceIsSmall() {
        List<String> topLevelPublic = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit.statuspage").stream()
                .filter(c -> c.getPackageName().equals("dev.incidentkit.statuspage"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName).sorted().toList();
        assertThat(topLevelPublic).containsExactly("StatuspageConfig", "StatuspageStatusPublisher");
    }

    @Test
    void configReadsTheEnvironmentWithDefaults() {
        StatuspageConfig c = StatuspageConfig.from(Map.of("STATUSPAGE_TOKEN", "t1", "STATUSPAGE_PAGE_ID", "page1")::get);
        assertThat(c.apiUrl()).isEqualTo(URI.create("https://api.statuspage.io/v1"));
        assertThat(c.sandboxPageId()).isEmpty();
        assertThat(c.pageFor(true)).isEmpty();
        assertThat(c.restoreComponentsOnResolve()).isTrue();
        StatuspageConfig custom = StatuspageConfig.from(Map.of("STATUSPAGE_TOKEN", "t1", "STATUSPAGE_PAGE_ID", "page1",
                "STATUSPAGE_API_URL", "http://127.0.0.1:9/v1", "STATUSPAGE_SANDBOX_PAGE_ID", "drills1")::get);
        assertThat(custom.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v1"));
        assertThat(custom.pageFor(true)).isEqualTo(Optional.of("drills1"));
    }

    @Test
    void missingOrBadSettingsAreNamed() {
        assertThatThrownBy(() -> StatuspageConfig.from(Map.<String, String>of()::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STATUSPAGE_TOKEN").hasMessageContaining("STATUSPAGE_PAGE_ID");
        assertThatThrownBy(() -> StatuspageConfig.from(Map.of("STATUSPAGE_TOKEN", "t", "STATUSPAGE_PAGE_ID", "p1",
                "STATUSPAGE_SANDBOX_PAGE_ID", "p1")::get)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> StatuspageConfig.from(Map.of("STATUSPAGE_TOKEN", "t", "STATUSPAGE_PAGE_ID", "a/b")::get))
                .hasMessageContaining("pageId");
    }
}
