package dev.incidentkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scripts incidents end to end through a kit and reads every meter's exact value. */
final class IncidentKitMetricsTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final RecordingStatusPublisher status = new RecordingStatusPublisher();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    /** The status page, taking 1.5 s of the test clock for each publish. */
    final StatusPublisher slowStatus = new StatusPublisher() {
        @Override
        public Published publish(StatusUpdate update, IdempotencyKey key) {
            clock.advance(Duration.ofMillis(1500));
            return status.publish(update, key);
        }
    };
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IncidentKitMetrics metrics = IncidentKitMetrics.builder().clock(clock).cacheFor(Duration.ZERO)
            .tags(Tags.of("kit", "payments")).build();
    final IncidentKit kit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat).pager(pager)
            .statusPublisher(slowStatus).issueTracker(issues).deliveryExecutor(Runnable::run).listenerExecutor(Runnable::run).tickEvery(Duration.ZERO)
            .retries(8, Duration.ofSeconds(2), Duration.ofMinutes(1))
            .listener(metrics).build();

    IncidentKitMetricsTest() {
        metrics.attach(kit);
        metrics.bindTo(registry);
    }

    @AfterEach
    void close() {
        kit.close();
    }

    Reply say(String channel, String text) {
        return kit.handle(new ChatRequest(ALICE, channel, text));
    }

    RequiredSearch meter(String name, String... tags) {
        return registry.get(name).tags("kit", "payments").tags(tags);
    }

    double gauge(String name, String... tags) {
        return meter(name, tags).gauge().value();
    }

    double counter(String name, String... tags) {
        return meter(name, tags).counter().count();
    }

    Timer timer(String name, String... tags) {
        return meter(name, tags).timer();
    }

    @Test
    void anIncidentFromDeclarationToCloseIsMeasured() {
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev1", "status", "investigating")).isZero();

        say("C-general", "declare sev1 Checkout is failing");           // INC-1, channel C1; Alice is IMOC and paged
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev1", "status", "investigating")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(3));
        say("C1", "ack");                                                 // time to acknowledge: 3 min
        status.failNext(1, PortException.Kind.UNAVAILABLE, null);
        say("C1", "update identified: We found the cause");              // 1.5 s, fails, retried
        clock.advance(Duration.ofMinutes(2));
        kit.tick();                                                       // 1.5 s, delivered
        clock.advance(Duration.ofMinutes(15));                            // now 14:20:03
        say("C1", "mitigated 5m ago");                                    // time to mitigate: 15:03 - 5:00 = 15 min 3 s
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev1", "status", "identified")).isEqualTo(1);
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev1", "status", "investigating")).isZero();

        clock.advance(Duration.ofMinutes(10));
        issues.failNext(1, PortException.Kind.UNAUTHORIZED, null);       // the report cannot be filed: parked
        say("C1", "resolve");                                             // time to resolve: 30 min 3 s
        say("C1", "resolve");                                             // rejected: already resolved
        say("C1", "frobnicate");                                          // unparsed
        say("C1", "ack");                                                 // rejected: no page left to acknowledge
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev1", "status", "resolved")).isEqualTo(1);
        assertThat(gauge("incidentkit.deliveries.parked", "port", "issues")).isEqualTo(1);
        assertThat(gauge("incidentkit.deliveries.pending", "port", "issues")).isZero();

        say("C1", "close");
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev1", "status", "resolved")).isZero();

        assertThat(counter("incidentkit.incidents.declared", "severity", "sev1")).isEqualTo(1);
        assertThat(counter("incidentkit.incidents.declared", "severity", "sev2")).isZero();
        assertThat(timer("incidentkit.incident.time.to.acknowledge", "severity", "sev1").count()).isEqualTo(1);
        assertThat(timer("incidentkit.incident.time.to.acknowledge", "severity", "sev1").totalTime(TimeUnit.SECONDS)).isEqualTo(180);
        assertThat(timer("incidentkit.incident.time.to.mitigate", "severity", "sev1").count()).isEqualTo(1);
        assertThat(timer("incidentkit.incident.time.to.mitigate", "severity", "sev1").totalTime(TimeUnit.SECONDS)).isEqualTo(15 * 60 + 3);
        assertThat(timer("incidentkit.incident.time.to.resolve", "severity", "sev1").count()).isEqualTo(1);
        assertThat(timer("incidentkit.incident.time.to.resolve", "severity", "sev1").totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo((30 * 60 + 3) * 1000);

        assertThat(commands()).isEqualTo(new TreeMap<>(Map.of(
                "declare/accepted", 1.0, "acknowledge/accepted", 1.0, "publish-update/accepted", 1.0,
                "record-milestone/accepted", 1.0, "resolve/accepted", 1.0, "resolve/rejected", 1.0,
                "unparsed/rejected", 1.0, "acknowledge/rejected", 1.0, "close/accepted", 1.0)));

        Timer published = timer("incidentkit.delivery", "port", "status_page", "outcome", "delivered");
        // the update, and the resolution that followed it to the public page
        assertThat(published.count()).isEqualTo(status.published().size()).isEqualTo(2);
        assertThat(published.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2 * 1500);
        assertThat(timer("incidentkit.delivery", "port", "status_page", "outcome", "retried").count()).isEqualTo(1);
        assertThat(timer("incidentkit.delivery", "port", "status_page", "outcome", "retried").totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(1500);
        assertThat(timer("incidentkit.delivery", "port", "issues", "outcome", "parked").count()).isEqualTo(1);
        assertThat(issues.calls()).extracting(c -> c.method()).as("close files the report the resolution could not").containsExactly("open");
        assertThat(timer("incidentkit.delivery", "port", "issues", "outcome", "delivered").count()).isEqualTo(1);
        assertThat(timer("incidentkit.delivery", "port", "pager", "outcome", "delivered").count())
                .as("the page, and resolving it").isEqualTo(pager.calls().size()).isEqualTo(2);
        assertThat(timer("incidentkit.delivery", "port", "chat", "outcome", "delivered").count())
                .as("one per chat effect; a pin goes with its post").isEqualTo(chat.calls().size() - chat.calls("pin").size());
        assertThat(gauge("incidentkit.deliveries.pending", "port", "chat")).isZero();
        assertThat(gauge("incidentkit.store.reachable")).isEqualTo(1);
    }

    @Test
    void drillsAreCountedOnTheirOwnAndLeftOutOfResponseTimes() {
        say("C-general", "declare --drill sev2 Practice: the database is gone");
        clock.advance(Duration.ofMinutes(4));
        say("C1", "ack");
        say("C1", "resolve");

        assertThat(counter("incidentkit.drills.declared", "severity", "sev2")).isEqualTo(1);
        assertThat(counter("incidentkit.incidents.declared", "severity", "sev2")).isZero();
        assertThat(gauge("incidentkit.drills.open")).isEqualTo(1);
        assertThat(gauge("incidentkit.incidents.open", "severity", "sev2", "status", "resolved")).isZero();
        assertThat(registry.find("incidentkit.incident.time.to.acknowledge").timer()).isNull();
        assertThat(registry.find("incidentkit.incident.time.to.resolve").timer()).isNull();
        assertThat(commands()).containsEntry("acknowledge/accepted", 1.0).containsEntry("resolve/accepted", 1.0);
    }

    @Test
    void aReopenedIncidentIsMeasuredOnceAndASevereOneByItsSeverityThen() {
        say("C-general", "declare sev3 Emails are late");
        clock.advance(Duration.ofMinutes(10));
        say("C1", "sev 2");
        say("C1", "resolve");
        clock.advance(Duration.ofMinutes(10));
        say("C1", "reopen");
        say("C1", "resolve");

        assertThat(counter("incidentkit.incidents.declared", "severity", "sev3")).as("counted as declared").isEqualTo(1);
        Timer resolved = timer("incidentkit.incident.time.to.resolve", "severity", "sev2");
        assertThat(resolved.count()).isEqualTo(1);
        assertThat(resolved.totalTime(TimeUnit.SECONDS)).isEqualTo(600);
    }

    @Test
    void remindersAreCountedByPolicy() {
        say("C-general", "declare sev2 Search is slow");
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(10));
            kit.tick();
        }
        Map<String, Double> expected = new TreeMap<>();
        for (ReminderFired r : kit.incident(IncidentId.of(1)).orElseThrow().all(ReminderFired.class)) {
            expected.merge(r.key().split(":")[0], 1.0, Double::sum);
        }
        assertThat(expected).isNotEmpty();
        Map<String, Double> counted = new TreeMap<>();
        registry.find("incidentkit.reminders.fired").counters()
                .forEach(c -> counted.put(c.getId().getTag("policy"), c.count()));
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void theCircuitBreakerGaugeFollowsThePortsBreaker() {
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "status_page", "state", "closed")).isEqualTo(1);
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "status_page", "state", "open")).isZero();

        say("C-general", "declare sev1 Checkout is failing");
        status.failNext(5, PortException.Kind.UNAVAILABLE, null);
        say("C1", "update investigating: Looking into it");
        for (int i = 0; i < 4; i++) { // the first attempt and four retries fail: five failures in five calls
            clock.advance(Duration.ofMinutes(2));
            kit.tick();
        }
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "status_page", "state", "open")).isEqualTo(1);
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "status_page", "state", "closed")).isZero();
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "chat", "state", "closed")).isEqualTo(1);
        assertThat(timer("incidentkit.delivery", "port", "status_page", "outcome", "retried").count()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(1)); // past the breaker's wait: the next call is a trial
        kit.tick();
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "status_page", "state", "half_open")).isEqualTo(1);
        assertThat(gauge("incidentkit.circuit.breaker.state", "port", "status_page", "state", "open")).isZero();
        assertThat(status.published()).hasSize(1);
    }

    @Test
    void gaugesAreUnknownUntilAKitIsAttached() {
        IncidentKitMetrics unattached = IncidentKitMetrics.builder().build();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        unattached.bindTo(other);
        assertThat(other.get("incidentkit.incidents.open").tags("severity", "sev1", "status", "investigating").gauge().value()).isNaN();
        assertThat(other.get("incidentkit.deliveries.pending").tags("port", "chat").gauge().value()).isNaN();
        unattached.attach(kit);
        assertThat(other.get("incidentkit.deliveries.pending").tags("port", "chat").gauge().value()).isZero();
        assertThatThrownBy(() -> unattached.attach(kit)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one IncidentKitMetrics per kit");
    }

    @Test
    void gaugesReuseOneReadingForTheCacheTime() {
        IncidentKitMetrics cached = IncidentKitMetrics.builder().clock(clock).cacheFor(Duration.ofSeconds(5)).build();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        cached.attach(kit);
        cached.bindTo(other);
        assertThat(other.get("incidentkit.incidents.open").tags("severity", "sev1", "status", "investigating").gauge().value()).isZero();
        say("C-general", "declare sev1 Checkout is failing");
        assertThat(other.get("incidentkit.incidents.open").tags("severity", "sev1", "status", "investigating").gauge().value())
                .as("the reading of a moment ago").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(other.get("incidentkit.incidents.open").tags("severity", "sev1", "status", "investigating").gauge().value()).isEqualTo(1);
    }

    @Test
    void aRegistryThatThrowsFailsNoCommand() {
        SimpleMeterRegistry broken = new SimpleMeterRegistry();
        broken.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("incidentkit.commands") || id.getName().startsWith("incidentkit.delivery")) {
                    throw new IllegalStateException("a registry that breaks");
                }
                return id;
            }
        });
        metrics.bindTo(broken);

        Reply declared = say("C-general", "declare sev1 Checkout is failing");
        Reply noted = say("C1", "note looking at it");

        assertThat(declared.text()).contains("declared by Alice");
        assertThat(noted.text()).contains("Note: looking at it");
        assertThat(chat.calls("createChannel")).hasSize(1);
        assertThat(counter("incidentkit.incidents.declared", "severity", "sev1")).as("counted before the broken registry threw").isEqualTo(1);
    }

    @Test
    void bindingOneRegistryTwiceCountsOnce() {
        metrics.bindTo(registry);
        say("C-general", "declare sev1 Checkout is failing");
        assertThat(counter("incidentkit.incidents.declared", "severity", "sev1")).isEqualTo(1);
        assertThat(commands()).isEqualTo(Map.of("declare/accepted", 1.0));
    }

    @Test
    void theBuilderRejectsBadSettings() {
        assertThatThrownBy(() -> IncidentKitMetrics.builder().cacheFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cacheFor must be zero or positive; got PT-1S");
        assertThatThrownBy(() -> IncidentKitMetrics.builder().clock(clock).clock(clock))
                .isInstanceOf(IllegalStateException.class).hasMessage("clock was already set");
        assertThatThrownBy(() -> IncidentKitMetrics.builder().tags(null)).isInstanceOf(NullPointerException.class).hasMessage("tags");
        assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOf(NullPointerException.class).hasMessage("registry");
    }

    /** The commands counter, as "command/outcome" to count. */
    Map<String, Double> commands() {
        Map<String, Double> out = new TreeMap<>();
        registry.find("incidentkit.commands").counters().forEach(c ->
                out.put(c.getId().getTag("command") + "/" + c.getId().getTag("outcome"), c.count()));
        return out;
    }

    @Test
    void everyMeterNameIsPrefixedAndEveryTagLowerCase() {
        say("C-general", "declare sev1 Checkout is failing");
        List<Meter> meters = registry.getMeters();
        assertThat(meters).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getId().getName()).startsWith("incidentkit.");
            m.getId().getTags().forEach(t -> assertThat(t.getValue()).isLowerCase());
        });
    }
}
