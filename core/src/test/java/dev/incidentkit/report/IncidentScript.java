package dev.incidentkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.function.BiFunction;

/**
 * Builds an incident the way people do: chat commands read by {@link CommandParser} and decided by
 * {@link Decider}, on a clock the script moves forward. Events that only the kit itself records (pages,
 * reminders, links, channels) are appended with {@link #event}.
 */
final class IncidentScript {
    private final MutableClock clock;
    private final CommandParser parser;
    private final Decider decider;
    private LocalDate day;
    private PersonRef actor = PersonRef.of("nobody");
    private Incident incident;

    private IncidentScript(IncidentId id, LocalDate day) {
        this.day = day;
        this.clock = new MutableClock(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        this.parser = CommandParser.create(clock, ZoneOffset.UTC);
        this.decider = new Decider(clock);
        this.incident = Incident.undeclared(id);
    }

    /** Starts a script for incident {@code id}, with the clock at midnight UTC on {@code day} (e.g. 2026-11-24). */
    static IncidentScript of(IncidentId id, String day) {
        return new IncidentScript(id, LocalDate.parse(day));
    }

    /** Moves the clock to {@code hh:mm} UTC on the current day. */
    IncidentScript at(String time) {
        clock.set(LocalDateTime.of(day, LocalTime.parse(time)).toInstant(ZoneOffset.UTC));
        return this;
    }

    /** Moves to another day, at midnight UTC. */
    IncidentScript on(String otherDay) {
        day = LocalDate.parse(otherDay);
        clock.set(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        return this;
    }

    /** Sets who types the next commands. */
    IncidentScript as(PersonRef person) {
        actor = person;
        return this;
    }

    /** Types commands in chat; each must parse and be accepted. */
    IncidentScript run(String... commands) {
        for (String text : commands) {
            ParseResult parsed = parser.parse(text);
            assertThat(parsed).as("`%s` parses", text).isInstanceOf(ParseResult.Parsed.class);
            Decision d = decider.decide(incident, ((ParseResult.Parsed) parsed).command(), actor);
            assertThat(d).as("`%s` is accepted", text).isInstanceOf(Decision.Accepted.class);
            for (IncidentEvent e : d.events()) {
                incident = incident.evolve(e);
            }
        }
        return this;
    }

    /** Appends an event the kit itself records, numbered next and stamped now. */
    IncidentScript event(BiFunction<Long, Instant, IncidentEvent> factory) {
        incident = incident.evolve(factory.apply(incident.version() + 1, clock.instant()));
        return this;
    }

    Incident incident() {
        return incident;
    }
}
