package dev.incidentkit.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Command;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exhaustiveness check javac cannot give on Java 17 for the chat language: every concrete
 * {@link Command} type, found by walking the sealed hierarchy, has exactly one row in the parser's table
 * (the row whose example parses to it), so each can be typed, rendered and explained by {@code help}.
 */
final class CommandTableTest {
    private final CommandParser parser = CommandParser.create(Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC),
            ZoneOffset.UTC);

    /** The concrete types of a sealed hierarchy, walking sealed interfaces and classes down to their leaves. */
    static List<Class<?>> concreteTypes(Class<?> root) {
        List<Class<?>> out = new ArrayList<>();
        if (!root.isSealed()) {
            if (!root.isInterface() && !java.lang.reflect.Modifier.isAbstract(root.getModifiers())) {
                out.add(root);
            }
            return out;
        }
        if (!root.isInterface() && !java.lang.reflect.Modifier.isAbstract(root.getModifiers())) {
            out.add(root);
        }
        for (Class<?> sub : root.getPermittedSubclasses()) {
            out.addAll(concreteTypes(sub));
        }
        return out;
    }

    @Test
    void everyConcreteCommandTypeHasExactlyOneRow() {
        Map<Class<?>, List<String>> rows = new LinkedHashMap<>();
        for (String example : parser.examples()) {
            ParseResult r = parser.parse(example);
            assertThat(r).as("the example `%s` parses", example).isInstanceOf(ParseResult.Parsed.class);
            rows.computeIfAbsent(((ParseResult.Parsed) r).command().getClass(), c -> new ArrayList<>()).add(example);
        }
        List<Class<?>> types = concreteTypes(Command.class);
        assertThat(types).as("the walk finds the hierarchy").hasSizeGreaterThan(20)
                .contains(Command.DeclareHere.class, Command.MoveChannel.class, Command.ShowSummary.class);
        for (Class<?> type : types) {
            assertThat(rows.getOrDefault(type, List.of())).as("rows of %s", type.getSimpleName()).hasSize(1);
        }
        assertThat(rows.keySet()).as("no row reads into anything but a concrete command type")
                .allMatch(types::contains);
        assertThat(rows.values().stream().mapToInt(List::size).sum()).isEqualTo(parser.examples().size());
    }

    @Test
    void theWalkDescendsIntoSealedSubHierarchies() {
        assertThat(concreteTypes(Outer.class)).containsExactlyInAnyOrder(Leaf.class, Deep.class, Concrete.class);
    }

    sealed interface Outer permits Leaf, Inner, Concrete {}

    record Leaf() implements Outer {}

    sealed interface Inner extends Outer permits Deep {}

    record Deep() implements Inner {}

    static final class Concrete implements Outer {}
}
