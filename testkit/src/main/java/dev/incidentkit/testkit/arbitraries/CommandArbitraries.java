package dev.incidentkit.testkit.arbitraries;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitraries of chat commands and the values in them.
 *
 * <p>Every generated command is canonical: {@code CommandParser.render} writes it as text that
 * {@code CommandParser.parse} reads back to an equal command.
 *
 * @since 0.1
 */
public final class CommandArbitraries {
    private static final List<String> WORDS = List.of(
            "checkout", "is", "failing", "rolled", "back", "deploy", "1234", "error", "rates", "db", "primary",
            "failover", "latency", "p99", "EU", "customers", "see", "500s", "cache", "cold", "Kafka", "lag",
            "DNS", "TTL", "über", "😱", "CPU", "100%", "x", "a:b", "(maybe)", "retry", "queue", "payments");

    private CommandArbitraries() {}

    /**
     * Any command, each kind equally likely.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Command> commands() {
        return Arbitraries.oneOf(List.of(
                declares(),
                declares().map(Command.DeclareHere::new),
                channels(),
                Arbitraries.just(new Command.ShowSummary()),
                texts().map(Command.AddNote::new),
                Arbitraries.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING)
                        .map(Command.ChangeStatus::new),
                Combinators.combine(
                        Arbitraries.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED,
                                IncidentStatus.MONITORING, IncidentStatus.RESOLVED).optional(),
                        texts(), Arbitraries.of(false, false, true)).as(Command.PublishUpdate::new),
                Arbitraries.of(Severity.class).map(Command.ChangeSeverity::new),
                Combinators.combine(Arbitraries.of(Role.class), people()).as(Command.AssignRole::new),
                Combinators.combine(Arbitraries.of(Milestone.class), instants().optional())
                        .as(Command.RecordMilestone::new),
                texts().map(Command.AddFollowUp::new),
                Arbitraries.just(new Command.Resolve()),
                Arbitraries.just(new Command.Reopen()),
                Arbitraries.just(new Command.Close()),
                Arbitraries.oneOf(List.of(texts(), Arbitraries.just(""))).map(Command.Cancel::new),
                people().optional().map(Command.HandOff::new),
                Arbitraries.just(new Command.Acknowledge()),
                Arbitraries.just(new Command.Retry()),
                Arbitraries.just(new Command.ShowTimeline()),
                people().map(Command.OfferHandOff::new),
                Arbitraries.just(new Command.AcceptHandOff()),
                Arbitraries.just(new Command.ConfirmPresence()),
                durations().map(Command.Snooze::new),
                Combinators.combine(Arbitraries.of("status-update", "page-ack", "silence", "handoff", "report-due",
                        "follow-ups", "still-there", "comms-announcements"), durations()).as(Command.MuteReminders::new),
                Arbitraries.of("update", "note", "declare", "sev").optional().map(Command.Help::new),
                Arbitraries.just(new Command.ConfirmUpdate()),
                components(),
                texts().map(Command.PostTemplate::new),
                Arbitraries.integers().between(1, 5).map(Command.FollowUpDone::new)));
    }

    /**
     * Marks of one to three components, with any of the component statuses.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Command.MarkComponents> components() {
        return Arbitraries.maps(Arbitraries.of("checkout", "payments", "api", "Search-EU", "db.primary", "login_v2"),
                        Arbitraries.of(Command.MarkComponents.STATUSES))
                .ofMinSize(1).ofMaxSize(3).map(Command.MarkComponents::new);
    }

    /**
     * Moves to a channel, as chat platforms send a picked channel: an id and a name (the id again when the
     * platform gave none).
     *
     * @return the arbitrary
     */
    public static Arbitrary<Command.MoveChannel> channels() {
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(6).ofMaxLength(11).map(s -> "C" + s);
        Arbitrary<String> names = Arbitraries.of("war-room", "inc-42-checkout-is-failing", "ops", "sre_eu", "ünïcode-room");
        return Arbitraries.oneOf(List.of(
                Combinators.combine(ids, names).as(Command.MoveChannel::new),
                ids.map(id -> new Command.MoveChannel(id, id))));
    }

    /**
     * Declarations of any severity, drills, private ones and typed ones among them.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Command.Declare> declares() {
        return Combinators.combine(Arbitraries.of(Severity.class), texts(), Arbitraries.of(true, false),
                        Arbitraries.of(false, false, true), types().optional(0.3))
                .as(Command.Declare::new);
    }

    /**
     * Incident type names as people configure them: {@code security}, {@code data-loss}, …
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> types() {
        return Arbitraries.of("security", "data-loss", "db", "vendor-2", "p1");
    }

    /**
     * Free text as people type it: one to eight words, mixed case, digits, punctuation and emoji.
     *
     * @return the arbitrary, never blank, without surrounding whitespace
     */
    public static Arbitrary<String> texts() {
        return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(8).map(words -> String.join(" ", words));
    }

    /**
     * People: handles like {@code alice}, or chat ids like {@code U024BE7LH} with a display name.
     *
     * @return the arbitrary
     */
    public static Arbitrary<PersonRef> people() {
        Arbitrary<PersonRef> handles = Arbitraries.of("alice", "bob", "carol", "dave", "erin", "frank.o", "g_h-1")
                .map(PersonRef::of);
        Arbitrary<PersonRef> named = Combinators.combine(
                        Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(6).ofMaxLength(11).map(s -> "U" + s),
                        Arbitraries.of("Alice Liddell", "Bob", "Zoë O'Brien", "李 雷", "Dr. Carol-Ann Smith"))
                .as(PersonRef::new);
        return Arbitraries.oneOf(List.of(handles, named));
    }

    /**
     * Durations as people type them: whole seconds from 1 second to 9 days, mostly whole minutes.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.longs().between(1, 24 * 60).map(Duration::ofMinutes),
                Arbitraries.longs().between(1, 9 * 86_400).map(Duration::ofSeconds)));
    }

    /**
     * Instants between 2020 and 2040, to the nanosecond.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Instant> instants() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        long span = Duration.between(from, Instant.parse("2040-01-01T00:00:00Z")).getSeconds();
        return Combinators.combine(Arbitraries.longs().between(0, span), Arbitraries.of(0, 0, 0, 123_000_000, 999_999_999))
                .as((s, n) -> from.plusSeconds(s).plusNanos(n));
    }

    /**
     * Commands in a realistic mix for driving one incident: a declaration first, then mostly notes,
     * updates and status changes, with occasional ends (resolve, close, cancel) and mistakes.
     *
     * @param maxSize the most commands in one script
     * @return the arbitrary of scripts
     */
    public static Arbitrary<List<Command>> incidentScripts(int maxSize) {
        Arbitrary<Command> later = Arbitraries.frequencyOf(
                Tuple.of(20, commands()),
                Tuple.of(6, texts().map(Command.AddNote::new)),
                Tuple.of(3, Arbitraries.just(new Command.Resolve())),
                Tuple.of(2, Arbitraries.just(new Command.Close())),
                Tuple.of(2, Arbitraries.just(new Command.ChangeStatus(IncidentStatus.INVESTIGATING))),
                Tuple.of(1, Arbitraries.just(new Command.Cancel("false alarm"))),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Milestone.class),
                                Arbitraries.just(Optional.<Instant>empty()))
                        .as(Command.RecordMilestone::new)));
        return Combinators.combine(declares(), later.list().ofMaxSize(maxSize))
                .as((first, rest) -> {
                    List<Command> script = new ArrayList<>();
                    script.add(first);
                    script.addAll(rest);
                    return script;
                });
    }
}
