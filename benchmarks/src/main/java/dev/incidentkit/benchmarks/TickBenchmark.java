package dev.incidentkit.benchmarks;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
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
 * {@link IncidentKit#tick()} when nothing is due, with many open incidents of 20 events, in memory and on
 * PostgreSQL through a pool (between its hourly full scans, a tick there asks the store which incidents
 * are due, {@code next_reminder_at}, and which effects can be claimed). The goals: about 1 ms in memory and
 * at most 5 ms on PostgreSQL, whatever the number open. The PostgreSQL runs need it: see {@link Postgres};
 * {@code -p store=memory} leaves them out.
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

    /** Where the incidents are kept. */
    @Param({"memory", "postgresql"})
    public String store;

    private IncidentKit kit;
    private Postgres postgres; // null in memory

    /** Seeds the open incidents, lets the first tick plan them all, and checks that a tick finds nothing due. */
    @Setup
    public void setUp() {
        postgres = store.equals("postgresql") ? new Postgres() : null;
        IncidentStore incidents = postgres != null ? postgres.store : new InMemoryIncidentStore();
        for (int i = 0; i < open; i++) {
            IncidentId id = incidents.nextId();
            incidents.append(id, 0, Fixtures.timeline(id, "C-" + id.value(), EVENTS), List.of());
        }
        kit = IncidentKit.builder().clock(TestClock.at(Fixtures.at(EVENTS + 1))).store(incidents)
                .chat(new RecordingChatGateway()).pager(new RecordingPager())
                .statusPublisher(new RecordingStatusPublisher()).issueTracker(new RecordingIssueTracker())
                .tickEvery(Duration.ZERO).build();
        kit.tick();
        kit.tick();
        IncidentId first = IncidentId.of(1);
        if (incidents.load(first).size() != EVENTS || !incidents.pendingEffects().isEmpty()) {
            throw new IllegalStateException("a tick found something due: " + incidents.load(first).subList(EVENTS - 1,
                    incidents.load(first).size()) + ", effects " + incidents.pendingEffects());
        }
    }

    /** A tick with nothing due. */
    @Benchmark
    public void tick() {
        kit.tick();
    }

    /** Stops the kit (and drops the PostgreSQL schema). */
    @TearDown
    public void tearDown() {
        kit.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
