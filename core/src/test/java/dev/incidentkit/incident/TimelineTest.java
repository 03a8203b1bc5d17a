package dev.incidentkit.incident;

import static dev.incidentkit.incident.EventTypesTest.ALICE;
import static dev.incidentkit.incident.EventTypesTest.ID;
import static dev.incidentkit.incident.EventTypesTest.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * States of one incident share their events (so a fold is linear), and yet every state keeps exactly
 * its own timeline: evolving an older state again, even from many threads at once, never changes a
 * newer one.
 */
final class TimelineTest {

    static NoteAdded note(long seq, String text) {
        return new NoteAdded(seq, T, ALICE, text);
    }

    static List<IncidentEvent> notesAfter(Incident base, String tag, int count) {
        List<IncidentEvent> expected = new ArrayList<>(base.timeline());
        for (int i = 0; i < count; i++) {
            expected.add(note(expected.size() + 1, tag + i));
        }
        return expected;
    }

    @Test
    void evolvingAnOlderStateAgainLeavesTheNewerOneAlone() {
        Incident base = EventTypesTest.declared();
        Incident first = base.evolve(note(3, "first"));
        Incident second = base.evolve(note(3, "second"));
        Incident firstLonger = first.evolve(note(4, "first again"));
        Incident secondLonger = second.evolve(note(4, "second again"));

        assertThat(base.timeline()).hasSize(2);
        assertThat(first.timeline()).last().isEqualTo(note(3, "first"));
        assertThat(second.timeline()).last().isEqualTo(note(3, "second"));
        assertThat(firstLonger.timeline()).extracting(e -> e instanceof NoteAdded n ? n.text() : "")
                .containsExactly("", "", "first", "first again");
        assertThat(secondLonger.timeline()).extracting(e -> e instanceof NoteAdded n ? n.text() : "")
                .containsExactly("", "", "second", "second again");
    }

    @Test
    void statesEvolvedFromOneBaseOnManyThreadsEachKeepTheirOwnTimeline() throws Exception {
        int threads = 8;
        int length = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                Incident base = Incident.replay(ID, notesAfter(EventTypesTest.declared(), "base", 30));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Incident>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String tag = "t" + t + "-";
                    results.add(pool.submit(() -> {
                        start.await();
                        Incident i = base;
                        for (int n = 0; n < length; n++) {
                            i = i.evolve(note(i.version() + 1, tag + n));
                        }
                        return i;
                    }));
                }
                start.countDown();
                for (int t = 0; t < threads; t++) {
                    Incident got = results.get(t).get(30, TimeUnit.SECONDS);
                    assertThat(got.timeline()).isEqualTo(notesAfter(base, "t" + t + "-", length));
                }
                assertThat(base.timeline()).isEqualTo(notesAfter(EventTypesTest.declared(), "base", 30));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void equalityIsByEventsHoweverTheStateWasBuilt() {
        List<IncidentEvent> events = notesAfter(EventTypesTest.declared(), "n", 40);
        Incident replayed = Incident.replay(ID, events);
        Incident stepByStep = Incident.undeclared(ID);
        for (IncidentEvent e : events) {
            stepByStep = stepByStep.evolve(e);
        }
        Incident constructed = new Incident(ID, replayed.title(), replayed.severity(), replayed.status(),
                replayed.drill(), replayed.roles(), List.copyOf(events));
        Incident shorter = Incident.replay(ID, events.subList(0, events.size() - 1));
        Incident sharingWithALongerOne = shorter.evolve(events.get(events.size() - 1));
        Incident branch = shorter.evolve(note(events.size(), "a branch")); // must not take the slot the longer one took

        assertThat(replayed).isEqualTo(stepByStep).isEqualTo(constructed).isEqualTo(sharingWithALongerOne)
                .hasSameHashCodeAs(stepByStep).hasSameHashCodeAs(constructed);
        assertThat(replayed.timeline()).isEqualTo(events).hasSameHashCodeAs(events);
        assertThat(events).isEqualTo(replayed.timeline());
        assertThat(shorter).isNotEqualTo(replayed);
        assertThat(branch).isNotEqualTo(replayed);
        assertThat(branch.timeline().subList(0, events.size() - 1)).isEqualTo(shorter.timeline());
        assertThat(replayed.evolve(note(events.size() + 1, "x"))).isNotEqualTo(replayed.evolve(note(events.size() + 1, "y")));
    }

    @Test
    void theTimelineCannotBeChangedFromOutside() {
        List<IncidentEvent> source = new ArrayList<>(EventTypesTest.declared().timeline());
        Incident incident = new Incident(ID, "t", Severity.SEV1, IncidentStatus.INVESTIGATING, false, java.util.Map.of(), source);
        source.add(note(3, "later"));
        List<IncidentEvent> timeline = incident.timeline();

        assertThat(timeline).hasSize(2);
        assertThatThrownBy(() -> timeline.add(note(3, "x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> timeline.set(0, note(1, "x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> timeline.subList(0, 1).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> timeline.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Incident(ID, "t", Severity.SEV1, IncidentStatus.INVESTIGATING, false,
                java.util.Map.of(), java.util.Arrays.asList(source.get(0), null))).isInstanceOf(NullPointerException.class);
    }

    /**
     * Any sequence of "evolve state k by one note", over states that share arrays or not, gives each
     * state exactly the timeline a copy-on-every-event fold would.
     */
    @Property(tries = 200)
    void everyStateHasTheTimelineACopyingFoldWouldGive(@ForAll("picks") List<Integer> picks) {
        List<Incident> states = new ArrayList<>(List.of(EventTypesTest.declared()));
        List<List<IncidentEvent>> model = new ArrayList<>(List.of(List.copyOf(EventTypesTest.declared().timeline())));
        for (int step = 0; step < picks.size(); step++) {
            int pick = picks.get(step);
            int k = pick < 500 ? states.size() - 1 : pick % states.size(); // mostly the newest state, as in a fold
            NoteAdded next = note(states.get(k).version() + 1, "step " + step);
            states.add(states.get(k).evolve(next));
            List<IncidentEvent> longer = new ArrayList<>(model.get(k));
            longer.add(next);
            model.add(longer);
        }
        for (int i = 0; i < states.size(); i++) {
            assertThat(states.get(i).timeline()).isEqualTo(model.get(i));
            assertThat(Incident.replay(ID, model.get(i))).isEqualTo(states.get(i));
        }
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 1_000).list().ofMaxSize(60);
    }
}
