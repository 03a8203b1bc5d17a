package dev.incidentkit.benchmarks;

import dev.incidentkit.incident.Incident;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Loading an incident from PostgreSQL (through a pool) and folding it. Needs PostgreSQL: see {@link Postgres}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class JdbcLoadBenchmark {

    /** Events in the incident. */
    @Param({"20", "10000"})
    public int events;

    private Postgres postgres;
    private IncidentId id;

    /** Stores the incident once. */
    @Setup
    public void setUp() {
        postgres = new Postgres();
        id = postgres.store.nextId();
        postgres.store.append(id, 0, Fixtures.timeline(id, "C-" + id.value(), events), List.of());
    }

    /**
     * Loads and folds the incident.
     *
     * @return the incident
     */
    @Benchmark
    public Incident loadAndFold() {
        return Incident.replay(id, postgres.store.load(id));
    }

    /** Drops the schema. */
    @TearDown
    public void tearDown() {
        postgres.close();
    }
}
