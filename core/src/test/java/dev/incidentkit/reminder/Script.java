package dev.incidentkit.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Drives one incident through chat commands at chosen times, for example-based tests. */
final class Script {
    static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z"); // a Tuesday
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("bob", "Bob");

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Decider decider = new Decider(clock);
    private final CommandParser parser = CommandParser.create(clock, ZoneOffset.UTC);
    private Incident incident = Incident.undeclared(IncidentId.of(1));

    static Script declare(String severity) {
        return new Script().by(ALICE, "declare " + severity + " Checkout is failing");
    }

    Script at(Duration sinceT0) {
        now = T0.plus(sinceT0);
        return this;
    }

    Script atMinutes(long minutes) {
        return at(Duration.ofMinutes(minutes));
    }

    Script by(PersonRef actor, String text) {
        ParseResult r = parser.parse(text);
        assertThat(r).as(text).isInstanceOf(ParseResult.Parsed.class);
        Decision d = decider.decide(incident, ((ParseResult.Parsed) r).command(), actor);
        assertThat(d).as(text).isInstanceOf(Decision.Accepted.class);
        for (IncidentEvent e : d.events()) {
            incident = incident.evolve(e);
        }
        return this;
    }

    Script run(String text) {
        return by(ALICE, text);
    }

    Script page(PersonRef target) {
        incident = incident.evolve(new Paged(incident.version() + 1, now, PersonRef.BOT, target, "declared"));
        return this;
    }

    Script append(java.util.List<IncidentEvent> events) {
        for (IncidentEvent e : events) {
            incident = incident.evolve(e);
        }
        return this;
    }

    Instant now() {
        return now;
    }

    Incident incident() {
        return incident;
    }
}
