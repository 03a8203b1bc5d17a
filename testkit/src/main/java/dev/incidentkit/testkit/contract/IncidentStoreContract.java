package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.FollowUpClosed;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.spi.Claim;
import dev.incidentkit.spi.Completion;
import dev.incidentkit.spi.ConcurrencyConflictException;
import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.PendingEffect;
import dev.incidentkit.spi.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IncidentStore} keeps. Extend it and implement {@link #newStore()}; each test
 * gets a fresh, empty store.
 *
 * @since 0.1
 */
public abstract class IncidentStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final PersonRef ALICE = new PersonRef("alice", "Alice");

    /** The store under test, fresh for each test. */
    protected IncidentStore store;

    /**
     * Creates a fresh store with no incidents. Called before each test.
     *
     * @return the store
     */
    protected abstract IncidentStore newStore();

    /** Releases what {@link #newStore()} acquired; does nothing unless overridden. */
    protected void closeStore() {}

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @AfterEach
    final void releaseStore() {
        closeStore();
    }

    /** A declared event and an IMOC assignment: the usual first append. */
    private static List<IncidentEvent> declaration(IncidentId id) {
        return List.of(
                new Declared(1, T0, ALICE, id, "Checkout is failing", Severity.SEV1, false),
                new RoleAssigned(2, T0, ALICE, Role.IMOC, ALICE));
    }

    private static IncidentEvent note(long seq, String text) {
        return new NoteAdded(seq, T0.plusSeconds(seq), ALICE, text);
    }

    @Nested
    @DisplayName("ids")
    class Ids {
        @Test
        @DisplayName("each id is new")
        void idsAreUnique() {
            Set<IncidentId> ids = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                assertThat(ids.add(store.nextId())).as("id %d is new", i).isTrue();
            }
        }

        @Test
        @DisplayName("ids allocated from many threads at once are all different")
        void concurrentIdsAreUnique() throws Exception {
            List<IncidentId> ids = runConcurrently(8, () -> {
                List<IncidentId> mine = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    mine.add(store.nextId());
                }
                return mine;
            }).stream().flatMap(List::stream).toList();
            assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        }
    }

    @Nested
    @DisplayName("append and load")
    class AppendAndLoad {
        @Test
        @DisplayName("loading after a version gives only the newer events")
        void loadAfterAVersion() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            store.append(id, 2, List.of(note(3, "a"), note(4, "b")));
            assertThat(store.loadAfter(id, 2)).extracting(IncidentEvent::seq).containsExactly(3L, 4L);
            assertThat(store.loadAfter(id, 4)).isEmpty();
            assertThat(store.loadAfter(id, 0)).isEqualTo(store.load(id));
            assertThat(store.loadAfter(store.nextId(), 0)).isEmpty();
            assertThatThrownBy(() -> store.loadAfter(id, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("an unknown incident loads as an empty timeline")
        void unknownIsEmpty() {
            assertThat(store.load(IncidentId.of("ZZ", 999_999))).isEmpty();
        }

        @Test
        @DisplayName("appended events load back equal and in order")
        void appendThenLoad() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            store.append(id, 2, List.of(note(3, "rolled back"), note(4, "error rate falling")));
            List<IncidentEvent> loaded = store.load(id);
            assertThat(loaded).hasSize(4);
            assertThat(loaded).containsExactlyElementsOf(concat(declaration(id),
                    List.of(note(3, "rolled back"), note(4, "error rate falling"))));
        }

        @Test
        @DisplayName("timelines of different incidents are kept apart")
        void incidentsAreSeparate() {
            IncidentId a = store.nextId();
            IncidentId b = store.nextId();
            store.append(a, 0, declaration(a));
            store.append(b, 0, declaration(b));
            store.append(b, 2, List.of(note(3, "only b")));
            assertThat(store.load(a)).hasSize(2);
            assertThat(store.load(b)).hasSize(3);
        }

        @Test
        @DisplayName("an event's every field survives the store, including text in any script")
        void fieldsSurvive() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            IncidentEvent odd = new NoteAdded(3, Instant.parse("2026-11-24T14:03:07.123456789Z"),
                    new PersonRef("U024BE7LH", "Zoë “quotes” O'Brien"), "ошибка 500 — 🔥 \"quoted\" \\ back\nline two");
            store.append(id, 2, List.of(odd));
            assertThat(store.load(id).get(2)).isEqualTo(odd);
        }
    }

    @Nested
    @DisplayName("optimistic concurrency")
    class Concurrency {
        @Test
        @DisplayName("a stale expected version is a conflict and writes nothing")
        void staleAppendIsAConflict() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            assertThatThrownBy(() -> store.append(id, 1, List.of(note(2, "late"))))
                    .isInstanceOf(ConcurrencyConflictException.class)
                    .satisfies(e -> {
                        ConcurrencyConflictException c = (ConcurrencyConflictException) e;
                        assertThat(c.incident()).isEqualTo(id);
                        assertThat(c.expectedVersion()).isEqualTo(1);
                        assertThat(c.actualVersion()).isEqualTo(2);
                    });
            assertThat(store.load(id)).hasSize(2);
        }

        @Test
        @DisplayName("declaring an id twice is a conflict")
        void secondDeclarationConflicts() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            assertThatThrownBy(() -> store.append(id, 0, declaration(id)))
                    .isInstanceOf(ConcurrencyConflictException.class);
        }

        @Test
        @DisplayName("of many appends racing on one version, exactly one wins")
        void oneRacerWins() throws Exception {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            List<Boolean> results = runConcurrently(8, () -> {
                try {
                    store.append(id, 2, List.of(note(3, Thread.currentThread().getName())));
                    return true;
                } catch (ConcurrencyConflictException e) {
                    return false;
                }
            });
            assertThat(results.stream().filter(won -> won)).hasSize(1);
            assertThat(store.load(id)).hasSize(3);
        }

        @Test
        @DisplayName("racers that reload and retry on conflict lose nothing")
        void retriersLoseNothing() throws Exception {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            runConcurrently(4, () -> {
                for (int i = 0; i < 10; i++) {
                    while (true) {
                        long version = store.load(id).size();
                        try {
                            store.append(id, version, List.of(note(version + 1, Thread.currentThread().getName() + " " + i)));
                            break;
                        } catch (ConcurrencyConflictException e) {
                            // decide again on fresh state
                        }
                    }
                }
                return null;
            });
            List<IncidentEvent> loaded = store.load(id);
            assertThat(loaded).hasSize(42);
            for (int i = 0; i < loaded.size(); i++) {
                assertThat(loaded.get(i).seq()).isEqualTo(i + 1);
            }
        }
    }

    @Nested
    @DisplayName("bad appends")
    class BadAppends {
        @Test
        @DisplayName("an empty batch is refused")
        void emptyBatch() {
            IncidentId id = store.nextId();
            assertThatThrownBy(() -> store.append(id, 0, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        @DisplayName("events not numbered on from the expected version are refused and nothing is written")
        void misnumbered() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            assertThatThrownBy(() -> store.append(id, 2, List.of(note(3, "ok"), note(5, "gap"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("seq 5");
            assertThat(store.load(id)).hasSize(2);
        }
    }

    @Nested
    @DisplayName("open incidents")
    class Open {
        @Test
        @DisplayName("closed and cancelled incidents are not open; the rest are, oldest first")
        void openExcludesEnded() {
            IncidentId open = store.nextId();
            IncidentId closed = store.nextId();
            IncidentId cancelled = store.nextId();
            IncidentId resolved = store.nextId();
            for (IncidentId id : List.of(open, closed, cancelled, resolved)) {
                store.append(id, 0, declaration(id));
            }
            store.append(closed, 2, List.of(
                    new StatusChanged(3, T0, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED),
                    new Closed(4, T0, ALICE)));
            store.append(cancelled, 2, List.of(new Cancelled(3, T0, ALICE, "false alarm")));
            store.append(resolved, 2, List.of(
                    new StatusChanged(3, T0, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED)));
            assertThat(store.openIncidents()).containsExactly(open, resolved);
        }
    }

    @Nested
    @DisplayName("channels")
    class Channels {
        @Test
        @DisplayName("an open incident is found by the channel it was bound to last; a channel it left finds nothing")
        void rebindingMovesTheIncident() {
            IncidentId moved = store.nextId();
            IncidentId other = store.nextId();
            store.append(moved, 0, declaration(moved));
            store.append(other, 0, declaration(other));
            store.append(moved, 2, List.of(new ChannelBound(3, T0, PersonRef.BOT, "C-OPS", "ops")));
            store.append(other, 2, List.of(new ChannelBound(3, T0, PersonRef.BOT, "C-PAY", "pay")));
            assertThat(store.incidentOfChannel("C-OPS")).contains(moved);
            store.append(moved, 3, List.of(note(4, "moving"), new ChannelBound(5, T0, ALICE, "C-WAR", "war-room")));
            assertThat(store.incidentOfChannel("C-WAR")).contains(moved);
            assertThat(store.incidentOfChannel("C-OPS")).isEmpty();
            assertThat(store.incidentOfChannel("C-PAY")).contains(other);
            store.append(moved, 5, List.of(new ChannelBound(6, T0, ALICE, "C-OPS", "ops")));
            assertThat(store.incidentOfChannel("C-OPS")).as("moved back").contains(moved);
            assertThat(store.incidentOfChannel("C-WAR")).isEmpty();
        }

        @Test
        @DisplayName("a closed incident's channel finds nothing")
        void aClosedIncidentsChannelIsFree() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            store.append(id, 2, List.of(new ChannelBound(3, T0, PersonRef.BOT, "C-OPS", "ops"),
                    new StatusChanged(4, T0, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED),
                    new Closed(5, T0, ALICE)));
            assertThat(store.incidentOfChannel("C-OPS")).isEmpty();
        }
    }

    @Nested
    @DisplayName("follow-ups after close")
    class FollowUpsAfterClose {
        @Test
        @DisplayName("a closed incident is listed while a follow-up is open, and no longer once all are done")
        void closedWithOpenFollowUps() {
            IncidentId closed = store.nextId();
            IncidentId open = store.nextId();
            IncidentId closedWithout = store.nextId();
            for (IncidentId id : List.of(closed, open, closedWithout)) {
                store.append(id, 0, declaration(id));
            }
            store.append(closed, 2, List.of(
                    new FollowUpAdded(3, T0, ALICE, 1, "alert on 5xx"),
                    new FollowUpAdded(4, T0, ALICE, 2, "canary deploys"),
                    new StatusChanged(5, T0, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED),
                    new Closed(6, T0, ALICE)));
            store.append(open, 2, List.of(new FollowUpAdded(3, T0, ALICE, 1, "still open incident")));
            store.append(closedWithout, 2, List.of(
                    new StatusChanged(3, T0, ALICE, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED),
                    new Closed(4, T0, ALICE)));
            assertThat(store.closedWithOpenFollowUps()).containsExactly(closed);
            store.append(closed, 6, List.of(new FollowUpClosed(7, T0, ALICE, 1, "done")));
            assertThat(store.closedWithOpenFollowUps()).containsExactly(closed);
            store.append(closed, 7, List.of(new FollowUpClosed(8, T0, ALICE, 2, "done")));
            assertThat(store.closedWithOpenFollowUps()).isEmpty();
        }
    }

    @Nested
    @DisplayName("outbox")
    class Outbox {
        private final Effect post = new Effect.SetTopic("k1");
        private final Effect page = new Effect.Page("k2", ALICE, "declared");

        @Test
        @DisplayName("effects are written with their events and wait in append order")
        void effectsWaitInOrder() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id), List.of(post, page));
            assertThat(store.pendingEffects()).extracting(PendingEffect::effect).containsExactly(post, page);
            assertThat(store.pendingEffects()).allSatisfy(p -> {
                assertThat(p.incident()).isEqualTo(id);
                assertThat(p.attempts()).isZero();
                assertThat(p.notBefore()).isEqualTo(T0);
            });
        }

        @Test
        @DisplayName("a conflicting append writes no effect")
        void conflictWritesNoEffect() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id));
            assertThatThrownBy(() -> store.append(id, 0, declaration(id), List.of(post)))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertThat(store.pendingEffects()).isEmpty();
        }

        @Test
        @DisplayName("delivered effects leave; retried ones count attempts and wait")
        void deliverAndRetry() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id), List.of(post, page));
            List<Claim> claimed = store.claimDue("a", T0, Duration.ofMinutes(1), 10);
            assertThat(store.complete(claimed.get(0), T0, new Completion.Delivered(Completion.Outcome.NONE))).isTrue();
            assertThat(store.complete(claimed.get(1), T0, new Completion.RetryLater(T0.plusSeconds(30), true, false))).isTrue();
            assertThat(store.pendingEffects()).singleElement().satisfies(p -> {
                assertThat(p.effect()).isEqualTo(page);
                assertThat(p.attempts()).isEqualTo(1);
                assertThat(p.notBefore()).isEqualTo(T0.plusSeconds(30));
            });
        }

        @Test
        @DisplayName("a retry that spent no attempt (an open breaker, nothing to send to yet) does not count")
        void retryWithoutAttempt() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id), List.of(page));
            Claim claim = store.claimDue("a", T0, Duration.ofMinutes(1), 10).get(0);
            store.complete(claim, T0, new Completion.RetryLater(T0.plusSeconds(5), false, false));
            assertThat(store.pendingEffects()).singleElement().satisfies(p -> assertThat(p.attempts()).isZero());
        }

        @Test
        @DisplayName("a failed effect is parked, not lost, and can be requeued")
        void parkAndRequeue() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id), List.of(page));
            store.complete(store.claimDue("a", T0, Duration.ofMinutes(1), 10).get(0), T0,
                    new Completion.Parked(Completion.Outcome.NONE));
            assertThat(store.pendingEffects()).isEmpty();
            assertThat(store.parkedEffects()).singleElement().satisfies(p -> {
                assertThat(p.effect()).isEqualTo(page);
                assertThat(p.incident()).isEqualTo(id);
            });
            assertThat(store.requeueFailedEffects(id, T0.plusSeconds(60), e -> false)).containsExactly(page);
            assertThat(store.parkedEffects()).as("requeued: no longer parked").isEmpty();
            assertThat(store.pendingEffects()).singleElement().satisfies(p -> {
                assertThat(p.notBefore()).isEqualTo(T0.plusSeconds(60));
                assertThat(p.attempts()).isZero();
            });
            assertThat(store.requeueFailedEffects(id, T0, e -> false)).isEmpty();
        }

        @Test
        @DisplayName("a superseded parked effect is dropped, not requeued")
        void supersededIsDropped() {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id), List.of(page, post));
            for (Claim c : store.claimDue("a", T0, Duration.ofMinutes(1), 10)) {
                store.complete(c, T0, new Completion.Parked(Completion.Outcome.NONE));
            }
            assertThat(store.parkedEffects()).extracting(PendingEffect::effect).containsExactly(page, post);
            assertThat(store.requeueFailedEffects(id, T0, page::equals)).containsExactly(post);
            assertThat(store.parkedEffects()).as("one requeued, one dropped").isEmpty();
            assertThat(store.pendingEffects()).extracting(PendingEffect::effect).containsExactly(post);
            assertThat(store.requeueFailedEffects(id, T0, e -> false)).as("the superseded one is gone").isEmpty();
        }
    }

    @Nested
    @DisplayName("reminder due times")
    class DueTimes {
        @Test
        @DisplayName("a store that keeps due times lists the incidents due, earliest first; one that keeps none says so")
        void dueTimesAreListed() {
            IncidentId early = store.nextId();
            store.append(early, 0, declaration(early));
            IncidentId late = store.nextId();
            store.append(late, 0, declaration(late));
            IncidentId none = store.nextId();
            store.append(none, 0, declaration(none));
            store.planReminders(late, java.util.Optional.of(T0.plusSeconds(120)));
            store.planReminders(early, java.util.Optional.of(T0.plusSeconds(60)));
            store.planReminders(none, java.util.Optional.empty());
            java.util.Optional<List<IncidentId>> due = store.remindersDueBy(T0.plusSeconds(120));
            if (due.isEmpty()) {
                return; // the store keeps no due times: the scheduler reads every open incident instead
            }
            assertThat(due.get()).containsExactly(early, late);
            assertThat(store.remindersDueBy(T0.plusSeconds(60)).orElseThrow()).containsExactly(early);
            store.planReminders(early, java.util.Optional.empty());
            assertThat(store.remindersDueBy(T0.plusSeconds(600)).orElseThrow()).containsExactly(late);
        }
    }

    @Nested
    @DisplayName("inbound deliveries")
    class Deliveries {
        private static final Duration WINDOW = Duration.ofMinutes(5);

        @Test
        @DisplayName("a delivery is first once; a replay within the window is recognised")
        void aReplayIsRecognised() {
            assertThat(store.firstSeen("slack-command", "v0=abc", T0, WINDOW)).isTrue();
            assertThat(store.firstSeen("slack-command", "v0=abc", T0.plusSeconds(299), WINDOW)).isFalse();
            assertThat(store.firstSeen("pagerduty-webhook", "v0=abc", T0, WINDOW)).as("sources are apart").isTrue();
            assertThat(store.firstSeen("slack-command", "v0=abd", T0, WINDOW)).isTrue();
        }

        @Test
        @DisplayName("after the window a delivery may be seen again")
        void forgottenAfterTheWindow() {
            store.firstSeen("github-webhook", "d-1", T0, WINDOW);
            assertThat(store.firstSeen("github-webhook", "d-1", T0.plus(WINDOW), WINDOW)).isTrue();
        }

        @Test
        @DisplayName("of many threads racing with one delivery, exactly one is first")
        void racersAgreeOnOneFirst() throws Exception {
            List<Boolean> firsts = runConcurrently(6, () -> store.firstSeen("slack-event", "Ev1", T0, WINDOW));
            assertThat(firsts).containsOnlyOnce(true);
        }

        @Test
        @DisplayName("a blank or overlong id, or a window that is not positive, is refused")
        void badArguments() {
            assertThatThrownBy(() -> store.firstSeen("s", " ", T0, WINDOW)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.firstSeen("s", "x".repeat(201), T0, WINDOW)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.firstSeen("s", "x", T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("claiming effects for delivery")
    class Claims {
        private static final Duration LEASE = Duration.ofMinutes(2);
        private final Effect topic = new Effect.SetTopic("k1");
        private final Effect page = new Effect.Page("k2", ALICE, "declared");
        private final Effect post = new Effect.Post("k3", dev.incidentkit.spi.ChatMessage.reply("hello"), false);

        private IncidentId declaredWith(List<Effect> effects) {
            IncidentId id = store.nextId();
            store.append(id, 0, declaration(id), effects);
            return id;
        }

        private List<String> keys(List<Claim> claimed) {
            return claimed.stream().map(c -> c.pending().effect().key()).toList();
        }

        @Test
        @DisplayName("only the oldest waiting effect of each incident and port is claimed, in append order")
        void headsOfLanes() {
            declaredWith(List.of(topic, page, post));
            assertThat(keys(store.claimDue("a", T0, LEASE, 10))).containsExactly("k1", "k2");
        }

        @Test
        @DisplayName("an effect is not claimed before it is due")
        void notBeforeDue() {
            declaredWith(List.of(topic));
            assertThat(store.claimDue("a", T0.minusSeconds(1), LEASE, 10)).isEmpty();
            assertThat(keys(store.claimDue("a", T0, LEASE, 10))).containsExactly("k1");
        }

        @Test
        @DisplayName("a claimed effect goes to nobody else, nor to its owner, until the lease runs out")
        void leaseIsExclusiveUntilItExpires() {
            declaredWith(List.of(topic));
            assertThat(store.claimDue("a", T0, LEASE, 10)).singleElement()
                    .satisfies(c -> assertThat(c.pending().effect()).isEqualTo(topic));
            assertThat(store.claimDue("b", T0.plusSeconds(10), LEASE, 10)).isEmpty();
            assertThat(store.claimDue("a", T0.plusSeconds(10), LEASE, 10)).isEmpty();
            assertThat(store.pendingEffects()).hasSize(1);
            assertThat(keys(store.claimDue("b", T0.plus(LEASE), LEASE, 10))).containsExactly("k1");
        }

        @Test
        @DisplayName("a claimed head holds its lane; once delivered, the next effect of the lane can be claimed")
        void deliveredHeadLetsTheLaneMoveOn() {
            declaredWith(List.of(topic, page, post));
            List<Claim> first = store.claimDue("a", T0, LEASE, 10);
            assertThat(store.claimDue("b", T0, LEASE, 10)).isEmpty();
            store.complete(first.get(0), T0, new Completion.Delivered(Completion.Outcome.NONE));
            assertThat(keys(store.claimDue("b", T0, LEASE, 10))).containsExactly("k3");
        }

        @Test
        @DisplayName("a retry ends the claim: the effect is claimed again when its retry is due")
        void retryEndsTheClaim() {
            declaredWith(List.of(topic, post));
            Claim claimed = store.claimDue("a", T0, LEASE, 10).get(0);
            store.complete(claimed, T0, new Completion.RetryLater(T0.plusSeconds(30), true, false));
            assertThat(store.claimDue("b", T0.plusSeconds(29), LEASE, 10)).as("the lane waits for its head").isEmpty();
            assertThat(store.claimDue("b", T0.plusSeconds(30), LEASE, 10)).singleElement().satisfies(c -> {
                assertThat(c.pending().effect()).isEqualTo(topic);
                assertThat(c.pending().attempts()).isEqualTo(1);
                assertThat(c.mayHaveRun()).as("the failure said the vendor did not act").isFalse();
            });
        }

        @Test
        @DisplayName("a parked effect does not hold up its lane")
        void parkedHeadFreesTheLane() {
            declaredWith(List.of(topic, post));
            store.complete(store.claimDue("a", T0, LEASE, 10).get(0), T0, new Completion.Parked(Completion.Outcome.NONE));
            assertThat(keys(store.claimDue("a", T0, LEASE, 10))).containsExactly("k3");
        }

        @Test
        @DisplayName("no more than the limit is claimed")
        void limit() {
            declaredWith(List.of(topic, page));
            assertThat(keys(store.claimDue("a", T0, LEASE, 1))).containsExactly("k1");
            assertThat(keys(store.claimDue("a", T0, LEASE, 1))).containsExactly("k2");
        }

        @Test
        @DisplayName("claimers racing from many threads never claim one effect twice")
        void racingClaimersShare() throws Exception {
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                declaredWith(List.of(new Effect.SetTopic("t" + i), new Effect.Page("p" + i, ALICE, "declared")));
            }
            store.pendingEffects().forEach(p -> all.add(p.id()));
            List<Long> claimed = runConcurrently(6, () -> {
                List<Long> mine = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    store.claimDue(Thread.currentThread().getName(), T0, LEASE, 3).forEach(c -> mine.add(c.effectId()));
                }
                return mine;
            }).stream().flatMap(List::stream).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            store.claimDue("last", T0, LEASE, 100).forEach(c -> claimed.add(c.effectId())); // what racers skipped while locked
            assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        }

        @Test
        @DisplayName("a completion with an expired claim is refused, and writes neither state nor outcome")
        void expiredClaimIsRefused() {
            IncidentId id = declaredWith(List.of(topic));
            Claim claim = store.claimDue("a", T0, LEASE, 10).get(0);
            assertThat(store.complete(claim, T0.plus(LEASE), new Completion.Delivered(bound(id, 3)))).isFalse();
            assertThat(store.load(id)).hasSize(2);
            assertThat(store.pendingEffects()).hasSize(1);
            assertThat(store.renew(claim, T0.plus(LEASE), LEASE)).as("nor can it be renewed").isFalse();
        }

        @Test
        @DisplayName("a completion with a foreign claim is refused: the new holder's claim survives the old one's retry")
        void foreignClaimIsRefused() {
            IncidentId id = declaredWith(List.of(topic));
            Claim old = store.claimDue("a", T0, LEASE, 10).get(0);
            Claim current = store.claimDue("b", T0.plus(LEASE), LEASE, 10).get(0);
            assertThat(current.token()).isNotEqualTo(old.token());
            assertThat(store.complete(old, T0.plus(LEASE), new Completion.RetryLater(T0, true, false))).isFalse();
            assertThat(store.claimDue("c", T0.plus(LEASE).plusSeconds(1), LEASE, 10)).as("b still holds it").isEmpty();
            assertThat(store.complete(current, T0.plus(LEASE).plusSeconds(1), new Completion.Delivered(bound(id, 3)))).isTrue();
            assertThat(store.load(id)).hasSize(3);
            assertThat(store.pendingEffects()).isEmpty();
        }

        @Test
        @DisplayName("a renewed claim outlives its first lease")
        void renewalExtendsTheLease() {
            declaredWith(List.of(topic));
            Claim claim = store.claimDue("a", T0, LEASE, 10).get(0);
            assertThat(store.renew(claim, T0.plus(LEASE).minusSeconds(1), LEASE)).isTrue();
            assertThat(store.claimDue("b", T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
            assertThat(store.complete(claim, T0.plus(LEASE).plusSeconds(1), new Completion.Delivered(Completion.Outcome.NONE))).isTrue();
        }

        @Test
        @DisplayName("outcome events and the effect's completion are written together, or not at all on a conflict")
        void outcomeAndCompletionAreAtomic() {
            IncidentId id = declaredWith(List.of(topic));
            Claim claim = store.claimDue("a", T0, LEASE, 10).get(0);
            store.append(id, 2, List.of(new NoteAdded(3, T0, ALICE, "meanwhile")));
            Effect bookmark = new Effect.Bookmark("k9", "status page", "https://status.example.com/x");
            assertThatThrownBy(() -> store.complete(claim, T0, new Completion.Delivered(
                    new Completion.Outcome(2, List.of(new NoteAdded(3, T0, PersonRef.BOT, "outcome")), List.of(bookmark)))))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertThat(store.load(id)).hasSize(3);
            assertThat(store.pendingEffects()).extracting(PendingEffect::effect).containsExactly(topic);
            assertThat(store.complete(claim, T0, new Completion.Delivered(
                    new Completion.Outcome(3, List.of(new NoteAdded(4, T0, PersonRef.BOT, "outcome")), List.of(bookmark))))).isTrue();
            assertThat(store.load(id)).hasSize(4);
            assertThat(store.pendingEffects()).extracting(PendingEffect::effect).containsExactly(bookmark);
        }

        @Test
        @DisplayName("after a claim that never completed, the next claim says the vendor may have acted")
        void anUnfinishedAttemptMayHaveRun() {
            declaredWith(List.of(topic));
            assertThat(store.claimDue("a", T0, LEASE, 10).get(0).mayHaveRun()).isFalse();
            Claim again = store.claimDue("b", T0.plus(LEASE), LEASE, 10).get(0);
            assertThat(again.mayHaveRun()).isTrue();
            assertThat(again.idempotencyKey().mayExist()).isTrue();
            store.complete(again, T0.plus(LEASE), new Completion.RetryLater(T0.plus(LEASE), true, true));
            assertThat(store.claimDue("c", T0.plus(LEASE), LEASE, 10).get(0).mayHaveRun()).as("a timeout keeps it").isTrue();
        }

        @Test
        @DisplayName("released claims are taken over at once, and still say the vendor may have acted")
        void releaseEndsAnOwnersClaims() {
            declaredWith(List.of(topic, page));
            store.claimDue("a", T0, LEASE, 10);
            assertThat(store.release("a")).isEqualTo(2);
            assertThat(store.claimDue("b", T0.plusSeconds(1), LEASE, 10)).hasSize(2).allSatisfy(c -> assertThat(c.mayHaveRun()).isTrue());
            assertThat(store.release("a")).isZero();
        }

        private Completion.Outcome bound(IncidentId id, long seq) {
            return new Completion.Outcome(seq - 1, List.of(new NoteAdded(seq, T0, PersonRef.BOT, "channel created")), List.of());
        }

        @Test
        @DisplayName("a blank owner, a lease that is not positive or a limit below 1 is refused")
        void badArguments() {
            assertThatThrownBy(() -> store.claimDue(" ", T0, LEASE, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("owner");
            assertThatThrownBy(() -> store.claimDue("a", T0, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lease");
            assertThatThrownBy(() -> store.claimDue("a", T0, LEASE, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
