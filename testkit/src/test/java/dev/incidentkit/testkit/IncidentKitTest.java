package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.ConfigurationException;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.AccessRefused;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.AccessPolicy;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.testkit.fakes.FakePort;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class IncidentKitTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("bob", "Bob");
    static final PersonRef CAROL = new PersonRef("carol", "Carol");
    static final IncidentId INC1 = IncidentId.of(1);

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final IncidentStore store = new InMemoryIncidentStore();
    final RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingPager pager = new RecordingPager();
    final RecordingStatusPublisher status = new RecordingStatusPublisher();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    IncidentKit kit = newKit();

    IncidentKit newKit() {
        return IncidentKit.builder().clock(clock).store(store).chat(chat).pager(pager).statusPublisher(status)
                .issueTracker(issues).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO)
                .retries(5, Duration.ofSeconds(2), Duration.ofMinutes(1)).build();
    }

    @AfterEach
    void close() {
        kit.close();
    }

    Reply say(PersonRef who, String text) {
        String channel = kit.incidentOf("C1").isPresent() ? "C1" : "D-" + who.id();
        return kit.handle(new ChatRequest(who, channel, text));
    }

    Incident incident() {
        return kit.incident(INC1).orElseThrow();
    }

    @Test
    void declaringOpensTheChannelPagesTheImocAndPostsTheKickOff() {
        Reply reply = kit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
        assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(reply.text()).startsWith("*INC-1 · SEV1 · Checkout is failing* declared by Alice.")
                .contains("Alice: Declared SEV1: Checkout is failing", "#inc-1-checkout-is-failing");

        assertThat(chat.calls("createChannel")).singleElement()
                .satisfies(c -> assertThat(c.arg(0)).isEqualTo("inc-1-checkout-is-failing"));
        assertThat(chat.calls("invite")).singleElement().satisfies(c -> assertThat(c.arg(1)).isEqualTo(List.of(ALICE)));
        assertThat(chat.calls("setTopic")).singleElement()
                .satisfies(c -> assertThat(c.arg(1)).isEqualTo("SEV1 · investigating · IMOC: Alice"));
        ChatMessage kickOff = chat.posted().get(0);
        assertThat(kickOff.kind()).isEqualTo(ChatMessage.Kind.KICKOFF);
        assertThat(kickOff.text()).contains("IMOC checklist", "`update investigating:");
        assertThat(chat.calls("pin")).hasSize(1);
        assertThat(pager.calls("page")).hasSize(1);
        assertThat(incident().channel()).map(ChannelBound::channelId).contains("C1");
        assertThat(incident().all(Paged.class)).extracting(Paged::target).containsExactly(ALICE);
        assertThat(incident().links()).extracting(LinkAdded::kind).containsExactly(LinkKind.PAGE);
        assertThat(chat.calls("bookmark")).singleElement().satisfies(c -> assertThat(c.arg(1)).isEqualTo("page for Alice"));
        assertThat(kit.incidentOf("C1")).contains(INC1);
    }

    @Test
    void commandsInTheBoundChannelNeedNoIdButElsewhereThey() {
        say(ALICE, "declare sev2 Search is slow");
        assertThat(kit.handle(new ChatRequest(ALICE, "C1", "note looking at the index")).text()).contains("Alice: Note: looking at the index");
        Reply elsewhere = kit.handle(new ChatRequest(ALICE, "C-random", "note from elsewhere"));
        assertThat(elsewhere.text()).startsWith("Which incident? This channel is not an incident's channel, so start with the id, e.g. `INC-1 note from elsewhere`");
        assertThat(kit.handle(new ChatRequest(ALICE, "C-random", "INC-1 note from elsewhere")).visibility())
                .isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(kit.handle(new ChatRequest(ALICE, "C-random", "INC-9 note nope")).text()).startsWith("There is no incident INC-9");
    }

    @Test
    void aCommandForAnotherIncidentFromABoundChannelIsRefusedAndRecorded() {
        say(ALICE, "declare sev2 Search is slow");
        say(BOB, "declare sev3 Emails are late");
        Reply r = kit.handle(new ChatRequest(ALICE, "C1", "INC-2 note wrong room"));
        assertThat(r.text()).isEqualTo("This channel belongs to INC-1, so it does not take commands for INC-2. "
                + "Type it in INC-2's own channel, or drop the id to mean INC-1");
        assertThat(kit.incident(IncidentId.of(2)).orElseThrow().all(AccessRefused.class)).hasSize(1);
    }

    @Test
    void publicUpdatesGoToTheStatusPageInOrderAndTheSameIncident() {
        say(ALICE, "declare sev1 Checkout is failing");
        say(ALICE, "update investigating: We are looking into failed checkouts");
        say(ALICE, "update monitoring: A fix is deployed");
        assertThat(status.published()).extracting(StatusPublisher.StatusUpdate::message)
                .containsExactly("We are looking into failed checkouts", "A fix is deployed");
        assertThat(status.published().get(0).statusPageIncident()).isEmpty();
        assertThat(status.published().get(1).statusPageIncident()).contains("SP-1");
        assertThat(status.opened()).as("one public incident").hasSize(1);
        assertThat(incident().status()).isEqualTo(IncidentStatus.MONITORING);
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.PUBLIC_UPDATE).hasSize(2);
    }

    @Test
    void aTemplateIsPreviewedThenPublishedAsTheTemplatesTextStatusAndComponents() {
        StatusPublisher.Template checkout = new StatusPublisher.Template("Checkout degraded", "Checkout is slow",
                "Some checkouts are slow; we are fixing it.", java.util.Optional.of(IncidentStatus.IDENTIFIED),
                java.util.Map.of("checkout-api", "degraded_performance"));
        StatusPublisher templated = new StatusPublisher() {
            @Override
            public Published publish(StatusUpdate update, dev.incidentkit.spi.IdempotencyKey idempotencyKey) {
                return status.publish(update, idempotencyKey);
            }

            @Override
            public java.util.Optional<Template> template(String name, boolean drill) {
                return name.equalsIgnoreCase("checkout degraded") ? java.util.Optional.of(checkout) : java.util.Optional.empty();
            }

            @Override
            public List<String> templateNames(boolean drill) {
                return List.of("Checkout degraded", "DB maintenance");
            }
        };
        kit.close();
        kit = IncidentKit.builder().clock(clock).store(store).chat(chat).statusPublisher(templated)
                .previewPublicUpdates(true).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
        say(ALICE, "declare sev1 Checkout is failing");

        assertThat(say(ALICE, "template warp drive").text()).isEqualTo("The status page has no template `warp drive`; its templates are "
                + "`Checkout degraded`, `DB maintenance`. Type e.g. `template Checkout degraded`, or write the update: "
                + "`update <status>: <message>`");
        assertThat(say(CAROL, "template Checkout degraded").text()).startsWith("Only the IMOC (Alice) or the communications lead");
        say(ALICE, "template checkout degraded");
        assertThat(status.published()).as("previewed, not yet published").isEmpty();
        say(ALICE, "confirm");

        assertThat(status.published()).singleElement().satisfies(u -> {
            assertThat(u.message()).isEqualTo("Some checkouts are slow; we are fixing it.");
            assertThat(u.status()).isEqualTo(IncidentStatus.IDENTIFIED);
            assertThat(u.components()).containsExactly(java.util.Map.entry("checkout-api", "degraded_performance"));
        });
        assertThat(incident().status()).isEqualTo(IncidentStatus.IDENTIFIED);
    }

    @Test
    void aFailingStatusPageGetsTheUpdateExactlyOnceWhenItRecovers() {
        say(ALICE, "declare sev1 Checkout is failing");
        status.failNext(3, PortException.Kind.UNAVAILABLE, null);
        Reply r = say(ALICE, "update investigating: We are looking into it");
        assertThat(r.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(status.attempts()).hasSize(1);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            kit.tick();
        }
        // a 503 may come after the page acted, so each retry looks for the update's marker first
        assertThat(status.attempts()).extracting(FakePort.Call::method).containsExactly("publish", "lookUp", "lookUp", "lookUp", "publish");
        assertThat(status.published()).hasSize(1);
        assertThat(store.pendingEffects()).isEmpty();
        assertThat(incident().links()).filteredOn(l -> l.kind() == LinkKind.STATUS_PAGE).hasSize(1);
    }

    @Test
    void retriesWaitForTheVendorsRetryAfter() {
        say(ALICE, "declare sev1 Checkout is failing");
        status.failNext(1, PortException.Kind.RATE_LIMITED, Duration.ofMinutes(10));
        say(ALICE, "update investigating: We are looking into it");
        clock.advance(Duration.ofMinutes(9));
        kit.tick();
        assertThat(status.published()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        kit.tick();
        assertThat(status.published()).hasSize(1);
    }

    @Test
    void whenRetriesRunOutTheChannelIsToldAndRetryDeliversIt() {
        say(ALICE, "declare sev1 Checkout is failing");
        status.failNext(5, PortException.Kind.UNAVAILABLE, null);
        say(ALICE, "update investigating: We are looking into it");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(2));
            kit.tick();
        }
        assertThat(status.published()).isEmpty();
        assertThat(incident().all(DeliveryFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.what()).startsWith("publish the status update"));
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.ALERT).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("Could not publish the status update", "`retry`"));
        Reply retried = say(ALICE, "retry");
        assertThat(retried.text()).startsWith("Retrying 1 delivery for INC-1: publish the status update");
        assertThat(status.published()).hasSize(1);
        assertThat(say(ALICE, "retry").text()).startsWith("Nothing to retry");
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        say(ALICE, "declare sev1 Checkout is failing");
        status.failNext(1, PortException.Kind.UNAUTHORIZED, null);
        say(ALICE, "update investigating: We are looking into it");
        assertThat(status.attempts()).hasSize(1);
        assertThat(incident().all(DeliveryFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("unauthorized"));
    }

    @Test
    void pendingEffectsAreDeliveredAfterARestart() {
        say(ALICE, "declare sev1 Checkout is failing");
        status.failNext(1, PortException.Kind.UNAVAILABLE, null);
        say(ALICE, "update investigating: We are looking into it");
        kit.close();
        clock.advance(Duration.ofMinutes(5));
        kit = newKit(); // a new process on the same store
        assertThat(status.published()).hasSize(1);
        assertThat(kit.incidentOf("C1")).contains(INC1);
    }

    @Test
    void theReplyComesAtOnceEvenWhenEveryVendorHangs() {
        ExecutorService delivery = Executors.newSingleThreadExecutor();
        IncidentKit slowKit = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat)
                .pager(pager).statusPublisher(status).issueTracker(issues).deliveryExecutor(delivery)
                .tickEvery(Duration.ZERO).build();
        chat.slow(Duration.ofSeconds(10));
        pager.slow(Duration.ofSeconds(10));
        status.slow(Duration.ofSeconds(10));
        try {
            long start = System.nanoTime();
            Reply r = slowKit.handle(new ChatRequest(ALICE, "C-general", "declare sev1 Checkout is failing"));
            Reply u = slowKit.handle(new ChatRequest(ALICE, "C-general", "INC-1 update investigating: Looking into it"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.text()).contains("INC-1 · SEV1 · Checkout is failing* declared");
            assertThat(u.text()).contains("Public update (investigating): Looking into it");
            assertThat(took).as("two replies while every vendor takes 10 s").isLessThan(Duration.ofSeconds(2));
        } finally {
            chat.release();
            pager.release();
            status.release();
            slowKit.close();
            delivery.shutdownNow();
        }
    }

    @Test
    void unconfiguredPortsSaySo() {
        IncidentKit bare = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
        assertThat(bare.handle(new ChatRequest(ALICE, "X", "declare sev1 Checkout")).text())
                .contains("No pager is configured, so nobody was paged");
        assertThat(bare.handle(new ChatRequest(ALICE, "C1", "update: looking")).text())
                .contains("No status page is configured, so customers were not told");
        assertThat(bare.handle(new ChatRequest(ALICE, "C1", "resolve")).text())
                .contains("No issue tracker is configured");
        bare.close();
    }

    @Test
    void onlyTheImocMayResolveAndTheRefusalIsRecorded() {
        say(ALICE, "declare sev1 Checkout is failing");
        Reply r = say(BOB, "resolve");
        assertThat(r.visibility()).isEqualTo(Reply.Visibility.SENDER);
        assertThat(r.text()).isEqualTo("Only the IMOC (Alice) may resolve INC-1. Ask Alice in the channel, or add a note: `note suggest we resolve`");
        assertThat(incident().status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(incident().all(AccessRefused.class)).singleElement()
                .satisfies(a -> assertThat(a.command()).isEqualTo("resolve"));
    }

    @Test
    void aRefusalRepeatedWithinTenMinutesIsCountedNotRecordedAgain() {
        say(ALICE, "declare sev1 Checkout is failing");
        for (int i = 0; i < 50; i++) {
            assertThat(say(BOB, "resolve").text()).startsWith("Only the IMOC (Alice) may resolve INC-1");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(incident().all(AccessRefused.class)).as("one record per ten minutes").hasSize(1);
        clock.advance(Duration.ofMinutes(10));
        say(BOB, "resolve");
        say(CAROL, "resolve");
        assertThat(incident().all(AccessRefused.class)).extracting(AccessRefused::by, AccessRefused::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BOB, 1), org.assertj.core.groups.Tuple.tuple(BOB, 50),
                        org.assertj.core.groups.Tuple.tuple(CAROL, 1));
    }

    @Test
    void theCommsLeadMayPublishButOthersMayNot() {
        say(ALICE, "declare sev1 Checkout is failing");
        say(ALICE, "assign comms @bob");
        assertThat(say(CAROL, "update: we are on it").text()).startsWith("Only the IMOC (Alice) or the communications lead");
        assertThat(say(PersonRef.of("bob"), "update: we are on it").visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(status.published()).hasSize(1);
        assertThat(say(CAROL, "note anyone may add notes").visibility()).isEqualTo(Reply.Visibility.CHANNEL);
    }

    @Test
    void aDrillNeverReachesTheStatusPageAndMarksEveryMessage() {
        say(ALICE, "declare --drill sev1 Practice: checkout down");
        say(ALICE, "update investigating: practice update");
        say(ALICE, "resolve");
        assertThat(status.attempts()).isEmpty();
        assertThat(chat.posted()).isNotEmpty().allSatisfy(m -> assertThat(m.drill()).isTrue());
        assertThat(pager.calls("page")).singleElement()
                .satisfies(c -> assertThat(((dev.incidentkit.spi.Pager.PageRequest) c.arg(0)).drill()).isTrue());
        assertThat(chat.calls("setTopic").get(0).arg(1).toString()).startsWith("DRILL · ");
    }

    @Test
    void resolveAndCloseFileTheReportAndFollowUps() {
        say(ALICE, "declare sev2 Search is slow");
        say(ALICE, "update identified: A bad index; rebuilding");
        say(ALICE, "followup Alert on index size");
        say(ALICE, "followup Runbook for rebuilds");
        say(ALICE, "resolve");
        assertThat(pager.calls("resolve")).hasSize(1);
        assertThat(status.published()).extracting(StatusPublisher.StatusUpdate::status)
                .containsExactly(IncidentStatus.IDENTIFIED, IncidentStatus.RESOLVED);
        assertThat(issues.calls("open")).singleElement().satisfies(c ->
                assertThat(((dev.incidentkit.spi.IssueTracker.NewIssue) c.arg(0)).title()).isEqualTo("Service disruption: INC-1 Search is slow"));
        say(ALICE, "close");
        assertThat(issues.calls("updateBody")).hasSize(1);
        assertThat(issues.calls("open")).hasSize(3);
        assertThat(incident().links()).filteredOn(l -> l.kind() == LinkKind.ISSUE)
                .extracting(LinkAdded::label).containsExactly("service-disruption report", "follow-up #1", "follow-up #2");
        assertThat(chat.posted()).filteredOn(m -> m.kind() == ChatMessage.Kind.REPORT_SUMMARY).hasSize(1);
    }

    @Test
    void usageAndRejectionsGoOnlyToTheSender() {
        assertThat(say(ALICE, "declre sev1 x").visibility()).isEqualTo(Reply.Visibility.SENDER);
        say(ALICE, "declare sev1 Checkout is failing");
        assertThat(say(ALICE, "close")).satisfies(r -> {
            assertThat(r.visibility()).isEqualTo(Reply.Visibility.SENDER);
            assertThat(r.text()).startsWith("INC-1 is investigating; only a resolved incident can be closed");
        });
        assertThat(say(ALICE, "help sev").text()).startsWith("`sev <1-4>`");
        assertThat(say(ALICE, "timeline").text()).contains("Timeline of INC-1", "Alice: Declared SEV1: Checkout is failing");
    }

    @Test
    void theBuilderReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> IncidentKit.builder().retries(0, Duration.ofSeconds(-1), Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store is missing")
                .hasMessageContaining("chat is missing")
                .hasMessageContaining("maxAttempts is at least 1")
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(4));
        assertThatThrownBy(() -> IncidentKit.builder().store(store).store(store))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store was already set");
    }

    @Test
    void permitAllLetsAnyoneResolve() {
        IncidentKit open = IncidentKit.builder().clock(clock).store(new InMemoryIncidentStore()).chat(chat)
                .accessPolicy(AccessPolicy.permitAll()).deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO).build();
        open.handle(new ChatRequest(ALICE, "X", "declare sev3 Minor"));
        assertThat(open.handle(new ChatRequest(BOB, "X", "INC-1 resolve")).visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        open.close();
    }

    @Test
    void openFollowUpsAreRemindedWeeklyAfterCloseUntilDone() {
        say(ALICE, "declare sev3 Emails are late");
        say(ALICE, "followup Alert on queue depth");
        say(ALICE, "resolve");
        say(ALICE, "close");
        java.util.function.Supplier<List<ChatMessage>> followUpReminders = () -> chat.posted().stream()
                .filter(m -> m.kind() == ChatMessage.Kind.REMINDER && m.text().contains("still has 1 open follow-up")).toList();
        for (int day = 0; day < 8; day++) {
            clock.advance(Duration.ofDays(1));
            kit.tick();
        }
        assertThat(followUpReminders.get()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("INC-1 was closed 7d ago", "`followup done <n>`"));
        assertThat(say(ALICE, "followup done 1").visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        for (int day = 0; day < 14; day++) {
            clock.advance(Duration.ofDays(1));
            kit.tick();
        }
        assertThat(followUpReminders.get()).hasSize(1);
    }
}
