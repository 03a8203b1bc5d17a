package dev.incidentkit;

import com.google.common.reflect.ClassPath;
import com.google.common.testing.NullPointerTester;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatMessage;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and static factory of every public class outside {@code internal} rejects a
 * null argument with a NullPointerException naming it, rather than failing later somewhere else
 * (Caffeine's PackageSanityTests idea, with guava-testlib).
 */
final class PackageSanityTest {

    @Test
    void publicApiRejectsNulls() throws Exception {
        NullPointerTester tester = new NullPointerTester()
                .setDefault(IncidentId.class, IncidentId.of(1))
                .setDefault(PersonRef.class, PersonRef.of("alice"))
                .setDefault(Instant.class, Instant.parse("2026-11-24T14:00:00Z"))
                .setDefault(Duration.class, Duration.ofMinutes(5))
                .setDefault(java.time.ZoneId.class, ZoneOffset.UTC)
                .setDefault(String.class, "text")
                .setDefault(long.class, 1L)
                .setDefault(java.time.Clock.class, java.time.Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC))
                .setDefault(int.class, 1)
                .setDefault(Incident.class, Incident.undeclared(IncidentId.of(1)))
                .setDefault(ChatMessage.class, ChatMessage.reply("hi"))
                .setDefault(dev.incidentkit.spi.Effect.class, new dev.incidentkit.spi.Effect.SetTopic("k"))
                .setDefault(dev.incidentkit.spi.PendingEffect.class, new dev.incidentkit.spi.PendingEffect(1, IncidentId.of(1),
                        new dev.incidentkit.spi.Effect.SetTopic("k"), 0, Instant.parse("2026-11-24T14:00:00Z")))
                .setDefault(dev.incidentkit.spi.Completion.Outcome.class, dev.incidentkit.spi.Completion.Outcome.NONE)
                .setDefault(dev.incidentkit.incident.Command.class, new dev.incidentkit.incident.Command.Resolve())
                .setDefault(dev.incidentkit.incident.IncidentEvent.class, new dev.incidentkit.incident.NoteAdded(
                        1, Instant.parse("2026-11-24T14:00:00Z"), PersonRef.of("alice"), "note"))
                .setDefault(dev.incidentkit.reminder.Audience.class, dev.incidentkit.reminder.Audience.person(PersonRef.of("alice")))
                .setDefault(dev.incidentkit.report.ReportData.Measure.class, new dev.incidentkit.report.ReportData.Measure(
                        java.util.Optional.empty(), java.util.Optional.empty(), "from", "to"))
                .setDefault(dev.incidentkit.reminder.Reminder.class, new dev.incidentkit.reminder.Reminder("status-update:1",
                        Instant.parse("2026-11-24T14:00:00Z"), dev.incidentkit.reminder.Audience.person(PersonRef.of("alice")),
                        "an update is due", dev.incidentkit.reminder.Escalation.NONE))
                .setDefault(dev.incidentkit.incident.Person.class, dev.incidentkit.incident.Person.of("alice", "Alice", ZoneOffset.UTC));
        List<Class<?>> classes = ClassPath.from(getClass().getClassLoader())
                .getTopLevelClassesRecursive("dev.incidentkit").stream()
                .filter(c -> !c.getPackageName().contains(".internal") && !c.getName().endsWith("Test"))
                .map(ClassPath.ClassInfo::load)
                .filter(c -> Modifier.isPublic(c.getModifiers()) && !c.isInterface() && !c.isEnum())
                .filter(c -> !c.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes"))
                .toList();
        for (Class<?> c : classes) {
            tester.testAllPublicStaticMethods(c);
            if (!Modifier.isAbstract(c.getModifiers())) {
                tester.testAllPublicConstructors(c);
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (Modifier.isPublic(nested.getModifiers()) && !nested.isInterface() && !nested.isEnum()
                        && !Modifier.isAbstract(nested.getModifiers())) {
                    tester.testAllPublicConstructors(nested);
                }
            }
        }
    }
}
