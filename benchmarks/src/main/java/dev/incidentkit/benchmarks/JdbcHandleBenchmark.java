package dev.incidentkit.benchmarks;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.FakePort;
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
import org.openjdk.jmh.annotations.Level;
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
 * {@link IncidentKit#handle(ChatRequest)} of a note on PostgreSQL (through a pool), every vendor hanging,
 * as {@link HandleBenchmark} does in memory. The score is per batch of {@value #BATCH} notes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, batchSize = JdbcHandleBenchmark.BATCH)
@Measurement(iterations = 10, batchSize = JdbcHandleBenchmark.BATCH)
public class JdbcHandleBenchmark {
    /** Notes per measured operation. */
    public static final int BATCH = 20;

    /** Events in the incident before the batch. */
    @Param({"20", "10000"})
    public int events;

    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final RecordingPager pager = new RecordingPager();
    private final RecordingStatusPublisher status = new RecordingStatusPublisher();
    private final RecordingIssueTracker issues = new RecordingIssueTracker();
    private Postgres postgres;
    private IncidentKit kit;
    private ChatRequest note;

    /** Builds the kit on PostgreSQL with hanging ports. */
    @Setup(Level.Trial)
    public void setUpKit() {
        for (FakePort port : List.of(chat, pager, status, issues)) {
            port.slow(Duration.ofHours(1));
        }
        postgres = new Postgres();
        kit = IncidentKit.builder().clock(TestClock.at(Fixtures.at(events + 1))).store(postgres.store)
                .chat(chat).pager(pager).statusPublisher(status).issueTracker(issues).build();
    }

    /** Seeds a fresh incident for the next batch. */
    @Setup(Level.Iteration)
    public void seedIncident() {
        IncidentId id = postgres.store.nextId();
        String channel = "C-" + id.value();
        postgres.store.append(id, 0, Fixtures.timeline(id, channel, events), List.of());
        note = new ChatRequest(Fixtures.BOB, channel, "note The error rate is falling");
        Reply first = kit.handle(note);
        if (first.visibility() != Reply.Visibility.CHANNEL) {
            throw new IllegalStateException("the note was refused: " + first.text());
        }
    }

    /**
     * Handles one note.
     *
     * @return the reply
     */
    @Benchmark
    public Reply handle() {
        return kit.handle(note);
    }

    /** Lets the hung deliveries go, stops the kit and drops the schema. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (FakePort port : List.of(chat, pager, status, issues)) {
            port.release();
        }
        kit.close();
        postgres.close();
    }
}
