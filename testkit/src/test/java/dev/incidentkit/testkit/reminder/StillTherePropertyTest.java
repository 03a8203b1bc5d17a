package dev.incidentkit.testkit.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.reminder.SilencePolicy;
import dev.incidentkit.reminder.StillTherePolicy;
import dev.incidentkit.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The still-there timing, driven the way the kit drives it (fire whatever the engine says is due, jumping
 * the clock to the next due instant), with the IMOC answering after a random number of firings or never.
 */
final class StillTherePropertyTest {
    private static final PersonRef ALICE = PersonRef.of("alice");
    private static final PersonRef BOB = PersonRef.of("bob");

    @Property(tries = 300)
    void askAfterTheNthUnansweredSilenceAndEscalateAfterTheTimeout(
            @ForAll @IntRange(min = 1, max = 90) int silenceMinutes,
            @ForAll @IntRange(min = 1, max = 4) int askAfter,
            @ForAll @IntRange(min = 1, max = 45) int answerMinutes,
            @ForAll @IntRange(min = 1, max = 14) int firings,
            @ForAll @IntRange(min = 0, max = 20) int answerAfterFiring,
            @ForAll @IntRange(min = 0, max = 3) int othersTalkAfterFiring) {
        Duration answerWithin = Duration.ofMinutes(answerMinutes);
        ReminderEngine engine = ReminderEngine.builder().policies(List.of(
                SilencePolicy.builder().after(Severity.SEV1, Duration.ofMinutes(silenceMinutes)).build(),
                StillTherePolicy.builder().askAfter(Severity.SEV1, askAfter).answerWithin(answerWithin).build())).build();
        TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
        Decider decider = new Decider(clock);
        Incident[] incident = {Incident.undeclared(IncidentId.of(7))};
        apply(decider, incident, new Command.Declare(Severity.SEV1, "Checkout is failing", false), ALICE); // Alice is IMOC: taken on
        for (int i = 1; i <= firings; i++) {
            Optional<Instant> next = engine.nextDue(incident[0], clock.instant());
            assertThat(next).as("a silent SEV1 always has its next silence reminder").isPresent();
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            for (IncidentEvent e : engine.fire(incident[0], engine.due(incident[0], clock.instant()), clock.instant())) {
                incident[0] = incident[0].evolve(e);
            }
            if (i == othersTalkAfterFiring) {
                apply(decider, incident, new Command.AddNote("bob is looking at the database"), BOB); // not the IMOC: no answer
            }
            if (i == answerAfterFiring) {
                apply(decider, incident, new Command.ConfirmPresence(), ALICE);
            }
        }
        // and whatever fell due with the last firing (an ask is due the moment its silence reminder fired)
        for (IncidentEvent e : engine.fire(incident[0], engine.due(incident[0], clock.instant()), clock.instant())) {
            incident[0] = incident[0].evolve(e);
        }
        checkSpec(incident[0], askAfter, answerWithin);
    }

    /** Walks the timeline and checks every still-there reminder that fired against the rules, and that none is missing. */
    private static void checkSpec(Incident incident, int askAfter, Duration answerWithin) {
        List<ReminderFired> silentSince = new ArrayList<>();
        ReminderFired openAsk = null;
        boolean escalated = false;
        for (IncidentEvent e : incident.timeline()) {
            if (e.by().equals(ALICE)) {
                silentSince.clear();
                openAsk = null;
                escalated = false;
            } else if (e instanceof ReminderFired f && f.key().startsWith("silence:")) {
                silentSince.add(f);
            } else if (e instanceof ReminderFired f && f.key().startsWith("still-there:ask:")) {
                assertThat(silentSince).as("asked only after %d unanswered silence reminders", askAfter).hasSizeGreaterThanOrEqualTo(askAfter);
                assertThat(f.dueAt()).isEqualTo(silentSince.get(askAfter - 1).at());
                assertThat(openAsk).as("asked once per silence").isNull();
                openAsk = f;
            } else if (e instanceof ReminderFired f && f.key().startsWith("still-there:escalate:")) {
                assertThat(openAsk).as("escalated only after an unanswered ask").isNotNull();
                assertThat(f.key()).isEqualTo("still-there:escalate:" + openAsk.seq());
                assertThat(f.dueAt()).isEqualTo(openAsk.at().plus(answerWithin));
                assertThat(escalated).as("escalated once").isFalse();
                escalated = true;
            }
        }
        // nothing missing: what is due at the end was fired (the simulation fires everything due)
        Instant last = incident.timeline().get(incident.timeline().size() - 1).at();
        if (silentSince.size() >= askAfter) {
            assertThat(openAsk).as("an unanswered silence of %d reminders was asked about", silentSince.size()).isNotNull();
            if (!last.isBefore(openAsk.at().plus(answerWithin))) {
                assertThat(escalated).as("the unanswered ask was escalated once its time had come").isTrue();
            }
        } else {
            assertThat(openAsk).isNull();
        }
    }

    private static void apply(Decider decider, Incident[] incident, Command command, PersonRef actor) {
        for (IncidentEvent e : decider.decide(incident[0], command, actor).events()) {
            incident[0] = incident[0].evolve(e);
        }
    }
}
