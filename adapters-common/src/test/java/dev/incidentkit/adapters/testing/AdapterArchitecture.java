package dev.incidentkit.adapters.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The architecture rules every adapter module checks over its own main classes: no adapter depends on
 * another adapter (a binding to a vendor's own framework, such as {@code dev.incidentkit.slack.bolt}, may
 * depend on that vendor's adapter) or on the testkit, and nothing reads the wall clock behind the injected {@link Clock}'s
 * back.
 */
public final class AdapterArchitecture {
    /** Root packages of the vendor adapters. */
    public static final List<String> ADAPTER_PACKAGES = List.of(
            "dev.incidentkit.slack", "dev.incidentkit.pagerduty", "dev.incidentkit.statuspage", "dev.incidentkit.github");

    private AdapterArchitecture() {}

    /**
     * Checks the main classes under {@code rootPackage}.
     *
     * @param rootPackage the module's root package, e.g. {@code dev.incidentkit.slack}
     * @throws AssertionError naming each offending dependency
     */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + rootPackage);
        }
        // a binding of one vendor's adapter to that vendor's framework (dev.incidentkit.slack.bolt) builds on it
        String[] others = ADAPTER_PACKAGES.stream().filter(p -> !p.equals(rootPackage) && !rootPackage.startsWith(p + "."))
                .map(p -> p + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                .because("no adapter depends on another adapter")
                .check(classes);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.incidentkit.testkit..", "org.junit..")
                .because("main code never depends on test fixtures")
                .check(classes);
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("time comes from an injected java.time.Clock")
                .check(classes);
    }
}
