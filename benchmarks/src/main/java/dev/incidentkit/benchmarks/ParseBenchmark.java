package dev.incidentkit.benchmarks;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
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

/** {@link CommandParser#parse}: chat text to a typed command, or to a usage message. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ParseBenchmark {
    private static final Map<String, String> TEXTS = Map.of(
            "declare", "declare sev1 Checkout is failing",
            "note", "INC-42 note The error rate is falling",
            "update", "update monitoring: Fix deployed, we are watching error rates",
            "snooze", "snooze 30m",
            "unknown", "frobnicate the load balancer");

    /** Which text. */
    @Param({"declare", "note", "update", "snooze", "unknown"})
    public String text;

    private CommandParser parser;
    private String line;

    /** Creates the parser once. */
    @Setup
    public void setUp() {
        parser = CommandParser.create(Clock.fixed(Fixtures.T0, ZoneOffset.UTC), ZoneOffset.UTC);
        line = TEXTS.get(text);
        boolean parsed = parse() instanceof ParseResult.Parsed;
        if (parsed == text.equals("unknown")) {
            throw new IllegalStateException("unexpected parse of " + line + ": " + parse());
        }
    }

    /**
     * Parses the text.
     *
     * @return the result
     */
    @Benchmark
    public ParseResult parse() {
        return parser.parse(line);
    }
}
