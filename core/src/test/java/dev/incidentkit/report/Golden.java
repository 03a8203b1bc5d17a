package dev.incidentkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: compares text exactly with {@code src/test/resources/golden/<name>}, or, run with
 * {@code -Dgolden.update=true}, rewrites the file instead (then review the diff before committing).
 */
final class Golden {
    static final String UPDATE_PROPERTY = "golden.update";
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {}

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file)
                    .as("golden file %s is missing; run the test with -D%s=true to write it", file.toAbsolutePath(), UPDATE_PROPERTY)
                    .exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual)
                    .as("output differs from %s; if the change is intended, rerun with -D%s=true and review the diff",
                            file, UPDATE_PROPERTY)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
