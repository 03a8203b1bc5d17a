package dev.incidentkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps core a pure domain: no network, no database, no vendor, no wall clock. */
final class ArchitectureTest {
    /** Vendor names; "status page" is our generic word, so only the product spelling "Statuspage" counts. */
    private static final Pattern VENDOR = Pattern.compile("(?i:slack|pagerduty|github|opsgenie|mattermost)|Statuspage|statuspage");
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentkit");
    }

    @Test
    void coreIsImportedAtAll() {
        assertThat(core.contain(dev.incidentkit.incident.Decider.class)).isTrue();
    }

    @Test
    void coreDoesNoNetworkingOrJdbc() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.net.http..", "java.sql..", "javax.sql..", "java.net..", "javax.net..")
                .because("core is a pure domain; I/O belongs to adapters behind the SPI ports")
                .check(core);
    }

    @Test
    void coreDependsOnNoAdapterOrOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.incidentkit.slack..", "dev.incidentkit.pagerduty..", "dev.incidentkit.statuspage..",
                        "dev.incidentkit.github..", "dev.incidentkit.jdbc..", "dev.incidentkit.adapters..",
                        "dev.incidentkit.testkit..", "dev.incidentkit.examples..")
                .because("dependency arrows point only toward core")
                .check(core);
    }

    @Test
    void coreNamesNoVendor() {
        List<String> offenders = core.stream()
                .map(JavaClass::getName)
                .filter(name -> VENDOR.matcher(name).find())
                .toList();
        assertThat(offenders).as("core classes named after a vendor").isEmpty();
        List<String> members = core.stream()
                .flatMap(c -> c.getMembers().stream())
                .map(m -> m.getFullName())
                .filter(name -> VENDOR.matcher(name).find())
                .toList();
        assertThat(members).as("core members named after a vendor").isEmpty();
    }

    @Test
    void coreNeverReadsTheWallClock() {
        // the one exception: the builder's default clock when the host sets none, like Micrometer's Clock.SYSTEM
        noClasses().that().doNotHaveFullyQualifiedName(IncidentKit.Builder.class.getName())
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalTime.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .because("time comes from an injected java.time.Clock, so tests control it")
                .check(core);
    }

    @Test
    void coreShipsNoLoggingBinding() {
        noClasses().that().resideOutsideOfPackage("dev.incidentkit.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.slf4j.impl..", "ch.qos.logback..")
                .because("a library logs through the SLF4J API and never ships a binding")
                .check(core);
    }
}
