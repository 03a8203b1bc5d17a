package dev.incidentkit.adapters.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.adapters.testing.ApiDescriptionValidator.Lookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a missing API description skips validation or fails the build: it fails on CI. */
final class ApiDescriptionValidatorLoadTest {
    private static final String FILE = "tiny.json";

    @TempDir
    Path root;

    private Lookup lookup(Map<String, String> env, Map<String, String> properties, Path workingDirectory) {
        return new Lookup(env::get, properties::get, workingDirectory);
    }

    private Path moduleWithSpecsAbove() throws IOException {
        Path specs = Files.createDirectories(root.resolve("shared").resolve("api-specs"));
        Files.writeString(specs.resolve(FILE), "{\"swagger\":\"2.0\",\"basePath\":\"/api\",\"paths\":{}}");
        return Files.createDirectories(root.resolve("repo").resolve("module"));
    }

    @Test
    void aMissingDescriptionSkipsOutsideCi() {
        assertThat(ApiDescriptionValidator.load(FILE, lookup(Map.of(), Map.of(), root))).isEmpty();
        assertThat(ApiDescriptionValidator.load(FILE, lookup(Map.of("CI", "false"), Map.of(), root))).isEmpty();
        assertThat(ApiDescriptionValidator.load(FILE, lookup(Map.of("CI", ""), Map.of(), root))).isEmpty();
    }

    @Test
    void aMissingDescriptionFailsOnCi() {
        assertThatThrownBy(() -> ApiDescriptionValidator.load(FILE, lookup(Map.of("CI", "true"), Map.of(), root)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI is set")
                .hasMessageContaining("shared/api-specs/" + FILE)
                .hasMessageContaining(root.toString());
    }

    @Test
    void aMissingDescriptionUnderTheOverrideFailsOnCi() {
        Map<String, String> override = Map.of("incidentkit.apiSpecs", root.resolve("nowhere").toString());
        assertThatThrownBy(() -> ApiDescriptionValidator.load(FILE, lookup(Map.of("CI", "1"), override, root)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dincidentkit.apiSpecs=" + root.resolve("nowhere"));
    }

    @Test
    void aPresentDescriptionLoadsOnCiAndOff() throws IOException {
        Path module = moduleWithSpecsAbove();
        assertThat(ApiDescriptionValidator.load(FILE, lookup(Map.of("CI", "true"), Map.of(), module))).isPresent();
        assertThat(ApiDescriptionValidator.load(FILE, lookup(Map.of(), Map.of(), module))).isPresent();
        Map<String, String> override = Map.of("incidentkit.apiSpecs", root.resolve("shared/api-specs").toString());
        assertThat(ApiDescriptionValidator.load(FILE, lookup(Map.of("CI", "true"), override, root))).isPresent();
    }
}
