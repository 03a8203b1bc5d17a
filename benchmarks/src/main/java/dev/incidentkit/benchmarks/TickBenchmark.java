package dev.incidentkit.benchmarks;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link IncidentKit#tick()} when nothing is due, with many open incidents of 20 events in memory. The
 * goal: about 1 ms, whatever the number open.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class TickBenchmark {
    private static final int EVENTS = 20;

    /** Open incidents. */
    @Param({"100", "1000", "10000"})
    public int open;

    private IncidentKit kit;
    private InMemoryIncidentStore store;

    /** Seeds the open incidents and checks that a tick finds nothing due. */
    @Setup
    public void setUp() {
        store = new InMemoryIncidentStore();
        for (int i = 0; i < open; i++) {
            IncidentId id = store.nextId();
            store.append(id, 0, Fixtures.timeline(id, "C-" + id.value(), EVENTS), List.of());
        }
        kit = IncidentKit.builder().clock(TestClock.at(Fixtures.at(EVENTS + 1))).store(store)
                .chat(new RecordingChatGateway()).pager(new RecordingPager())
                .statusPublisher(new RecordingStatusPublisher()).issueTracker(new RecordingIssueTracker())
                .tickEvery(Duration.ZERO).build();
        kit.tick();
        kit.tick();
        IncidentId first = IncidentId.of(1);
        if (store.load(first).size() != EVENTS || !store.pendingEffects().isEmpty()) {
            throw new IllegalStateException("a tick found something due: " + store.load(first).subList(EVENTS - 1,
                    store.load(first).size()) + ", effects " + store.pendingEffects());
        }
    }

    /** A tick with nothing due. */
    @Benchmark
    public void tick() {
        kit.tick();
    }

    /** Stops the kit. */
    @TearDown
    public void tearDown() {
        kit.close();
    }
}
