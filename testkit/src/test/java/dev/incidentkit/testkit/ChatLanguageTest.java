package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.fakes.FakePort;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 17, first half: {@code declare here}, {@code channel #…}, archiving after close, and {@code tldr}. */
final class ChatLanguageTest {
    static final PersonRef ALICE = new PersonRef("alice", "Alice");
    static final PersonRef BOB = new PersonRef("bob", "Bob");
    static final IncidentId INC1 = IncidentId.of(1);
    static final IncidentId INC2 = IncidentId.of(2);

    final TestClock clock = TestClock.at("2026-11-24T14:00:00Z");
    final IncidentStore store = new InMemoryIncidentStore();
    RecordingChatGateway chat = new RecordingChatGateway();
    final RecordingIssueTracker issues = new RecordingIssueTracker();
    IncidentKit kit = kit(b -> b);

    IncidentKit kit(UnaryOperator<IncidentKit.Builder> more) {
        return more.apply(IncidentKit.builder().clock(clock).store(store).chat(chat).issueTracker(issues)
                .deliveryExecutor(Runnable::run).tickEvery(Duration.ZERO)).build();
    }

    @AfterEach
    void close() {
        kit.close();
    }

    Reply in(String channel, PersonRef who, String text) {
        return kit.handle(new ChatRequest(who, channel, text, channel.toLowerCase(java.util.Locale.ROOT)));
    }

    Incident incident(IncidentId id) {
        return kit.incident(id).orElseThrow();
    }

    List<FakePort.Call> callsIn(String method, String channel) {
        return chat.calls(method).stream().filter(c -> c.arg(0).equals(channel)).toList();
    }

    @Nested
    final class DeclareHere {
        @Test
        void theChannelItIsTypedInBecomesTheIncidentsAndNothingIsCreated() {
            Reply reply = in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            assertThat(reply.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
            assertThat(reply.text()).contains("declared by Alice", "This channel is now the incident's channel")
                    .doesNotContain("Opening the incident channel");
            assertThat(chat.calls("createChannel")).isEmpty();
            assertThat(incident(INC1).channel()).map(ChannelBound::channelId).contains("C-OPS");
            assertThat(incident(INC1).channel()).map(ChannelBound::channelName).contains("c-ops");
            assertThat(callsIn("setTopic", "C-OPS")).singleElement();
            assertThat(callsIn("post", "C-OPS")).first()
                    .satisfies(c -> assertThat(((ChatMessage) c.arg(1)).kind()).isEqualTo(ChatMessage.Kind.KICKOFF));
            assertThat(chat.calls("pin")).singleElement();
            assertThat(kit.incidentOf("C-OPS")).contains(INC1);
            assertThat(in("C-OPS", ALICE, "note looking").text()).contains("Alice: Note: looking");
        }

        @Test
        void aChannelThatBelongsToAnotherOpenIncidentIsRefusedByName() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            Reply refused = in("C-OPS", BOB, "declare here sev1 Payments are down");
            assertThat(refused.visibility()).isEqualTo(Reply.Visibility.SENDER);
            assertThat(refused.text()).contains("#c-ops already belongs to INC-1 (sev2, investigating: Checkout is slow)");
            assertThat(store.openIncidents()).containsExactly(INC1);
        }

        @Test
        void theChannelOfAClosedIncidentMayBeBoundAgain() {
            kit.close();
            kit = kit(IncidentKit.Builder::neverArchiveChannels);
            in("C-OPS", ALICE, "declare here sev3 Emails are late");
            in("C-OPS", ALICE, "resolve");
            in("C-OPS", ALICE, "close");
            assertThat(in("C-OPS", BOB, "declare here sev3 Emails are late again").visibility()).isEqualTo(Reply.Visibility.CHANNEL);
            assertThat(kit.incidentOf("C-OPS")).contains(INC2);
        }

        @Test
        void withoutAChannelItExplainsWhatToType() {
            Reply r = kit.handle(java.util.Optional.empty(), new dev.incidentkit.incident.Command.DeclareHere(
                    new dev.incidentkit.incident.Command.Declare(dev.incidentkit.incident.Severity.SEV2, "Slow", false)), ALICE, "");
            assertThat(r.text()).contains("`declare here` binds the channel it is typed in");
        }
    }

    @Nested
    final class MoveChannel {
        @Test
        void theImocMovesTheIncidentAndTheKickOffTopicAndBookmarksFollow() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            Reply moved = in("C-OPS", ALICE, "channel <#C-WAR|war-room>");
            assertThat(moved.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
            assertThat(moved.text()).contains("Channel #war-room bound to the incident", "type commands there from now on");
            assertThat(incident(INC1).channel()).map(ChannelBound::channelId).contains("C-WAR");
            assertThat(callsIn("invite", "C-WAR")).singleElement();
            assertThat(callsIn("setTopic", "C-WAR")).singleElement();
            assertThat(callsIn("post", "C-WAR")).extracting(c -> ((ChatMessage) c.arg(1)).kind())
                    .startsWith(ChatMessage.Kind.KICKOFF);
            assertThat(chat.calls("pin")).hasSize(2);
            assertThat(kit.incidentOf("C-WAR")).contains(INC1);
            assertThat(kit.incidentOf("C-OPS")).isEmpty();
            assertThat(store.incidentOfChannel("C-OPS")).isEmpty();
            assertThat(in("C-OPS", ALICE, "note from the old channel").text()).startsWith("Which incident?");
            assertThat(in("C-WAR", ALICE, "note from the new one").text()).contains("Note: from the new one");
        }

        @Test
        void bookmarksAreAddedAgainInTheNewChannel() {
            kit.close();
            dev.incidentkit.testkit.fakes.RecordingPager pager = new dev.incidentkit.testkit.fakes.RecordingPager();
            kit = kit(b -> b.pager(pager));
            in("C-OPS", ALICE, "declare here sev1 Checkout is failing"); // the page is bookmarked
            assertThat(callsIn("bookmark", "C-OPS")).hasSize(1);
            in("C-OPS", ALICE, "channel <#C-WAR|war-room>");
            assertThat(callsIn("bookmark", "C-WAR")).singleElement().satisfies(c -> assertThat(c.arg(1)).isEqualTo("page for Alice"));
        }

        @Test
        void aMoveBeforeTheChannelWasCreatedLeavesNothingToCreate() {
            chat.failNext(1); // the channel cannot be created yet
            kit.handle(new ChatRequest(ALICE, "C-general", "declare sev2 Checkout is slow"));
            assertThat(chat.calls("createChannel")).isEmpty();
            kit.handle(new ChatRequest(ALICE, "C-general", "INC-1 channel <#C-WAR|war-room>"));
            clock.advance(Duration.ofMinutes(1));
            kit.tick();
            assertThat(chat.attempts()).filteredOn(c -> c.method().equals("createChannel")).hasSize(1);
            assertThat(chat.calls("createChannel")).isEmpty();
            assertThat(incident(INC1).all(ChannelBound.class)).extracting(ChannelBound::channelId).containsExactly("C-WAR");
            assertThat(callsIn("post", "C-WAR")).extracting(c -> ((ChatMessage) c.arg(1)).kind()).contains(ChatMessage.Kind.KICKOFF);
        }

        @Test
        void onlyTheImocMayMoveIt() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            Reply refused = in("C-OPS", BOB, "channel <#C-WAR|war-room>");
            assertThat(refused.visibility()).isEqualTo(Reply.Visibility.SENDER);
            assertThat(refused.text()).startsWith("Only the IMOC (Alice) may move the channel of INC-1");
            assertThat(incident(INC1).channel()).map(ChannelBound::channelId).contains("C-OPS");
        }

        @Test
        void aChannelOfAnotherOpenIncidentIsRefusedByName() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            in("C-PAY", ALICE, "declare here sev1 Payments are down");
            Reply refused = in("C-OPS", ALICE, "channel <#C-PAY|c-pay>");
            assertThat(refused.text()).contains("#c-pay already belongs to INC-2 (sev1, investigating: Payments are down)",
                    "move INC-2 elsewhere first");
            assertThat(kit.incidentOf("C-PAY")).contains(INC2);
        }

        @Test
        void theSameChannelIsRefusedAndABareNameExplainsHowToPickIt() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            assertThat(in("C-OPS", ALICE, "channel <#C-OPS|c-ops>").text()).startsWith("INC-1 is already in #c-ops");
            assertThat(in("C-OPS", ALICE, "channel #war-room").text())
                    .startsWith("Pick the channel from the list that opens as you type #").contains("`channel #<channel>`");
        }

        @Test
        void aMoveByAnotherReplicaIsSeenAtOnce() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            assertThat(kit.incidentOf("C-OPS")).contains(INC1); // cached
            try (IncidentKit other = kit(b -> b)) {
                other.handle(new ChatRequest(ALICE, "C-OPS", "channel <#C-WAR|war-room>"));
            }
            assertThat(kit.incidentOf("C-OPS")).isEmpty();
            assertThat(kit.incidentOf("C-WAR")).contains(INC1);
        }
    }

    @Nested
    final class Archive {
        void closeAt(String channel) {
            in(channel, ALICE, "declare here sev3 Emails are late");
            in(channel, ALICE, "resolve");
            in(channel, ALICE, "close");
        }

        @Test
        void theChannelIsArchivedADayAfterCloseWithALastMessageSayingWhereTheReportIs() {
            closeAt("C-OPS");
            clock.advance(Duration.ofHours(23));
            kit.tick();
            assertThat(chat.archived()).isEmpty();
            clock.advance(Duration.ofHours(1));
            kit.tick();
            assertThat(chat.archived()).containsExactly("C-OPS");
            ChatMessage last = chat.posted().get(chat.posted().size() - 1);
            assertThat(last.text()).contains("INC-1 is closed. Service-disruption report: https://", "Archiving this channel now");
            assertThat(incident(INC1).all(ReminderFired.class)).extracting(ReminderFired::key)
                    .containsExactly("archive-channel:" + incident(INC1).last(dev.incidentkit.incident.Closed.class).orElseThrow().seq());
            clock.advance(Duration.ofDays(3));
            kit.tick();
            assertThat(chat.archived()).as("once").hasSize(1);
        }

        @Test
        void anIncidentOfATypeWithRemindersOfItsOwnIsArchivedToo() {
            kit.close();
            kit = kit(b -> b.incidentType(dev.incidentkit.IncidentType.builder("quiet").reminders(List.of()).build()));
            in("C-OPS", ALICE, "declare here --type quiet sev3 Emails are late");
            in("C-OPS", ALICE, "resolve");
            in("C-OPS", ALICE, "close");
            clock.advance(Duration.ofDays(1));
            kit.tick();
            assertThat(chat.archived()).as("archiving is the kit's, not one of the type's reminders").containsExactly("C-OPS");
        }

        @Test
        void theDelayIsConfigurable() {
            kit.close();
            kit = kit(b -> b.archiveChannelsAfterClose(Duration.ofHours(2)));
            closeAt("C-OPS");
            clock.advance(Duration.ofHours(2));
            kit.tick();
            assertThat(chat.archived()).containsExactly("C-OPS");
        }

        @Test
        void neverMeansNever() {
            kit.close();
            kit = kit(IncidentKit.Builder::neverArchiveChannels);
            closeAt("C-OPS");
            clock.advance(Duration.ofDays(30));
            kit.tick();
            assertThat(chat.archived()).isEmpty();
        }

        @Test
        void aPlatformThatCannotArchiveIsNotAskedAndTheChannelIsToldSo() {
            kit.close();
            chat = new RecordingChatGateway(java.util.EnumSet.complementOf(java.util.EnumSet.of(ChatGateway.Capability.ARCHIVE)));
            kit = kit(b -> b);
            closeAt("C-OPS");
            clock.advance(Duration.ofDays(1));
            kit.tick();
            assertThat(chat.calls("archive")).isEmpty();
            assertThat(chat.posted().get(chat.posted().size() - 1).text()).contains("cannot archive channels, so this channel was not archived");
        }

        @Test
        void aFailedArchiveIsRetried() {
            closeAt("C-OPS");
            clock.advance(Duration.ofDays(1));
            chat.failNext(1);
            kit.tick(); // the post fails
            assertThat(chat.archived()).isEmpty();
            clock.advance(Duration.ofMinutes(5));
            kit.tick();
            assertThat(chat.archived()).containsExactly("C-OPS");
        }

        @Test
        void aChannelWithOpenFollowUpsStaysUntilADayAfterTheLastIsDone() {
            in("C-OPS", ALICE, "declare here sev3 Emails are late");
            in("C-OPS", ALICE, "followup Alert on queue depth");
            in("C-OPS", ALICE, "resolve");
            in("C-OPS", ALICE, "close");
            for (int day = 0; day < 8; day++) {
                clock.advance(Duration.ofDays(1));
                kit.tick();
            }
            assertThat(chat.archived()).isEmpty();
            assertThat(chat.posted()).anyMatch(m -> m.text().contains("still has 1 open follow-up"));
            in("C-OPS", ALICE, "followup done 1");
            clock.advance(Duration.ofHours(23));
            kit.tick();
            assertThat(chat.archived()).isEmpty();
            clock.advance(Duration.ofHours(1));
            kit.tick();
            assertThat(chat.archived()).containsExactly("C-OPS");
        }

        @Test
        void anIncidentStillOpenIsNeverArchived() {
            in("C-OPS", ALICE, "declare here sev3 Emails are late");
            in("C-OPS", ALICE, "resolve");
            clock.advance(Duration.ofDays(5));
            kit.tick();
            assertThat(chat.archived()).isEmpty();
        }
    }

    @Nested
    final class Tldr {
        @Test
        void theAskerAloneGetsASummaryFromTheTimeline() {
            in("C-OPS", ALICE, "declare here sev2 Checkout is slow");
            in("C-OPS", ALICE, "assign comms @bob");
            clock.advance(Duration.ofMinutes(5));
            in("C-OPS", ALICE, "impact started 10m ago");
            for (int i = 1; i <= 7; i++) {
                in("C-OPS", BOB, "note step " + i);
            }
            in("C-OPS", ALICE, "update investigating: We are looking into slow checkouts");
            in("C-OPS", ALICE, "followup Alert on checkout latency");
            clock.advance(Duration.ofMinutes(12));
            Reply tldr = in("C-OPS", new PersonRef("carol", "Carol"), "tldr");
            assertThat(tldr.visibility()).isEqualTo(Reply.Visibility.SENDER);
            assertThat(tldr.text())
                    .startsWith("*TL;DR INC-1 · SEV2 · Checkout is slow*")
                    .contains("What is wrong: Checkout is slow. SEV2", "investigating, declared 17m ago by Alice, in #c-ops")
                    .contains("Roles: IMOC Alice, communications lead bob.")
                    .contains("Impact: since 2026-11-24 13:55 UTC, still going (22m so far).")
                    .contains("Last public update: 12m ago by Alice (investigating): \"We are looking into slow checkouts\"")
                    .contains("Last 5 notes (of 7):", "Bob: step 3", "Bob: step 7")
                    .doesNotContain("step 2")
                    .contains("Open follow-ups: #1 Alert on checkout latency.")
                    .contains("Reminders due next:");
            assertThat(incident(INC1).timeline()).as("tldr changes nothing").noneMatch(e -> e.by().id().equals("carol"));
        }

        @Test
        void aFreshIncidentSaysWhatIsMissing() {
            in("C-OPS", ALICE, "declare here sev3 Emails are late");
            assertThat(in("C-OPS", ALICE, "summary").text())
                    .contains("Impact: not recorded yet", "Last public update: none yet", "Notes: none yet.",
                            "Open follow-ups: none.", "Reminders due next:\n• in ");
        }

        @Test
        void aPersonJoiningAnOpenIncidentsChannelIsShownItWhenConfigured() {
            in("C-OPS", ALICE, "declare here sev3 Emails are late");
            assertThat(kit.joined("C-OPS", BOB)).as("off by default").isEmpty();
            kit.close();
            kit = kit(b -> b.tldrOnJoin(true));
            assertThat(kit.joined("C-OPS", BOB)).get().satisfies(r -> {
                assertThat(r.visibility()).isEqualTo(Reply.Visibility.SENDER);
                assertThat(r.text()).startsWith("*TL;DR INC-1 · SEV3 · Emails are late*");
            });
            assertThat(kit.joined("C-RANDOM", BOB)).as("not an incident's channel").isEmpty();
            in("C-OPS", ALICE, "resolve");
            in("C-OPS", ALICE, "close");
            assertThat(kit.joined("C-OPS", BOB)).as("closed").isEmpty();
        }

        @Test
        void itTakesNoText() {
            in("C-OPS", ALICE, "declare here sev3 Emails are late");
            assertThat(in("C-OPS", ALICE, "tldr please").text()).startsWith("This command takes no text");
        }
    }
}
