package dev.incidentkit.benchmarks;

import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentJson;
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

/** The event codec the durable stores use: {@link IncidentJson#write} and {@link IncidentJson#read}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class JsonBenchmark {

    /** Which event: the declaration or a note (most of a long timeline). */
    @Param({"declared", "note"})
    public String event;

    private IncidentEvent sample;
    private String json;

    /** Picks the event and writes it once. */
    @Setup
    public void setUp() {
        sample = Fixtures.timeline(IncidentId.of(1), "C1", 10).get(event.equals("declared") ? 0 : 8);
        json = IncidentJson.write(sample);
        if (!read().equals(sample)) {
            throw new IllegalStateException("the codec does not round-trip " + sample);
        }
    }

    /**
     * Writes the event as JSON.
     *
     * @return the JSON
     */
    @Benchmark
    public String write() {
        return IncidentJson.write(sample);
    }

    /**
     * Reads the event back.
     *
     * @return the event
     */
    @Benchmark
    public IncidentEvent read() {
        return IncidentJson.read(json);
    }
}
