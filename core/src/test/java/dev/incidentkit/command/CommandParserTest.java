package dev.incidentkit.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Command.AddNote;
import dev.incidentkit.incident.Command.AssignRole;
import dev.incidentkit.incident.Command.ChangeSeverity;
import dev.incidentkit.incident.Command.ChangeStatus;
import dev.incidentkit.incident.Command.Declare;
import dev.incidentkit.incident.Command.PublishUpdate;
import dev.incidentkit.incident.Command.RecordMilestone;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CommandParserTest {
    /** 09:30 in Berlin (UTC+1 in November). */
    private static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final CommandParser parser = CommandParser.create(Clock.fixed(NOW, BERLIN), BERLIN);

    private Command command(String text) {
        ParseResult r = parser.parse(text);
        assertThat(r).as(text).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).command();
    }

    private String usage(String text) {
        ParseResult r = parser.parse(text);
        assertThat(r).as(text).isInstanceOf(ParseResult.Unparsed.class);
        return ((ParseResult.Unparsed) r).message();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "declare sev1 Checkout is failing", "DECLARE SEV1 Checkout is failing", "declare   sev 1   Checkout is failing",
        "declare s1 Checkout is failing", "declare SEV-1 Checkout is failing", "/incident declare sev1 Checkout is failing",
        "  declare p1 Checkout is failing  "})
    void declareForgivesCaseSpacesAndAliases(String text) {
        assertThat(command(text)).isEqualTo(new Declare(Severity.SEV1, "Checkout is failing", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"declare --drill sev2 Practice run", "declare sev2 --drill Practice run",
        "declare sev2 Practice run --drill", "declare drill sev2 Practice run"})
    void declareADrill(String text) {
        assertThat(command(text)).isEqualTo(new Declare(Severity.SEV2, "Practice run", true));
    }

    @Test
    void controlCharactersNeverReachTheTimeline() {
        assertThat(command("note a\u0000b\u0007c\nsecond line")).isEqualTo(new Command.AddNote("abc\nsecond line"));
        assertThat(command("declare sev2 Search\u0000 is slow")).isEqualTo(new Declare(Severity.SEV2, "Search is slow", false));
    }

    @Test
    void tooLongTextIsRefusedWithTheLimit() {
        assertThat(usage("note " + "x".repeat(300_000))).startsWith("note text is 300000 characters; the limit is 3000");
        assertThat(usage("declare sev1 " + "y".repeat(201))).startsWith("title is 201 characters; the limit is 200");
        assertThat(usage("update investigating: " + "z".repeat(3_001))).contains("the limit is 3000");
        assertThat(command("note " + "x".repeat(3_000))).isInstanceOf(Command.AddNote.class);
    }

    @Test
    void aTitleKeepsItsOwnSpacingAndCase() {
        assertThat(command("declare sev3 API  returns 502 for EU")).isEqualTo(new Declare(Severity.SEV3, "API  returns 502 for EU", false));
    }

    @Test
    void declareWithoutSeverityExplainsTheSeverities() {
        assertThat(usage("declare Checkout is failing"))
                .startsWith("How bad is it? Start with a severity: sev1 = critical")
                .contains("Usage: `declare [--drill] [--private] [--type <type>] <sev1-4> <what is wrong>`, e.g. `declare sev1 Checkout is failing`");
        assertThat(usage("declare sev1")).startsWith("Say what is wrong, in a few words. Usage:");
    }

    @Test
    void theCommandsOfTheIssue() {
        assertThat(command("note rolled back deploy 1234")).isEqualTo(new AddNote("rolled back deploy 1234"));
        assertThat(command("status identified")).isEqualTo(new ChangeStatus(IncidentStatus.IDENTIFIED));
        assertThat(command("update monitoring: Fix deployed, we are watching error rates"))
                .isEqualTo(new PublishUpdate(Optional.of(IncidentStatus.MONITORING), "Fix deployed, we are watching error rates"));
        assertThat(command("sev 2")).isEqualTo(new ChangeSeverity(Severity.SEV2));
        assertThat(command("imoc @alice")).isEqualTo(new AssignRole(Role.IMOC, PersonRef.of("alice")));
        assertThat(command("assign comms @bob")).isEqualTo(new AssignRole(Role.COMMUNICATIONS_LEAD, PersonRef.of("bob")));
        assertThat(command("mitigated")).isEqualTo(new RecordMilestone(Milestone.MITIGATED, Optional.empty()));
        assertThat(command("followup Add alert on checkout 5xx")).isEqualTo(new Command.AddFollowUp("Add alert on checkout 5xx"));
        assertThat(command("resolve")).isEqualTo(new Command.Resolve());
        assertThat(command("close")).isEqualTo(new Command.Close());
        assertThat(command("cancel declared by mistake")).isEqualTo(new Command.Cancel("declared by mistake"));
        assertThat(command("handoff")).isEqualTo(new Command.HandOff(Optional.empty()));
        assertThat(command("timeline")).isEqualTo(new Command.ShowTimeline());
        assertThat(command("help")).isEqualTo(new Command.Help(Optional.empty()));
        assertThat(command("reopen")).isEqualTo(new Command.Reopen());
    }

    @Test
    void aTemplateIsPostedByNameAndRendersBack() {
        assertThat(command("template Checkout degraded")).isEqualTo(new Command.PostTemplate("Checkout degraded"));
        assertThat(command("INC-42 post template  db-failover ")).isEqualTo(new Command.PostTemplate("db-failover"));
        assertThat(CommandParser.render(new Command.PostTemplate("Checkout degraded"))).isEqualTo("template Checkout degraded");
        assertThat(usage("template")).startsWith("Name the status page template to post. Usage: `template <name>`");
        assertThat(command("update template text changed")).isEqualTo(new PublishUpdate(Optional.empty(), "template text changed"));
    }

    @Test
    void severityAlone() {
        assertThat(command("sev1")).isEqualTo(new ChangeSeverity(Severity.SEV1));
        assertThat(command("SEV 3")).isEqualTo(new ChangeSeverity(Severity.SEV3));
        assertThat(command("s2")).isEqualTo(new ChangeSeverity(Severity.SEV2));
        assertThat(usage("sev 7")).isEqualTo("Give a severity from 1 (most severe) to 4 (got `7`). Usage: `sev <1-4>`, e.g. `sev 2`");
    }

    @Test
    void slackMentionsAreReadAsPeople() {
        assertThat(command("assign tech <@U024BE7LH|Bob Smith>"))
                .isEqualTo(new AssignRole(Role.TECHNICAL_LEAD, new PersonRef("U024BE7LH", "Bob Smith")));
        assertThat(command("handoff <@U024BE7LH>")).isEqualTo(new Command.HandOff(Optional.of(PersonRef.of("U024BE7LH"))));
        assertThat(usage("assign comms @bob @carol")).startsWith("Name one person, like @alice (got `@bob @carol`)");
        assertThat(usage("assign boss @bob")).startsWith("Name a role: imoc, comms, tech or scribe (got `boss`)");
    }

    @Test
    void aLeadingIncidentIdNamesTheIncident() {
        ParseResult r = parser.parse("inc-42 note from elsewhere");
        assertThat(r).isEqualTo(new ParseResult.Parsed(Optional.of(IncidentId.of(42)), new AddNote("from elsewhere")));
        assertThat(parser.parse("note INC-7 is related")).isEqualTo(
                new ParseResult.Parsed(Optional.empty(), new AddNote("INC-7 is related")));
    }

    @Test
    void clockTimesAreTheMostRecentPastInstantInTheZone() {
        // 09:02 Berlin today has passed (it is 09:30): 08:02 UTC
        assertThat(command("impact started 09:02"))
                .isEqualTo(new RecordMilestone(Milestone.IMPACT_STARTED, Optional.of(Instant.parse("2026-11-24T08:02:00Z"))));
        // 14:02 Berlin has not come yet today: yesterday's
        assertThat(command("impact started 14:02"))
                .isEqualTo(new RecordMilestone(Milestone.IMPACT_STARTED, Optional.of(Instant.parse("2026-11-23T13:02:00Z"))));
        assertThat(command("detected at 9:15:30"))
                .isEqualTo(new RecordMilestone(Milestone.DETECTED, Optional.of(Instant.parse("2026-11-24T08:15:30Z"))));
        assertThat(command("mitigated 10m ago"))
                .isEqualTo(new RecordMilestone(Milestone.MITIGATED, Optional.of(NOW.minus(Duration.ofMinutes(10)))));
        assertThat(command("impact 2026-11-24T07:00:00Z"))
                .isEqualTo(new RecordMilestone(Milestone.IMPACT_STARTED, Optional.of(Instant.parse("2026-11-24T07:00:00Z"))));
        assertThat(usage("impact started 25:00")).startsWith("`25:00` is not a time of day");
        assertThat(usage("mitigated yesterday-ish")).startsWith("Give the time as 14:02 (today, Europe/Berlin), as 10m ago");
    }

    @Test
    void updatesWithAndWithoutStatus() {
        assertThat(command("update: We are looking into it"))
                .isEqualTo(new PublishUpdate(Optional.empty(), "We are looking into it"));
        assertThat(command("update We are looking into it: more soon"))
                .isEqualTo(new PublishUpdate(Optional.empty(), "We are looking into it: more soon"));
        assertThat(command("update ident: Root cause found"))
                .isEqualTo(new PublishUpdate(Optional.of(IncidentStatus.IDENTIFIED), "Root cause found"));
        assertThat(usage("update closed: bye")).startsWith("A status update announces investigating, identified, monitoring or resolved, not closed");
        assertThat(usage("update monitoring:")).startsWith("Say what the update tells customers");
    }

    @Test
    void commandsWithoutTextRefuseText() {
        assertThat(usage("resolve it was dns")).isEqualTo(
                "This command takes no text (got `it was dns`); add a note first with `note <text>`. Usage: `resolve`, e.g. `resolve`");
    }

    @Test
    void statusNeedsARealStatus() {
        assertThat(usage("status fixed")).startsWith("Name a status: investigating, identified or monitoring (got `fixed`)");
        assertThat(command("status resolved")).isEqualTo(new Command.Resolve());
    }

    @Test
    void declareHereWrapsADeclarationAndTheLongestWordsWin() {
        assertThat(command("declare here sev2 Checkout is slow"))
                .isEqualTo(new Command.DeclareHere(new Declare(Severity.SEV2, "Checkout is slow", false)));
        assertThat(command("/incident OPEN HERE --drill s1 Payments"))
                .isEqualTo(new Command.DeclareHere(new Declare(Severity.SEV1, "Payments", true)));
        assertThat(command("declare sev2 here and there")).as("`here` after the severity is the title")
                .isEqualTo(new Declare(Severity.SEV2, "here and there", false));
        assertThat(CommandParser.render(command("declare here --drill sev3 x"))).isEqualTo("declare here --drill sev3 x");
        assertThat(usage("declare here Checkout")).startsWith("How bad is it?")
                .contains("Usage: `declare here [--drill] [--type <type>] <sev1-4> <what is wrong>`");
    }

    @Test
    void aChannelIsAPickedChannelLink() {
        assertThat(command("channel <#C0123ABCD|war-room>")).isEqualTo(new Command.MoveChannel("C0123ABCD", "war-room"));
        assertThat(command("move to <#C0123ABCD>")).isEqualTo(new Command.MoveChannel("C0123ABCD", "C0123ABCD"));
        assertThat(command("channel <#C0123ABCD|>")).isEqualTo(new Command.MoveChannel("C0123ABCD", "C0123ABCD"));
        assertThat(CommandParser.render(new Command.MoveChannel("C1", "ops"))).isEqualTo("channel <#C1|ops>");
        assertThat(usage("channel #war-room")).startsWith("Pick the channel from the list that opens as you type #")
                .contains("(got `#war-room`)", "Usage: `channel #<channel>`");
        assertThat(usage("channel")).startsWith("Name the channel to move to, like #war-room");
        assertThat(usage("channel <#C1|ops> now")).startsWith("Pick the channel");
    }

    @Test
    void tldrAndItsAliases() {
        for (String text : new String[] {"tldr", "TL;DR", "summary", "catch me up", "INC-4 tldr"}) {
            assertThat(command(text)).as(text).isEqualTo(new Command.ShowSummary());
        }
        assertThat(CommandParser.render(new Command.ShowSummary())).isEqualTo("tldr");
        assertThat(parser.help("tldr")).get().asString().contains("Also: tl;dr, summary, catch me up.");
        assertThat(parser.help("declare here")).get().asString().startsWith("`declare here [--drill]");
    }

    @Test
    void aTypoGetsTheClosestCommandsUsage() {
        assertThat(usage("nte rolled back")).isEqualTo("I don't know `nte`. Did you mean `note <text>` (add a note to the timeline)? "
                + "e.g. `note rolled back deploy 1234`. Type `help` for every command");
        assertThat(usage("declar sev1 x")).contains("Did you mean `declare [--drill] [--private] [--type <type>] <sev1-4> <what is wrong>`");
        assertThat(usage("xyzzy")).startsWith("I don't know `xyzzy`. Commands: declare, declare here, note, status, update");
    }

    @Test
    void emptyTextExplainsWhatToType() {
        assertThat(usage("   ")).startsWith("Type a command, e.g. `declare sev2 Checkout is slow`");
        assertThat(usage("/incident")).startsWith("Type a command");
        assertThat(usage("INC-42")).startsWith("Type a command");
    }

    @Test
    void helpAndParserComeFromOneTable() {
        for (String example : parser.examples()) {
            assertThat(parser.parse(example)).as(example).isInstanceOf(ParseResult.Parsed.class);
            assertThat(parser.help()).contains("e.g. `" + example + "`");
        }
        assertThat(parser.help(" UPDATE ")).hasValueSatisfying(h -> assertThat(h).startsWith("`update [--public] [<status>:] <message>`"));
        assertThat(parser.help("fu")).hasValueSatisfying(h -> assertThat(h).contains("Also: follow-up, follow up, fu, todo."));
        assertThat(parser.help("nope")).isEmpty();
    }

    @Test
    void durations() {
        assertThat(CommandParser.parseDuration("15m")).contains(Duration.ofMinutes(15));
        assertThat(CommandParser.parseDuration("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(CommandParser.parseDuration("90s")).contains(Duration.ofSeconds(90));
        assertThat(CommandParser.parseDuration("2 hours")).contains(Duration.ofHours(2));
        assertThat(CommandParser.parseDuration("1d")).contains(Duration.ofDays(1));
        assertThat(CommandParser.parseDuration("0m")).isEmpty();
        assertThat(CommandParser.parseDuration("soon")).isEmpty();
        assertThat(CommandParser.parseDuration("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\u0000", "declare", "declare --drill", "sev", "update", "update :", "assign",
        "assign imoc", "assign imoc <@", "handoff <@|>", "impact started 99:99", "impact started 1e9999 ago",
        "impact started 9999999999999999999m ago", "note \uD83D", "INC-99999999999999999999 note x", "/inc /inc note",
        "help help help", "--drill", "update investigating: ", "sev -1", "detected 00:00:60"})
    void neverThrows(String text) {
        assertThat(parser.parse(text)).isNotNull();
    }

    @Test
    void reminderAndHandOffCommands() {
        assertThat(command("remind me in 15m")).isEqualTo(new Command.Snooze(Duration.ofMinutes(15)));
        assertThat(command("Remind me in 1h30m")).isEqualTo(new Command.Snooze(Duration.ofMinutes(90)));
        assertThat(command("snooze for 10 min")).isEqualTo(new Command.Snooze(Duration.ofMinutes(10)));
        assertThat(command("mute status reminders for 1h")).isEqualTo(new Command.MuteReminders("status-update", Duration.ofHours(1)));
        assertThat(command("mute page for 30m")).isEqualTo(new Command.MuteReminders("page-ack", Duration.ofMinutes(30)));
        assertThat(command("mute silence reminders for 2h")).isEqualTo(new Command.MuteReminders("silence", Duration.ofHours(2)));
        assertThat(command("mute handoff reminders for 1h")).isEqualTo(new Command.MuteReminders("handoff", Duration.ofHours(1)));
        assertThat(command("mute report reminders for 1d")).isEqualTo(new Command.MuteReminders("report-due", Duration.ofDays(1)));
        assertThat(command("mute follow-ups reminders 2d")).isEqualTo(new Command.MuteReminders("follow-ups", Duration.ofDays(2)));
        assertThat(command("mute comms-announcements reminders for 1h"))
                .isEqualTo(new Command.MuteReminders("comms-announcements", Duration.ofHours(1)));
        assertThat(command("accept")).isEqualTo(new Command.AcceptHandOff());
        assertThat(command("accept handoff")).isEqualTo(new Command.AcceptHandOff());
        assertThat(command("offer handoff @carol")).isEqualTo(new Command.OfferHandOff(PersonRef.of("carol")));
        assertThat(usage("remind me in a bit")).contains("Say for how long").contains("remind me in <duration>");
        assertThat(usage("mute status reminders")).contains("Say for how long");
        assertThat(usage("mute Status! reminders for 1h")).contains("Name the reminders");
        assertThat(usage("accept it")).contains("takes no text");
    }
}
