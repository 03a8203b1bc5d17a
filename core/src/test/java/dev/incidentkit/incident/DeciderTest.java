package dev.incidentkit.incident;

import static dev.incidentkit.incident.EventTypesTest.ALICE;
import static dev.incidentkit.incident.EventTypesTest.BOB;
import static dev.incidentkit.incident.EventTypesTest.ID;
import static dev.incidentkit.incident.EventTypesTest.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class DeciderTest {
    private static final Clock CLOCK = Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC);
    private static final Pattern SNIPPET = Pattern.compile("`([^`]+)`");

    private final Decider decider = new Decider(CLOCK);
    private final CommandParser parser = CommandParser.create(CLOCK, ZoneOffset.UTC);
    private final List<Decision.Rejected> rejections = new ArrayList<>();

    private Incident run(Incident incident, String... commands) {
        for (String text : commands) {
            Command command = ((ParseResult.Parsed) parser.parse(text)).command();
            Decision d = decider.decide(incident, command, ALICE);
            assertThat(d).as(text).isInstanceOf(Decision.Accepted.class);
            for (IncidentEvent e : d.events()) {
                incident = incident.evolve(e);
            }
        }
        return incident;
    }

    private Decision.Rejected rejected(Incident incident, String text) {
        ParseResult parsed = parser.parse(text);
        assertThat(parsed).as(text).isInstanceOf(ParseResult.Parsed.class);
        Decision d = decider.decide(incident, ((ParseResult.Parsed) parsed).command(), ALICE);
        assertThat(d).as(text).isInstanceOf(Decision.Rejected.class);
        Decision.Rejected r = (Decision.Rejected) d;
        rejections.add(r);
        assertSuggestionsParse(r);
        return r;
    }

    /** Every concrete command a rejection suggests must itself parse: the advice cannot go stale. */
    private void assertSuggestionsParse(Decision.Rejected r) {
        Matcher m = SNIPPET.matcher(r.instead());
        int found = 0;
        while (m.find()) {
            found++;
            String snippet = m.group(1);
            if (!snippet.contains("<") && !snippet.equals("declare")) {
                assertThat(parser.parse(snippet)).as("suggested `%s` in %s", snippet, r.instead())
                        .isInstanceOf(ParseResult.Parsed.class);
            }
        }
        assertThat(found).as("a rejection shows what to type: %s", r.instead()).isPositive();
    }

    private Incident declared() {
        return run(Incident.undeclared(ID), "declare sev1 Checkout is failing");
    }

    @Test
    void declaringMakesTheDeclarerImoc() {
        Decision d = decider.decide(Incident.undeclared(ID), new Command.Declare(Severity.SEV1, "Checkout", true), ALICE);
        assertThat(d.events()).hasSize(2);
        assertThat(d.events().get(0)).isEqualTo(new Declared(1, CLOCK.instant(), ALICE, ID, "Checkout", Severity.SEV1, true));
        assertThat(d.events().get(1)).isEqualTo(new RoleAssigned(2, CLOCK.instant(), ALICE, Role.IMOC, ALICE));
    }

    @Test
    void declaringTwiceIsRejected() {
        assertThat(rejected(declared(), "declare sev2 again").message())
                .startsWith("INC-42 is already declared (sev1, investigating). To add to it, type `note <text>`");
    }

    @Test
    void anythingButDeclareOnANewIncidentIsRejected() {
        assertThat(rejected(Incident.undeclared(ID), "note hello").message())
                .isEqualTo("INC-42 has not been declared. Declare it first, e.g. `declare sev2 Checkout is slow`");
        assertThat(rejected(Incident.undeclared(ID), "timeline").reason()).isEqualTo("INC-42 has not been declared");
    }

    @Test
    void helpIsAlwaysAccepted() {
        assertThat(decider.decide(Incident.undeclared(ID), new Command.Help(Optional.empty()), ALICE).isAccepted()).isTrue();
    }

    @Test
    void aClosedIncidentAcceptsNoChange() {
        Incident closed = run(declared(), "resolve", "close");
        assertThat(rejected(closed, "note too late").message()).isEqualTo(
                "INC-42 is closed, which is final: nothing about it can change. "
                        + "For anything new, declare a new incident, e.g. `declare sev3 Checkout errors are back`");
        assertThat(rejected(closed, "reopen").reason()).contains("closed, which is final");
        assertThat(decider.decide(closed, new Command.ShowTimeline(), ALICE).isAccepted()).isTrue();
    }

    @Test
    void aCancelledIncidentAcceptsNoChange() {
        Incident cancelled = run(declared(), "cancel false alarm");
        assertThat(rejected(cancelled, "sev 2").reason()).isEqualTo("INC-42 is cancelled, which is final: nothing about it can change");
    }

    @Test
    void movingToTheSameStatusIsRejected() {
        assertThat(rejected(declared(), "status investigating").message()).isEqualTo(
                "INC-42 is already investigating. To move on, type `status <identified|monitoring|resolved>`");
    }

    @Test
    void anIllegalTransitionNamesTheLegalOnes() {
        Incident resolved = run(declared(), "resolve");
        assertThat(rejected(resolved, "status identified").message()).isEqualTo(
                "An incident cannot go from resolved to identified; from resolved it can go to investigating, closed. "
                        + "To reopen it, type `reopen`; to finish, type `close`");
        assertThat(rejected(resolved, "update monitoring: still watching").reason())
                .isEqualTo("An incident cannot go from resolved to monitoring; from resolved it can go to investigating, closed");
    }

    @Test
    void resolvingTwiceIsRejected() {
        assertThat(rejected(run(declared(), "resolve"), "resolve").message())
                .isEqualTo("INC-42 is already resolved. Type `close` once the service-disruption report is done");
    }

    @Test
    void theSameSeverityIsRejected() {
        assertThat(rejected(declared(), "sev1").message())
                .isEqualTo("INC-42 is already sev1. To change it, type `sev <1-4>`, e.g. `sev 2`");
    }

    @Test
    void givingARoleToItsHolderIsRejected() {
        assertThat(rejected(declared(), "imoc @alice").message())
                .isEqualTo("Alice is already the IMOC of INC-42. To give the role to someone else, type `assign imoc @name`");
        assertThat(rejected(declared(), "handoff @alice").reason()).isEqualTo("Alice is already the IMOC of INC-42");
    }

    @Test
    void aMilestoneInTheFutureIsRejected() {
        String future = T.plusSeconds(3600).toString();
        assertThat(rejected(declared(), "impact started " + future).message()).isEqualTo(
                "The time given for impact started (" + future + ") is in the future. "
                        + "Give a time that has passed, e.g. `impact started 10m ago`");
    }

    @Test
    void onlyAResolvedIncidentCanBeClosed() {
        assertThat(rejected(declared(), "close").message()).isEqualTo(
                "INC-42 is investigating; only a resolved incident can be closed. "
                        + "Resolve it first with `resolve`, then type `close` once the service-disruption report is done");
    }

    @Test
    void aResolvedIncidentCannotBeCancelled() {
        assertThat(rejected(run(declared(), "resolve"), "cancel oops").message()).isEqualTo(
                "INC-42 is resolved; only an incident in progress can be cancelled as a false alarm. "
                        + "Type `close` once the report is done, or `reopen` if it is not over");
    }

    @Test
    void declaringHereBindsTheChannelItWasTypedIn() {
        Command here = ((ParseResult.Parsed) parser.parse("declare here sev2 Checkout is slow")).command();
        Decision d = decider.decide(Incident.undeclared(ID), here, ALICE,
                new Context(java.util.Optional.empty(), List.of()).in(new Context.Channel("C-OPS", "ops")));
        assertThat(d.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Declared", "RoleAssigned", "ChannelBound");
        assertThat(d.events()).extracting(IncidentEvent::seq).containsExactly(1L, 2L, 3L);
        Incident incident = Incident.replay(ID, d.events());
        assertThat(incident.channel()).map(ChannelBound::channelId).contains("C-OPS");
        assertThat(incident.severity()).isEqualTo(Severity.SEV2);
    }

    @Test
    void declaringHereWithoutAChannelOrTwiceIsRejected() {
        Decision.Rejected r = rejected(Incident.undeclared(ID), "declare here sev2 Checkout is slow");
        assertThat(r.reason()).isEqualTo("`declare here` binds the channel it is typed in, and this command came from no channel");
        Command here = ((ParseResult.Parsed) parser.parse("declare here sev2 Again")).command();
        Decision twice = decider.decide(declared(), here, ALICE,
                new Context(java.util.Optional.empty(), List.of()).in(new Context.Channel("C-OPS", "ops")));
        assertThat(((Decision.Rejected) twice).message()).startsWith("INC-42 is already declared");
    }

    @Test
    void movingTheChannelBindsTheNewOneAndTheSameOneIsRejected() {
        Incident moved = run(declared(), "channel <#C-WAR|war-room>");
        assertThat(moved.channel()).map(ChannelBound::channelId).contains("C-WAR");
        assertThat(moved.channel().orElseThrow().by()).isEqualTo(ALICE);
        Decision.Rejected r = rejected(moved, "channel <#C-WAR|war-room>");
        assertThat(r.reason()).isEqualTo("INC-42 is already in #war-room");
        Incident closed = run(declared(), "resolve", "close");
        assertThat(rejected(closed, "channel <#C-WAR|war-room>").message()).contains("which is final");
    }

    @Test
    void tldrChangesNothing() {
        assertThat(decider.decide(declared(), new Command.ShowSummary(), BOB).events()).isEmpty();
        assertThat(rejected(Incident.undeclared(ID), "tldr").message()).contains("has not been declared");
    }

    @Test
    void everyRejectionSaysWhatToTypeInstead() {
        declaringTwiceIsRejected();
        anIllegalTransitionNamesTheLegalOnes();
        aMilestoneInTheFutureIsRejected();
        assertThat(rejections).isNotEmpty().allSatisfy(r -> assertThat(r.instead()).contains("`"));
    }

    @Test
    void aTemplateNeedsAStatusPageToReadItFrom() {
        Decision.Rejected r = rejected(declared(), "template Checkout degraded");
        assertThat(r.message()).contains("no status page is configured").contains("`Checkout degraded`");
        assertThat(r.instead()).contains("`update investigating:");
        assertThat(rejected(run(declared(), "resolve", "close"), "template Checkout degraded").message()).contains("final");
    }

    @Test
    void anUpdateWithANewStatusMovesTheIncidentFirst() {
        Decision d = decider.decide(declared(),
                new Command.PublishUpdate(Optional.of(IncidentStatus.MONITORING), "Fix deployed"), ALICE);
        assertThat(d.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StatusChanged", "StatusUpdatePublished");
    }

    @Test
    void resolvingRecordsMitigationIfNobodyDid() {
        Incident resolved = run(declared(), "resolve");
        assertThat(resolved.milestones()).containsEntry(Milestone.MITIGATED, CLOCK.instant());
        Incident mitigatedFirst = run(declared(), "mitigated 5m ago", "resolve");
        assertThat(mitigatedFirst.milestones()).containsEntry(Milestone.MITIGATED, CLOCK.instant().minusSeconds(300));
        assertThat(mitigatedFirst.all(MilestoneRecorded.class)).hasSize(1);
    }

    @Test
    void assigningAHeldRoleHandsItOff() {
        Incident i = run(declared(), "assign comms @bob", "comms <@U024BE7LH|Bob>", "imoc <@U024BE7LH|Bob>");
        assertThat(i.all(RoleAssigned.class)).extracting(RoleAssigned::role).containsExactly(Role.IMOC, Role.COMMUNICATIONS_LEAD);
        assertThat(i.all(HandedOff.class)).extracting(HandedOff::to).containsOnly(BOB);
        assertThat(i.imoc()).contains(BOB);
    }

    @Test
    void followUpsAreNumbered() {
        Incident i = run(declared(), "followup one", "fu two", "resolve", "todo three");
        assertThat(i.followUps()).extracting(FollowUpAdded::number).containsExactly(1, 2, 3);
    }

    @Test
    void onlyAPagedPersonCanAcknowledge() {
        assertThat(rejected(declared(), "ack").message()).isEqualTo(
                "There is no page for Alice to acknowledge in INC-42. To say you are on it, add a note: `note on it`");
        Incident paged = declared().evolve(new Paged(3, T, PersonRef.BOT, ALICE, "declared SEV1"));
        assertThat(paged.unacknowledgedPages()).containsExactly(ALICE);
        Incident acked = run(paged, "ack");
        assertThat(acked.unacknowledgedPages()).isEmpty();
        assertThat(acked.last(PageAcknowledged.class)).hasValueSatisfying(a -> assertThat(a.target()).isEqualTo(ALICE));
    }

    @Test
    void handOffWithoutANameAsksForCandidates() {
        Decision d = decider.decide(declared(), new Command.HandOff(Optional.empty()), ALICE);
        assertThat(d.events()).singleElement().isInstanceOf(HandOffRequested.class);
    }

    @Test
    void theFirstOfferedCandidateToAcceptBecomesImoc() {
        Incident incident = run(declared(), "handoff", "offer handoff @bob", "offer handoff @carol");
        assertThat(incident.openHandOffOffers(Role.IMOC)).extracting(PersonRef::id).containsExactly("bob", "carol");
        Decision accepted = decider.decide(incident, new Command.AcceptHandOff(), PersonRef.of("carol"));
        assertThat(accepted.events()).singleElement()
                .isEqualTo(new HandedOff(incident.version() + 1, CLOCK.instant(), PersonRef.of("carol"), Role.IMOC, ALICE,
                        PersonRef.of("carol")));
        Incident after = incident.evolve(accepted.events().get(0));
        assertThat(after.imoc()).contains(PersonRef.of("carol"));
        assertThat(after.openHandOffOffers(Role.IMOC)).isEmpty();
        Decision late = decider.decide(after, new Command.AcceptHandOff(), PersonRef.of("bob"));
        assertThat(late).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected) late).reason()).contains("has not been offered to bob");
    }

    @Test
    void offeringToTheImocOrTwiceIsRejected() {
        assertThat(rejected(declared(), "offer handoff @alice").reason()).contains("already the IMOC");
        Incident offered = run(declared(), "offer handoff @bob");
        assertThat(rejected(offered, "offer handoff @bob").reason()).contains("already been offered to bob");
        assertThat(rejected(declared(), "accept handoff").reason()).contains("Alice is already the IMOC");
    }

    @Test
    void snoozeAndMuteAreRecordedWithTheirEnd() {
        Incident incident = run(declared(), "remind me in 15m", "mute status reminders for 1h");
        assertThat(incident.snoozedUntil(ALICE)).contains(CLOCK.instant().plusSeconds(900));
        assertThat(incident.mutedUntil("status-update")).contains(CLOCK.instant().plusSeconds(3600));
        assertThat(incident.mutedUntil("silence")).isEmpty();
        assertThat(rejected(incident, "remind me in 2d").reason()).contains("at most 1d");
        assertThat(rejected(incident, "mute status reminders for 8d").reason()).contains("at most 7d");
    }
}
