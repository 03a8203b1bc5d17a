package dev.incidentkit.benchmarks;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.FakePort;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Eight threads {@link IncidentKit#handle(ChatRequest) handle} notes on ONE incident through one kit on
 * PostgreSQL (through a pool of 8), every vendor hanging: the score is commands per second for all
 * threads together. Conflicting appends are retried by the kit; a reply that still says the incident is
 * "changing too fast" is a refusal, counted in {@code refused} (JMH prints it beside the score, as
 * {@code accepted}, and this class prints the totals of the run when it ends).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class JdbcContentionBenchmark {
    private static final PersonRef[] PEOPLE = {
        Fixtures.ALICE, Fixtures.BOB, Fixtures.CAROL, new PersonRef("dan", "Dan"),
    };

    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final RecordingPager pager = new RecordingPager();
    private final RecordingStatusPublisher status = new RecordingStatusPublisher();
    private final RecordingIssueTracker issues = new RecordingIssueTracker();
    private final AtomicInteger threads = new AtomicInteger();
    private final LongAdder totalAccepted = new LongAdder();
    private final LongAdder totalRefused = new LongAdder();
    private Postgres postgres;
    private IncidentKit kit;
    private String channel;

    /** The replies one thread got in one iteration; JMH sums them over the threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Replies {
        /** Notes the kit took. */
        public long accepted;
        /** Notes refused as "changing too fast". */
        public long refused;
        /** Replies of any other kind (none are expected). */
        public long other;
        ChatRequest note;

        /**
         * Picks this thread's person.
         *
         * @param bench the shared kit
         */
        @Setup(Level.Trial)
        public void pickPerson(JdbcContentionBenchmark bench) {
            PersonRef by = PEOPLE[bench.threads.getAndIncrement() % PEOPLE.length];
            note = new ChatRequest(by, bench.channel, "note " + by.name() + " sees the error rate falling");
        }

        /** Starts the iteration's counts from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            accepted = 0;
            refused = 0;
            other = 0;
        }
    }

    /** Builds the kit on PostgreSQL with hanging ports, and declares the one incident (20 events). */
    @Setup(Level.Trial)
    public void setUp() {
        for (FakePort port : List.of(chat, pager, status, issues)) {
            port.slow(Duration.ofHours(1));
        }
        postgres = new Postgres();
        kit = IncidentKit.builder().clock(TestClock.at(Fixtures.at(21))).store(postgres.store)
                .chat(chat).pager(pager).statusPublisher(status).issueTracker(issues).build();
        IncidentId id = postgres.store.nextId();
        channel = "C-" + id.value();
        postgres.store.append(id, 0, Fixtures.timeline(id, channel, 20), List.of());
    }

    /**
     * Handles one note on the shared incident.
     *
     * @param replies this thread's counts
     * @return the reply
     */
    @Benchmark
    public Reply handle(Replies replies) {
        Reply reply = kit.handle(replies.note);
        if (reply.text().contains("changing too fast")) {
            replies.refused++;
            totalRefused.increment();
        } else if (reply.visibility() == Reply.Visibility.CHANNEL) {
            replies.accepted++;
            totalAccepted.increment();
        } else {
            replies.other++;
        }
        return reply;
    }

    /** Prints the run's totals, lets the hung deliveries go, stops the kit and drops the schema. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%nwhole run, warm-up included: %d notes accepted, %d refused as \"changing too fast\"%n",
                totalAccepted.sum(), totalRefused.sum());
        for (FakePort port : List.of(chat, pager, status, issues)) {
            port.release();
        }
        kit.close();
        postgres.close();
    }
}
