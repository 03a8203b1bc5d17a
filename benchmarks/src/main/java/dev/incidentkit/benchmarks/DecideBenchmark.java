package dev.incidentkit.benchmarks;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Context;
import dev.incidentkit.incident.Decider;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
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

/** {@link Decider#decide}: the pure decision on a short and a long incident, no I/O. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecideBenchmark {
    private static final IncidentId ID = IncidentId.of(1);
    private static final Map<String, String> TEXTS = Map.of(
            "note", "note The error rate is falling",
            "update", "update monitoring: Fix deployed, we are watching error rates");

    /** Events in the incident. */
    @Param({"20", "10000"})
    public int events;

    /** The command: a note, or a public update. */
    @Param({"note", "update"})
    public String command;

    private Decider decider;
    private Incident incident;
    private Command parsed;

    /** Folds the incident and parses the command once. */
    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(Fixtures.at(events + 1), ZoneOffset.UTC);
        decider = new Decider(clock);
        incident = Incident.replay(ID, Fixtures.timeline(ID, "C1", events));
        parsed = ((ParseResult.Parsed) CommandParser.create(clock, ZoneOffset.UTC).parse(TEXTS.get(command))).command();
        if (!(decide() instanceof Decision.Accepted)) {
            throw new IllegalStateException(command + " is refused: " + decide());
        }
    }

    /**
     * Decides the command.
     *
     * @return the decision
     */
    @Benchmark
    public Decision decide() {
        return decider.decide(incident, parsed, Fixtures.ALICE, Context.NONE);
    }
}
