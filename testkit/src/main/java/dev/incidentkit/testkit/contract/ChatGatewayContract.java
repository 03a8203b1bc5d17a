package dev.incidentkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatGateway.Capability;
import dev.incidentkit.spi.ChatGateway.Channel;
import dev.incidentkit.spi.ChatGateway.MessageRef;
import dev.incidentkit.spi.ChatGateway.Visibility;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.ChatMessage.Button;
import dev.incidentkit.spi.ChatMessage.Kind;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.PortException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link ChatGateway} keeps: a create repeated under its {@link IdempotencyKey} after
 * the platform acted makes nothing twice; every failure is a typed {@link PortException}; the platform's
 * limits are the adapter's business (a huge message or topic and an awkward channel name never fail);
 * {@link ChatGateway#capabilities() capabilities} are honoured (what is declared works, archive and
 * private channels are refused as {@code INVALID} when not declared); and no secret shows in an exception
 * or {@code toString}.
 *
 * <p>Extend it in a test class, give it a fresh gateway over a fresh fake platform for each test, a way to
 * make the platform misbehave ({@link VendorFaults}) and a way to count what the platform holds:
 *
 * <pre>{@code
 * final class SlackChatGatewayContractTest extends ChatGatewayContract {
 *     private final FakeSlack slack = new FakeSlack();
 *     private final SlackChatGateway gateway = SlackChatGateway.builder(slack.config(Duration.ofSeconds(1))).build();
 *
 *     protected ChatGateway gateway() { return gateway; }
 *     protected VendorFaults faults() { return slack.faults(); }
 *     protected int channelsAtVendor() { return slack.channels().size(); }
 *     protected int messagesAtVendor(String channelId) { return slack.messages(channelId).size(); }
 *     protected List<PersonRef> people() { return List.of(new PersonRef("U0ALICE", "Alice"), new PersonRef("U0BOB", "Bob")); }
 *     protected Set<String> secrets() { return Set.of(FakeSlack.TOKEN); }
 *     protected void close() { gateway.close(); slack.close(); }
 * }
 * }</pre>
 *
 * <p>JUnit makes a new instance of the test class for every test, so fields initialised in it are fresh
 * for each. Operations a platform lacks ({@link Capability#PIN} and the like) are skipped, not failed;
 * the kit never calls them.
 *
 * @since 0.1
 */
public abstract class ChatGatewayContract {

    /** The gateway under test, from {@link #gateway()}, set before each test. */
    protected ChatGateway chat;

    /**
     * Returns the gateway under test: fresh, over a fresh fake platform with no incident channels. Called
     * once before each test.
     *
     * @return the gateway
     */
    protected abstract ChatGateway gateway();

    /**
     * Returns how to make the platform behind {@link #gateway()} misbehave.
     *
     * @return the faults
     */
    protected abstract VendorFaults faults();

    /**
     * Returns how many channels the platform holds, of any state (archived ones too): what people would
     * see in a channel list, so a duplicate counts twice.
     *
     * @return the number of channels
     */
    protected abstract int channelsAtVendor();

    /**
     * Returns how many messages the platform holds in a channel (a message the adapter split counts once
     * per part).
     *
     * @param channelId the channel
     * @return the number of messages
     */
    protected abstract int messagesAtVendor(String channelId);

    /**
     * Returns at least two people the platform knows, who can be invited to a channel and shown an
     * ephemeral message.
     *
     * @return the people
     */
    protected abstract List<PersonRef> people();

    /**
     * Returns every secret the gateway was given (tokens, signing secrets), which must never show in an
     * exception or in {@code toString}. Empty only for an implementation that has none.
     *
     * @return the secrets
     */
    protected abstract Set<String> secrets();

    /**
     * Returns whether the platform has archived a channel. Called only when the gateway declares
     * {@link Capability#ARCHIVE}; override it then.
     *
     * @param channelId the channel
     * @return true if archived
     */
    protected boolean archivedAtVendor(String channelId) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " declares ARCHIVE: override archivedAtVendor(channelId) to say whether the platform archived it");
    }

    /**
     * Returns whether a channel is private at the platform. Called only when the gateway declares
     * {@link Capability#PRIVATE_CHANNELS}; override it then.
     *
     * @param channelId the channel
     * @return true if private
     */
    protected boolean privateAtVendor(String channelId) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " declares PRIVATE_CHANNELS: override privateAtVendor(channelId) to say whether the channel is private");
    }

    /** Releases the gateway and the fake platform; runs after each test, does nothing unless overridden. */
    protected void close() {}

    @BeforeEach
    final void createGateway() {
        chat = gateway();
    }

    @AfterEach
    final void releaseGateway() {
        close();
    }

    private boolean can(Capability capability) {
        return chat.capabilities().contains(capability);
    }

    private Channel channel(String name) {
        return chat.createChannel(name, IdempotencyKey.first("contract:" + name));
    }

    private static ChatMessage status(String text) {
        return new ChatMessage(Kind.STATUS_CHANGE, "INC-42 · SEV1 · Checkout is failing", text,
                List.of(new Button("Acknowledge", "ack")), false);
    }

    /** A message far beyond any platform's limits: about 120 000 characters of text and 80 buttons. */
    private static ChatMessage huge() {
        String text = IntStream.range(0, 3000).mapToObj(i -> "*line " + i + "* of the timeline export `code`")
                .collect(Collectors.joining("\n"));
        List<Button> buttons = IntStream.range(0, 80).mapToObj(i -> new Button("Button " + i + " " + "y".repeat(120), "note " + i))
                .toList();
        return new ChatMessage(Kind.REPORT_SUMMARY, "INC-42 report " + "t".repeat(500), text, buttons, false);
    }

    @Nested
    @DisplayName("channels")
    class Channels {

        @Test
        @DisplayName("a created channel exists at the platform, with an id and a name")
        void createdChannelExists() {
            Channel c = chat.createChannel("inc-42-checkout-is-failing", IdempotencyKey.first("INC-42:1:0"));
            assertThat(c.id()).isNotBlank();
            assertThat(c.name()).isNotBlank();
            assertThat(channelsAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("an awkward wished-for name (case, spaces, punctuation, emoji, 300 characters) still makes a channel")
        void awkwardNameIsMadeValid() {
            Channel c = chat.createChannel("INC-43 Checkout is FAILING — payments (EU)! 🔥 " + "very long ".repeat(30),
                    IdempotencyKey.first("INC-43:1:0"));
            assertThat(c.name()).isNotBlank();
            assertThat(channelsAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("inviting people, some already in, is not an error")
        void inviteToleratesPeopleAlreadyIn() {
            Channel c = channel("inc-46");
            List<PersonRef> people = people();
            assertThat(people).as("people() gives at least two people").hasSizeGreaterThanOrEqualTo(2);
            chat.invite(c.id(), List.of(people.get(0)));
            assertThatCode(() -> chat.invite(c.id(), people)).doesNotThrowAnyException();
            assertThatCode(() -> chat.invite(c.id(), List.of())).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("a topic of several lines and thousands of characters is set, cut to the platform's limit")
        void longTopicIsCut() {
            assumeTrue(can(Capability.TOPIC), "the platform has no topics");
            Channel c = channel("inc-47");
            assertThatCode(() -> chat.setTopic(c.id(), "SEV1 · investigating\nIMOC: Alice\n" + "x".repeat(5000)))
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("a bookmark is added")
        void bookmark() {
            assumeTrue(can(Capability.BOOKMARK), "the platform has no bookmarks");
            Channel c = channel("inc-48");
            assertThatCode(() -> chat.bookmark(c.id(), "Status page incident", "https://status.example.com/incidents/abc"))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("messages")
    class Messages {

        @Test
        @DisplayName("a posted message is at the platform, in its channel")
        void postedMessageExists() {
            Channel c = channel("inc-50");
            MessageRef m = chat.post(c.id(), status("Status: investigating"), IdempotencyKey.first("INC-50:2:0"));
            assertThat(m.channelId()).isEqualTo(c.id());
            assertThat(m.id()).isNotBlank();
            assertThat(messagesAtVendor(c.id())).isEqualTo(1);
        }

        @Test
        @DisplayName("two effects with the same text are two messages: nothing is de-duplicated by content")
        void sameTextDifferentKeys() {
            Channel c = channel("inc-51");
            MessageRef a = chat.post(c.id(), ChatMessage.reply("hello"), IdempotencyKey.first("INC-51:2:0"));
            MessageRef b = chat.post(c.id(), ChatMessage.reply("hello"), IdempotencyKey.first("INC-51:3:0"));
            assertThat(b).isNotEqualTo(a);
            assertThat(messagesAtVendor(c.id())).isEqualTo(2);
        }

        @Test
        @DisplayName("a message beyond every limit (text, title, buttons) is posted, split or cut, never refused")
        void hugeMessageIsPosted() {
            Channel c = channel("inc-52");
            MessageRef m = chat.post(c.id(), huge(), IdempotencyKey.first("INC-52:2:0"));
            assertThat(m.channelId()).isEqualTo(c.id());
            assertThat(messagesAtVendor(c.id())).isGreaterThanOrEqualTo(1);
        }

        @Test
        @DisplayName("a message is updated in place, even with content beyond every limit")
        void updateInPlace() {
            Channel c = channel("inc-53");
            MessageRef m = chat.post(c.id(), status("Status: investigating"), IdempotencyKey.first("INC-53:2:0"));
            chat.update(m, status("Status: resolved"));
            chat.update(m, huge());
            assertThat(messagesAtVendor(c.id())).as("an update adds no message").isEqualTo(1);
        }

        @Test
        @DisplayName("pinning a message twice is not an error")
        void pinTwice() {
            assumeTrue(can(Capability.PIN), "the platform has no pins");
            Channel c = channel("inc-54");
            MessageRef m = chat.post(c.id(), status("kick-off"), IdempotencyKey.first("INC-54:2:0"));
            chat.pin(m);
            assertThatCode(() -> chat.pin(m)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("an ephemeral message goes to one person and adds no message to the channel")
        void ephemeral() {
            assumeTrue(can(Capability.EPHEMERAL), "the platform has no ephemeral messages");
            Channel c = channel("inc-55");
            chat.invite(c.id(), people());
            chat.postEphemeral(c.id(), people().get(0), ChatMessage.reply("Only you can see this"));
            assertThat(messagesAtVendor(c.id())).isZero();
        }
    }

    @Nested
    @DisplayName("repeats under an idempotency key")
    class Repeats {

        @Test
        @DisplayName("a post that timed out after the platform acted, retried with mayExist, leaves one message")
        void timedOutPostRetried() {
            Channel c = channel("inc-60");
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(),
                    () -> chat.post(c.id(), status("Status: investigating"), IdempotencyKey.first("INC-60:2:0")));
            assertThat(messagesAtVendor(c.id())).as("the platform acted although the call timed out").isEqualTo(1);

            MessageRef again = chat.post(c.id(), status("Status: investigating"), IdempotencyKey.again("INC-60:2:0"));

            assertThat(again.channelId()).isEqualTo(c.id());
            assertThat(messagesAtVendor(c.id())).as("found, not posted again").isEqualTo(1);
        }

        @Test
        @DisplayName("a post retried with mayExist after it succeeded returns the same message and posts nothing")
        void succeededPostRetried() {
            Channel c = channel("inc-61");
            MessageRef first = chat.post(c.id(), status("Status: identified"), IdempotencyKey.first("INC-61:2:0"));
            chat.post(c.id(), ChatMessage.reply("a note in between"), IdempotencyKey.first("INC-61:3:0"));

            MessageRef again = chat.post(c.id(), status("Status: identified"), IdempotencyKey.again("INC-61:2:0"));

            assertThat(again).isEqualTo(first);
            assertThat(messagesAtVendor(c.id())).isEqualTo(2);
        }

        @Test
        @DisplayName("a post retried with mayExist after a clean failure is posted, once")
        void cleanlyFailedPostRetried() {
            Channel c = channel("inc-62");
            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(),
                    () -> chat.post(c.id(), status("Status: monitoring"), IdempotencyKey.first("INC-62:2:0")));
            faults().heal();
            assertThat(messagesAtVendor(c.id())).isZero();

            chat.post(c.id(), status("Status: monitoring"), IdempotencyKey.again("INC-62:2:0"));

            assertThat(messagesAtVendor(c.id())).isEqualTo(1);
        }

        @Test
        @DisplayName("a huge post retried with mayExist after it succeeded posts nothing")
        void succeededHugePostRetried() {
            Channel c = channel("inc-63");
            MessageRef first = chat.post(c.id(), huge(), IdempotencyKey.first("INC-63:2:0"));
            int parts = messagesAtVendor(c.id());

            MessageRef again = chat.post(c.id(), huge(), IdempotencyKey.again("INC-63:2:0"));

            assertThat(again).isEqualTo(first);
            assertThat(messagesAtVendor(c.id())).isEqualTo(parts);
        }

        @Test
        @DisplayName("a channel create that timed out after the platform acted, retried with mayExist, leaves one channel")
        void timedOutCreateRetried() {
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(),
                    () -> chat.createChannel("inc-64-checkout", IdempotencyKey.first("INC-64:0:0")));
            assertThat(channelsAtVendor()).as("the platform acted although the call timed out").isEqualTo(1);

            Channel again = chat.createChannel("inc-64-checkout", IdempotencyKey.again("INC-64:0:0"));

            assertThat(again.id()).isNotBlank();
            assertThat(channelsAtVendor()).as("found, not created again").isEqualTo(1);
        }

        @Test
        @DisplayName("a channel create retried with mayExist after it succeeded returns the same channel")
        void succeededCreateRetried() {
            Channel first = chat.createChannel("inc-65", IdempotencyKey.first("INC-65:0:0"));
            chat.createChannel("inc-66", IdempotencyKey.first("INC-66:0:0"));

            Channel again = chat.createChannel("inc-65", IdempotencyKey.again("INC-65:0:0"));

            assertThat(again).isEqualTo(first);
            assertThat(channelsAtVendor()).isEqualTo(2);
        }

        @Test
        @DisplayName("a channel create retried with mayExist after a clean failure creates one channel")
        void cleanlyFailedCreateRetried() {
            faults().refuse(PortException.Kind.UNAVAILABLE);
            Failures.expect(PortException.Kind.UNAVAILABLE, secrets(),
                    () -> chat.createChannel("inc-67", IdempotencyKey.first("INC-67:0:0")));
            faults().heal();
            assertThat(channelsAtVendor()).isZero();

            chat.createChannel("inc-67", IdempotencyKey.again("INC-67:0:0"));

            assertThat(channelsAtVendor()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("failures")
    class FailuresAreTyped {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "NOT_FOUND", "INVALID"})
        @DisplayName("a refused post is a PortException of the refusal's kind, retryable as the kind says")
        void refusedPost(PortException.Kind kind) {
            Channel c = channel("inc-70");
            faults().refuse(kind);
            Failures.expect(kind, secrets(), () -> chat.post(c.id(), ChatMessage.reply("x"), IdempotencyKey.first("INC-70:2:0")));
            faults().heal();
            assertThat(messagesAtVendor(c.id())).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = PortException.Kind.class, names = {"UNAVAILABLE", "UNAUTHORIZED", "NOT_FOUND", "INVALID"})
        @DisplayName("a refused channel create, invite or update is a PortException of the refusal's kind")
        void refusedOtherCalls(PortException.Kind kind) {
            Channel c = channel("inc-71");
            MessageRef m = chat.post(c.id(), ChatMessage.reply("x"), IdempotencyKey.first("INC-71:2:0"));
            faults().refuse(kind);
            Failures.expect(kind, secrets(), () -> chat.createChannel("inc-72", IdempotencyKey.first("INC-72:0:0")));
            Failures.expect(kind, secrets(), () -> chat.invite(c.id(), people()));
            Failures.expect(kind, secrets(), () -> chat.update(m, ChatMessage.reply("y")));
            if (can(Capability.TOPIC)) {
                Failures.expect(kind, secrets(), () -> chat.setTopic(c.id(), "SEV2"));
            }
        }

        @Test
        @DisplayName("a rate limit is RATE_LIMITED, retryable, with the platform's Retry-After")
        void rateLimited() {
            Channel c = channel("inc-73");
            faults().rateLimit(Failures.RETRY_AFTER);
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(),
                    () -> chat.post(c.id(), ChatMessage.reply("x"), IdempotencyKey.first("INC-73:2:0")));
            Failures.expect(PortException.Kind.RATE_LIMITED, secrets(),
                    () -> chat.createChannel("inc-74", IdempotencyKey.first("INC-74:0:0")));
        }

        @Test
        @DisplayName("a platform that acts but answers too late is a TIMEOUT, retryable, and posts once")
        void timeout() {
            Channel c = channel("inc-75");
            faults().actThenTimeOut();
            Failures.expect(PortException.Kind.TIMEOUT, secrets(),
                    () -> chat.post(c.id(), ChatMessage.reply("x"), IdempotencyKey.first("INC-75:2:0")));
            assertThat(messagesAtVendor(c.id())).isEqualTo(1);
        }

        @Test
        @DisplayName("the gateway's toString shows no secret")
        void toStringShowsNoSecret() {
            Failures.assertToStringShowsNoSecret(chat, secrets());
        }
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {

        @Test
        @DisplayName("a declared ARCHIVE archives the channel, and archiving it again is not an error")
        void archiveWhenDeclared() {
            assumeTrue(can(Capability.ARCHIVE), "ARCHIVE not declared");
            Channel c = channel("inc-80");
            chat.archive(c.id());
            assertThat(archivedAtVendor(c.id())).isTrue();
            assertThatCode(() -> chat.archive(c.id())).doesNotThrowAnyException();
            assertThat(channelsAtVendor()).as("an archived channel still exists").isEqualTo(1);
        }

        @Test
        @DisplayName("without ARCHIVE, archive is refused as INVALID and the channel stays")
        void archiveRefusedWhenNotDeclared() {
            assumeFalse(can(Capability.ARCHIVE), "ARCHIVE declared");
            Channel c = channel("inc-81");
            Failures.expect(PortException.Kind.INVALID, secrets(), () -> chat.archive(c.id()));
            assertThat(channelsAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("a declared PRIVATE_CHANNELS makes a private channel, public ones stay public")
        void privateWhenDeclared() {
            assumeTrue(can(Capability.PRIVATE_CHANNELS), "PRIVATE_CHANNELS not declared");
            Channel secret = chat.createChannel("inc-82-breach", Visibility.PRIVATE, IdempotencyKey.first("INC-82:0:0"));
            Channel open = chat.createChannel("inc-83", Visibility.PUBLIC, IdempotencyKey.first("INC-83:0:0"));
            assertThat(privateAtVendor(secret.id())).isTrue();
            assertThat(privateAtVendor(open.id())).isFalse();
            assertThat(channelsAtVendor()).isEqualTo(2);
        }

        @Test
        @DisplayName("a private channel create retried with mayExist after it succeeded returns the same channel")
        void privateCreateRetried() {
            assumeTrue(can(Capability.PRIVATE_CHANNELS), "PRIVATE_CHANNELS not declared");
            Channel first = chat.createChannel("inc-84-breach", Visibility.PRIVATE, IdempotencyKey.first("INC-84:0:0"));

            Channel again = chat.createChannel("inc-84-breach", Visibility.PRIVATE, IdempotencyKey.again("INC-84:0:0"));

            assertThat(again).isEqualTo(first);
            assertThat(channelsAtVendor()).isEqualTo(1);
        }

        @Test
        @DisplayName("without PRIVATE_CHANNELS, a private channel is refused as INVALID and nothing is created")
        void privateRefusedWhenNotDeclared() {
            assumeFalse(can(Capability.PRIVATE_CHANNELS), "PRIVATE_CHANNELS declared");
            Failures.expect(PortException.Kind.INVALID, secrets(),
                    () -> chat.createChannel("inc-85-breach", Visibility.PRIVATE, IdempotencyKey.first("INC-85:0:0")));
            assertThat(channelsAtVendor()).isZero();
        }

        @Test
        @DisplayName("a public channel through the visibility overload is an ordinary channel")
        void publicThroughOverload() {
            Channel c = chat.createChannel("inc-86", Visibility.PUBLIC, IdempotencyKey.first("INC-86:0:0"));
            assertThat(c.id()).isNotBlank();
            assertThat(channelsAtVendor()).isEqualTo(1);
        }
    }
}
