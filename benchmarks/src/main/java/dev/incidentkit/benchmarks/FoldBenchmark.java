package dev.incidentkit.benchmarks;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
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
import org.openjdk.jmh.annotations.Warmup;

/** Replaying a timeline: {@link Incident#replay} of 1k to 20k events. Linear folds keep 10k ≤ 3 ms. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class FoldBenchmark {
    private static final IncidentId ID = IncidentId.of(1);

    /** Events in the timeline. */
    @Param({"1000", "5000", "10000", "20000"})
    public int events;

    private List<IncidentEvent> timeline;

    /** Builds the timeline once. */
    @Setup
    public void setUp() {
        timeline = Fixtures.timeline(ID, "C1", events);
    }

    /**
     * Folds the whole timeline.
     *
     * @return the incident, so the fold is not optimised away
     */
    @Benchmark
    public Incident replay() {
        return Incident.replay(ID, timeline);
    }
}
