package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.testkit.fakes.FakePort;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the README promises about delivery, each tried the way production breaks it. */
final class DeliveryGuaranteesTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final IncidentId INC1 = IncidentId.of(1);
    static final Duration LEASE = Duration.ofSeconds(15);

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final IncidentStore store = new InMemoryIncidentStore();
    final RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final RecordingStatusPublisher status = new RecordingStatusPublisher();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    final List<AutoCloseable> toClose = new ArrayList<>();

    IncidentKit.Builder builder(String replica) {
        return IncidentKit.builder().clock(clock).store(store).pager(pager).statusPublisher(status).issueTracker(issues)
                .replicaName(replica).deliveryLease(LEASE).tickEvery(Duration.ZERO)
                .retries(8, Duration.ofSeconds(2), Duration.ofMinutes(1));
    }

    IncidentKit direct(String replica) {
        IncidentKit kit = builder(replica).chat(chat).deliveryExecutor(Runnable::run).build();
        toClose.add(kit);
        return kit;
    }

    @AfterEach
    void closeAll() throws Exception {
        chat.release();
        pager.release();
        status.release();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    static Reply say(IncidentKit kit, String text) {
        return kit.handle(new ChatRequest(ALICE, kit.incidentOf("C1").isPresent() ? "C1" : "D-alice", text));
    }

    Incident incident() {
        return Incident.replay(INC1, store.load(INC1));
    }

    @Test
    void aLeaseThatRunsOutInTheMiddleOfASlowDeliveryStillGivesOneChannel() throws Exception {
        ExecutorService aThreads = Executors.newSingleThreadExecutor();
        CountDownLatch acted = chat.actThenHold("createChannel"); // A's answer will come too late
        IncidentKit a = builder("replica-a").chat(chat).deliveryExecutor(aThreads).build();
        toClose.add(a);
        toClose.add(aThreads::shutdownNow);
        say(a, "declare sev1 Checkout is failing");
        assertThat(acted.await(10, TimeUnit.SECONDS)).as("replica A reached the vendor").isTrue();

        clock.advance(LEASE.plusSeconds(1)); // A is stalled (a GC pause, a hung socket) and does not renew
        IncidentKit b = direct("replica-b");
        b.tick();
        assertThat(chat.created()).as("B found A's channel instead of creating a second").hasSize(1);
        assertThat(incident().all(ChannelBound.class)).hasSize(1);

        chat.release(); // A's answer finally arrives; its claim is gone, so its outcome is dropped
        aThreads.shutdown();
        assertThat(aThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            b.tick();
        }
        assertThat(chat.created()).hasSize(1);
        assertThat(incident().all(ChannelBound.class)).as("A's late outcome is not appended").hasSize(1);
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.KICKOFF).hasSize(1);
        assertThat(store.pendingEffects()).isEmpty();
    }

    @Test
    void aHungChatHoldsOnlyItsOwnLaneAndRemindersStillFire() throws Exception {
        CountDownLatch paged = new CountDownLatch(1);
        Pager watchedPager = new Pager() {
            @Override
            public Page page(PageRequest request, IdempotencyKey key) {
                Page p = pager.page(request, key);
                paged.countDown();
                return p;
            }

            @Override
            public void resolve(IncidentId incident, List<PersonRef> paged, IdempotencyKey key) {
                pager.resolve(incident, paged, key);
            }
        };
        IncidentKit kit = IncidentKit.builder().clock(clock).store(store).chat(chat).pager(watchedPager)
                .statusPublisher(status).deliveryLease(LEASE).tickEvery(Duration.ZERO).build(); // the kit's own pool
        toClose.add(kit);
        chat.slow(Duration.ofSeconds(30));
        Reply r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> kit.handle(new ChatRequest(ALICE, "D-alice", "declare sev1 Checkout is failing")));
        assertThat(r.text()).contains("declared");
        assertThat(paged.await(5, TimeUnit.SECONDS)).as("the page goes out while the chat hangs").isTrue();

        clock.advance(Duration.ofMinutes(31)); // the first public update and the page acknowledgement are overdue
        assertTimeoutPreemptively(Duration.ofSeconds(5), kit::tick);
        assertThat(incident().all(ReminderFired.class)).as("reminders fire on the tick, whatever the chat does").isNotEmpty();
    }

    @Test
    void aRetryHappensWhenItsBackoffSaysEvenWhileOtherLanesAreBusy() {
        IncidentKit kit = direct("replica");
        say(kit, "declare sev1 Checkout is failing");
        status.failNext(1, PortException.Kind.RATE_LIMITED, Duration.ofSeconds(3));
        say(kit, "update investigating: Looking into it");
        assertThat(status.published()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        kit.tick();
        assertThat(status.published()).as("not before Retry-After").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        kit.tick();
        assertThat(status.published()).hasSize(1);
    }

    @Test
    void anOpenCircuitBreakerOrAMissingChannelSpendsNoAttempt() {
        IncidentKit kit = direct("replica");
        say(kit, "declare sev1 Checkout is failing");
        status.failNext(1000, PortException.Kind.UNAVAILABLE, null);
        for (int i = 0; i < 6; i++) {
            say(kit, "update investigating: Looking into it, take " + i);
        }
        for (int i = 0; i < 120; i++) { // ten minutes of outage, one tick every 5 s
            clock.advance(Duration.ofSeconds(5));
            kit.tick();
        }
        long vendorCalls = status.attempts().size();
        int attemptsCounted = store.pendingEffects().stream().mapToInt(p -> p.attempts()).sum()
                + incident().all(DeliveryFailed.class).size() * 8;
        assertThat(attemptsCounted).as("every counted attempt reached the status page").isLessThanOrEqualTo((int) vendorCalls);
        assertThat(vendorCalls).as("the breaker kept most calls away").isLessThan(60);
    }

    @Test
    void aParkedOldUpdateIsSupersededNotPublishedAfterANewerOne() {
        IncidentKit kit = direct("replica");
        say(kit, "declare sev1 Checkout is failing");
        status.failNext(1, PortException.Kind.INVALID, null); // parked at once
        say(kit, "update investigating: Old news");
        assertThat(incident().all(DeliveryFailed.class)).hasSize(1);
        say(kit, "update monitoring: A fix is deployed");
        say(kit, "resolve");
        Reply r = say(kit, "retry");
        assertThat(r.text()).contains("Not retried, because a newer public update went out since");
        assertThat(incident().all(dev.incidentkit.incident.DeliveriesRetried.class)).singleElement().satisfies(e -> {
            assertThat(e.by()).isEqualTo(ALICE);
            assertThat(e.superseded()).singleElement().asString().contains("Old news");
        });
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            kit.tick();
        }
        assertThat(status.published()).extracting(StatusPublisher.StatusUpdate::message)
                .containsExactly("A fix is deployed", "This incident has been resolved.");
    }

    @Test
    void resolvingWithAnUpdatePublishesOneResolvedUpdate() {
        IncidentKit kit = direct("replica");
        say(kit, "declare sev1 Checkout is failing");
        say(kit, "update investigating: Looking into it");
        say(kit, "update resolved: Checkout works again");
        assertThat(status.published()).extracting(StatusPublisher.StatusUpdate::status)
                .containsExactly(IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED);
        assertThat(status.published().get(1).message()).isEqualTo("Checkout works again");
        assertThat(pager.calls("resolve")).hasSize(1);
    }

    @Test
    void confirmingAResolvedPreviewPublishesOneResolvedUpdate() {
        IncidentKit kit = builder("replica").chat(chat).deliveryExecutor(Runnable::run).previewPublicUpdates(true).build();
        toClose.add(kit);
        say(kit, "declare sev1 Checkout is failing");
        say(kit, "update resolved: Checkout works again");
        assertThat(status.published()).isEmpty();
        say(kit, "confirm");
        assertThat(status.published()).extracting(StatusPublisher.StatusUpdate::message).containsExactly("Checkout works again");
    }

    @Test
    void markedComponentsGoToTheStatusPageAtOnceAndTheReplySaysSo() {
        IncidentKit kit = direct("replica");
        say(kit, "declare sev1 Checkout is failing");
        Reply r = say(kit, "components checkout=major_outage search=partial_outage");
        assertThat(r.text()).contains("Marking them on the public status page now.");
        assertThat(status.calls("markComponents")).singleElement()
                .satisfies(c -> assertThat(c.arg(0)).isEqualTo(java.util.Map.of("checkout", "major_outage", "search", "partial_outage")));
        assertThat(status.published()).as("no update text was written").isEmpty();
    }

    @Test
    void aCleanShutdownReleasesClaimsSoTheNextReplicaDeliversAtOnce() {
        List<Runnable> neverRun = new ArrayList<>();
        IncidentKit a = builder("replica-a").chat(chat).deliveryExecutor(neverRun::add).build();
        say(a, "declare sev1 Checkout is failing");
        a.tick(); // claims the heads of the lanes, whose deliveries never start
        assertThat(store.claimDue("probe", clock.instant(), LEASE, 10)).as("A holds the claims").isEmpty();
        a.close();
        IncidentKit b = direct("replica-b");
        b.tick(); // no clock advance: nothing waits for A's leases
        assertThat(chat.created()).hasSize(1);
        assertThat(pager.pages()).hasSize(1);
    }

    @Test
    void aDuplicateWouldShow() {
        // the fakes count what customers see: a create repeated without looking first is a second object
        chat.createChannel("inc-1", IdempotencyKey.first("k"));
        chat.createChannel("inc-1", IdempotencyKey.first("k"));
        assertThat(chat.created()).hasSize(2);
        chat.createChannel("inc-1", IdempotencyKey.again("k"));
        assertThat(chat.created()).hasSize(2);
        assertThat(chat.attempts()).extracting(FakePort.Call::method).containsExactly("createChannel", "createChannel", "lookUp");
    }
}
