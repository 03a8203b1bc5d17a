package dev.incidentkit.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.testing.AdapterArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No adapter depends on another adapter (a binding of one to its vendor's own framework, adapters-X-Y, may
 * depend on adapters-X). Checked twice: over this module's classes, and over every
 * {@code adapters-*} module's pom (which exists before those modules compile, so a clean build checks them
 * too). Each vendor module also runs {@link AdapterArchitecture#check} over its own classes.
 */
final class AdapterArchitectureTest {
    private static final Pattern ADAPTER_DEPENDENCY = Pattern.compile("<artifactId>incidentkit-adapters-([a-z-]+)</artifactId>");

    @Test
    void commonDependsOnNoVendorAdapter() {
        AdapterArchitecture.check("dev.incidentkit.adapters");
    }

    @Test
    void noAdapterPomDependsOnAnotherAdapter() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("adapters-")).toList()) {
                Path pom = dir.resolve("pom.xml");
                if (!Files.isRegularFile(pom)) {
                    continue;
                }
                checked++;
                String self = dir.getFileName().toString().substring("adapters-".length());
                Matcher m = ADAPTER_DEPENDENCY.matcher(Files.readString(pom));
                while (m.find()) {
                    String target = m.group(1);
                    // adapters-slack-bolt binds adapters-slack to Slack's own framework: it may build on it
                    if (!target.equals("common") && !target.equals(self) && !self.startsWith(target + "-")) {
                        offenders.add(dir.getFileName() + " -> incidentkit-adapters-" + target);
                    }
                }
            }
        }
        assertThat(checked).as("adapters-* modules found next to this one").isGreaterThanOrEqualTo(2);
        assertThat(offenders).as("adapter modules depending on another adapter").isEmpty();
    }
}
