package dev.incidentkit.benchmarks;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
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
 * {@link IncidentKit#handle(ChatRequest)} end to end: parse, load, fold, decide, append, reply, with the
 * kit's defaults (its own delivery thread and ticker) while every vendor hangs, on the in-memory store or
 * on PostgreSQL through a pool ({@code -p store=memory} leaves PostgreSQL out).
 *
 * <p>Each command is a note, which lengthens the timeline; so that a 20-event incident stays one, each
 * measured operation is a batch of {@value #BATCH} notes on an incident seeded fresh for it. The score is
 * per batch: divide by {@value #BATCH} for one command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 30, batchSize = HandleBenchmark.BATCH)
@Measurement(iterations = 30, batchSize = HandleBenchmark.BATCH)
public class HandleBenchmark {
    /** Notes per measured operation. */
    public static final int BATCH = 100;

    /** Events in the incident before the batch. */
    @Param({"20", "10000"})
    public int events;

    /** Which store: {@code memory} or {@code postgresql}. */
    @Param({"memory", "postgresql"})
    public String store;

    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final RecordingPager pager = new RecordingPager();
    private final RecordingStatusPublisher status = new RecordingStatusPublisher();
    private final RecordingIssueTracker issues = new RecordingIssueTracker();
    private Postgres postgres; // null in memory
    private IncidentStore incidents;
    private IncidentKit kit;
    private ChatRequest note;

    /** Builds the kit with hanging ports. */
    @Setup(Level.Trial)
    public void setUpKit() {
        for (FakePort port : List.of(chat, pager, status, issues)) {
            port.slow(Duration.ofHours(1));
        }
        postgres = store.equals("postgresql") ? new Postgres() : null;
        incidents = postgres != null ? postgres.store : new InMemoryIncidentStore();
        kit = IncidentKit.builder().clock(TestClock.at(Fixtures.at(events + 1))).store(incidents)
                .chat(chat).pager(pager).statusPublisher(status).issueTracker(issues).build();
    }

    /** Seeds a fresh incident of {@link #events} events for the next batch. */
    @Setup(Level.Iteration)
    public void seedIncident() {
        IncidentId id = incidents.nextId();
        String channel = "C-" + id.value();
        incidents.append(id, 0, Fixtures.timeline(id, channel, events), List.of());
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

    /** Lets the hung deliveries go, stops the kit and drops the PostgreSQL schema, if any. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (FakePort port : List.of(chat, pager, status, issues)) {
            port.release();
        }
        kit.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
