package dev.incidentkit.benchmarks;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.incident.IncidentId;
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
 * {@link IncidentKit#tick()} when nothing is due, with many open incidents of 20 events on PostgreSQL
 * (through a pool): between its hourly full scans, a tick asks the store which incidents are due
 * ({@code next_reminder_at}) and which effects can be claimed. The goal: at most 5 ms, whatever the number
 * open. Needs PostgreSQL: see {@link Postgres}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class JdbcTickBenchmark {
    private static final int EVENTS = 20;

    /** Open incidents. */
    @Param({"100", "1000", "10000"})
    public int open;

    private Postgres postgres;
    private IncidentKit kit;

    /** Seeds the open incidents, lets the first tick plan them all, and checks that a tick finds nothing due. */
    @Setup
    public void setUp() {
        postgres = new Postgres();
        for (int i = 0; i < open; i++) {
            IncidentId id = postgres.store.nextId();
            postgres.store.append(id, 0, Fixtures.timeline(id, "C-" + id.value(), EVENTS), List.of());
        }
        kit = IncidentKit.builder().clock(TestClock.at(Fixtures.at(EVENTS + 1))).store(postgres.store)
                .chat(new RecordingChatGateway()).pager(new RecordingPager())
                .statusPublisher(new RecordingStatusPublisher()).issueTracker(new RecordingIssueTracker())
                .tickEvery(Duration.ZERO).build();
        kit.tick(); // the first run reads every open incident and writes when each one's next reminder is due
        kit.tick();
        if (postgres.store.load(IncidentId.of(1)).size() != EVENTS || !postgres.store.pendingEffects().isEmpty()) {
            throw new IllegalStateException("a tick found something due");
        }
    }

    /** A tick with nothing due. */
    @Benchmark
    public void tick() {
        kit.tick();
    }

    /** Stops the kit and drops the schema. */
    @TearDown
    public void tearDown() {
        kit.close();
        postgres.close();
    }
}
