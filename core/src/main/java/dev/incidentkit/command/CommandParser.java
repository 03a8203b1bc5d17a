package dev.incidentkit.command;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.command.ParseResult.Parsed;
import dev.incidentkit.command.ParseResult.Unparsed;
import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Command.AcceptHandOff;
import dev.incidentkit.incident.Command.AddFollowUp;
import dev.incidentkit.incident.Command.AddNote;
import dev.incidentkit.incident.Command.AssignRole;
import dev.incidentkit.incident.Command.Cancel;
import dev.incidentkit.incident.Command.ChangeSeverity;
import dev.incidentkit.incident.Command.ChangeStatus;
import dev.incidentkit.incident.Command.Close;
import dev.incidentkit.incident.Command.Declare;
import dev.incidentkit.incident.Command.HandOff;
import dev.incidentkit.incident.Command.Help;
import dev.incidentkit.incident.Command.MuteReminders;
import dev.incidentkit.incident.Command.OfferHandOff;
import dev.incidentkit.incident.Command.PublishUpdate;
import dev.incidentkit.incident.Command.RecordMilestone;
import dev.incidentkit.incident.Command.Resolve;
import dev.incidentkit.incident.Command.ShowTimeline;
import dev.incidentkit.incident.Command.Snooze;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.internal.Durations;
import dev.incidentkit.reminder.ReminderPolicies;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads chat text into a {@link Command}, and writes a command back as the text that means it.
 *
 * <p>The language is forgiving: case-insensitive, extra spaces ignored, an optional leading
 * {@code /incident} and incident id ({@code INC-42 note …}), and the aliases a tired person types
 * ({@code sev1}, {@code SEV 1}, {@code s1}). Times such as {@code 14:02} are read in the configured zone
 * as the most recent such instant that has passed; {@code 10m ago} and ISO-8601 instants work too.
 *
 * <p>{@link #parse} never throws on any string: text it cannot read gives a {@link Unparsed} whose
 * message shows the usage of the closest command. Parsing, {@link #render} and {@link #help()} all come
 * from one table of commands, so they cannot drift apart.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CommandParser {
    private static final Pattern MENTION = Pattern.compile("<@([^|>\\s]+)(?:\\|([^>]+))?>|@?([^\\s@<>|]+)");
    /** A channel as chat platforms send it: {@code <#C0123|war-room>}, or {@code <#C0123>} without its name. */
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#([^|>\\s]+)(?:\\|([^>\\s]*))?>");
    private static final Pattern CLOCK_TIME = Pattern.compile("(?:at\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern AGO = Pattern.compile("(.+?)\\s+ago");
    private static final Pattern UPDATE_STATUS = Pattern.compile("([A-Za-z]+)\\s*:(.*)", Pattern.DOTALL);
    private static final Pattern MUTE = Pattern.compile("(\\S+)(?:\\s+reminders?)?(?:\\s+for)?\\s+(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final List<String> DRILL_FLAGS = List.of("--drill", "-d", "drill");
    private static final List<String> PRIVATE_FLAGS = List.of("--private", "private");
    private static final String PUBLIC_FLAG = "--public";

    private final Clock clock;
    private final ZoneId zone;
    private final List<Spec> specs;

    private CommandParser(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.specs = specs();
    }

    /**
     * Creates a parser.
     *
     * @param clock the source of "now", for times like {@code 14:02} and {@code 10m ago}
     * @param zone the zone in which clock times like {@code 14:02} are read
     * @return the parser
     */
    public static CommandParser create(Clock clock, ZoneId zone) {
        return new CommandParser(requireNonNull(clock, "clock"), requireNonNull(zone, "zone"));
    }

    // ---------------------------------------------------------------- the table

    /** One command of the language: its words, its help, and how to read its arguments. */
    private record Spec(List<String> words, String usage, String summary, String example, Reader reader) {
        String name() {
            return words.get(0);
        }
    }

    @FunctionalInterface
    private interface Reader {
        /** Reads the arguments (the text after the command's word); throws Problem when they are wrong. */
        Command read(String args);
    }

    /** A problem with the arguments of a known command; the message says what is wrong. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private List<Spec> specs() {
        List<Spec> s = new ArrayList<>();
        s.add(new Spec(List.of("declare", "open", "start", "new"), "declare [--drill] [--private] [--type <type>] <sev1-4> <what is wrong>",
                "declare an incident (with --drill, a practice one; with --private, one only its participants see; with --type, "
                        + "one with its type's defaults)", "declare sev1 Checkout is failing", this::declare));
        s.add(new Spec(List.of("declare here", "open here", "start here", "new here"), "declare here [--drill] [--type <type>] <sev1-4> <what is wrong>",
                "declare an incident in this channel instead of opening a new one", "declare here sev2 Checkout is slow",
                a -> new Command.DeclareHere((Declare) declare(a))));
        s.add(new Spec(List.of("note", "n"), "note <text>",
                "add a note to the timeline", "note rolled back deploy 1234", a -> new AddNote(required(a, "Say what the note is"))));
        s.add(new Spec(List.of("status", "investigating", "identified", "monitoring"), "status <investigating|identified|monitoring>",
                "change the status (without a public update)", "status identified", this::status));
        s.add(new Spec(List.of("update", "publish"), "update [--public] [<status>:] <message>",
                "publish a public status update (a private incident's reaches the status page only with --public)",
                "update monitoring: Fix deployed, we are watching error rates", this::update));
        s.add(new Spec(List.of("sev", "severity"), "sev <1-4>",
                "change the severity", "sev 2", a -> new ChangeSeverity(severity(a))));
        s.add(new Spec(List.of("assign", "imoc", "comms", "tech", "scribe"), "assign <imoc|comms|tech|scribe> @person",
                "give a role to a person (imoc @alice works too)", "assign comms @bob", this::assign));
        s.add(new Spec(List.of("impact started", "impact", "detected", "mitigated"), "<impact started|detected|mitigated> [<when>]",
                "record when customers started to be affected, when the problem was noticed, or when customers stopped being affected",
                "impact started 14:02", this::milestone));
        s.add(new Spec(List.of("confirm"), "confirm",
                "publish the drafted public update", "confirm", a -> none(a, new Command.ConfirmUpdate())));
        s.add(new Spec(List.of("components", "component"), "components <name>=<status> …",
                "mark affected components for the status page (operational, under_maintenance, degraded_performance, partial_outage, major_outage)",
                "components checkout=major_outage payments=degraded_performance", this::components));
        s.add(new Spec(List.of("template", "post template"), "template <name>",
                "publish a public update from a status page template (its status, text and components)",
                "template Checkout degraded", a -> new Command.PostTemplate(required(a, "Name the status page template to post"))));
        s.add(new Spec(List.of("followup done", "follow-up done", "follow up done", "fu done"), "followup done <number>",
                "record that a follow-up is done (also after close)", "followup done 1", CommandParser::followUpDone));
        s.add(new Spec(List.of("followup", "follow-up", "follow up", "fu", "todo"), "followup <what to do>",
                "add a follow-up for after the incident", "followup Add alert on checkout 5xx", a -> new AddFollowUp(required(a, "Say what should be done"))));
        s.add(new Spec(List.of("resolve", "resolved"), "resolve",
                "resolve: customers are no longer affected", "resolve", a -> none(a, new Resolve())));
        s.add(new Spec(List.of("reopen"), "reopen",
                "reopen a resolved incident (back to investigating)", "reopen", a -> none(a, new Command.Reopen())));
        s.add(new Spec(List.of("close"), "close",
                "close a resolved incident once its report is done", "close", a -> none(a, new Close())));
        s.add(new Spec(List.of("cancel"), "cancel [<reason>]",
                "cancel a false alarm", "cancel declared by mistake", a -> new Cancel(a)));
        s.add(new Spec(List.of("handoff", "hand-off", "hand off"), "handoff [@person]",
                "hand the IMOC role to a person, or ask for candidates", "handoff @carol", this::handOff));
        s.add(new Spec(List.of("channel", "move channel", "move to"), "channel #<channel>",
                "move the incident to another channel, picked from the list as you type # (the kick-off, topic and bookmarks follow)",
                "channel <#C0123ABCD|war-room>",
                CommandParser::moveChannel));
        s.add(new Spec(List.of("ack", "acknowledge"), "ack",
                "acknowledge your page", "ack", a -> none(a, new Command.Acknowledge())));
        s.add(new Spec(List.of("here", "still here", "still on it", "i'm here", "im here"), "here",
                "say you are still on it (answers the still-there reminder)", "here", a -> none(a, new Command.ConfirmPresence())));
        s.add(new Spec(List.of("retry"), "retry",
                "try again to deliver what failed (status page, pages, issues)", "retry", a -> none(a, new Command.Retry())));
        s.add(new Spec(List.of("offer handoff", "offer hand-off", "offer"), "offer handoff @person",
                "offer the IMOC role to a hand-off candidate", "offer handoff @carol", a -> new OfferHandOff(person(a))));
        s.add(new Spec(List.of("accept handoff", "accept hand-off", "accept"), "accept handoff",
                "take the IMOC role you were offered", "accept handoff", a -> none(a, new AcceptHandOff())));
        s.add(new Spec(List.of("remind me in", "remind me", "snooze"), "remind me in <duration>",
                "snooze the reminders for you and your roles", "remind me in 15m", a -> new Snooze(duration(a))));
        s.add(new Spec(List.of("mute"), "mute <status|page|silence|still|handoff|report|follow-ups> reminders for <duration>",
                "mute one kind of reminder for a while", "mute status reminders for 1h", this::mute));
        s.add(new Spec(List.of("tldr", "tl;dr", "summary", "catch me up"), "tldr",
                "show you alone a summary: what is wrong, who does what, the last update and notes, what is due next",
                "tldr", a -> none(a, new Command.ShowSummary())));
        s.add(new Spec(List.of("timeline", "events"), "timeline",
                "show the timeline", "timeline", a -> none(a, new ShowTimeline())));
        s.add(new Spec(List.of("oncall", "on-call", "on call", "who is on call"), "oncall",
                "who is IMOC on call now and next, and how fresh that is", "oncall", a -> none(a, new Command.ShowOnCall())));
        s.add(new Spec(List.of("help", "?", "commands"), "help [<command>]",
                "show this help, or one command's", "help update", a -> new Help(a.isBlank() ? Optional.empty() : Optional.of(a.strip().toLowerCase(Locale.ROOT)))));
        return List.copyOf(s);
    }

    // ---------------------------------------------------------------- parse

    /**
     * Reads one line (or message) of chat text.
     *
     * @param text what the person typed
     * @return the command, or a usage message; never throws
     */
    public ParseResult parse(String text) {
        String rest = requireNonNull(text, "text").strip();
        for (String prefix : List.of("/incident", "/inc")) {
            if (startsWithWord(rest, prefix)) {
                rest = rest.substring(prefix.length()).strip();
                break;
            }
        }
        Optional<IncidentId> incident = Optional.empty();
        String first = firstWord(rest);
        Optional<IncidentId> id = IncidentId.parse(first);
        if (id.isPresent()) {
            incident = id;
            rest = rest.substring(first.length()).strip();
        }
        if (rest.isEmpty()) {
            return new Unparsed("Type a command, e.g. `declare sev2 Checkout is slow` or `note rolled back`. Type `help` for the list");
        }
        // sev1, s2, p3 alone are a severity change
        String word = firstWord(rest);
        if (!word.chars().allMatch(Character::isDigit) && Severity.parse(word).isPresent()
                && rest.substring(word.length()).isBlank()) {
            return new Parsed(incident, new ChangeSeverity(Severity.parse(word).get()));
        }
        // the longest command words that match win: `declare here …` over `declare …`, `followup done 1` over `followup …`
        Spec matched = null;
        String matchedWord = "";
        int matchedEnd = -1;
        for (Spec spec : specs) {
            for (String w : spec.words()) {
                int end = wordEnd(rest, w);
                if (end >= 0 && w.length() > matchedWord.length()) {
                    matched = spec;
                    matchedWord = w;
                    matchedEnd = end;
                }
            }
        }
        if (matched != null) {
            String args = rest.substring(matchedEnd).strip();
            if (args.startsWith(":") && !matched.name().equals("update")) {
                args = args.substring(1).strip(); // "note: text" reads as "note text"
            }
            if (!matchedWord.equals(matched.name()) && (matched.name().equals("status") || matched.name().equals("assign"))
                    || matched.name().equals("impact started")) {
                args = matchedWord + " " + args; // "identified", "imoc @alice", "detected 10m ago": the word is the first argument
            }
            return read(incident, matched, args);
        }
        return new Unparsed(unknown(word));
    }

    private ParseResult read(Optional<IncidentId> incident, Spec spec, String args) {
        try {
            return new Parsed(incident, spec.reader().read(args));
        } catch (Problem | IllegalArgumentException e) {
            return new Unparsed(e.getMessage() + ". " + usage(spec));
        }
    }

    private static String usage(Spec spec) {
        return "Usage: `" + spec.usage() + "`, e.g. `" + spec.example() + "`";
    }

    private String unknown(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Spec best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Spec spec : specs) {
            for (String candidate : spec.words()) {
                int d = candidate.startsWith(w) && w.length() >= 2 ? 0 : distance(w, candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = spec;
                }
            }
        }
        String shown = word.length() > 40 ? word.substring(0, 40) + "…" : word;
        if (best != null && bestDistance <= Math.max(1, Math.min(2, w.length() / 3))) {
            return "I don't know `" + shown + "`. Did you mean `" + best.usage() + "` (" + best.summary() + ")? "
                    + "e.g. `" + best.example() + "`. Type `help` for every command";
        }
        return "I don't know `" + shown + "`. Commands: "
                + specs.stream().map(Spec::name).collect(Collectors.joining(", "))
                + ". Type `help` for details";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static boolean startsWithWord(String text, String word) {
        return wordEnd(text, word) >= 0;
    }

    /**
     * Returns where {@code words} (one or more, space-separated) end at the start of {@code text}, any
     * amount of whitespace between them, ignoring case; -1 if the text does not start with them as whole
     * words. A word may be followed by whitespace, a colon or the end.
     */
    private static int wordEnd(String text, String words) {
        int at = 0;
        for (String w : words.split(" ")) {
            while (at > 0 && at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (!text.regionMatches(true, at, w, 0, w.length())) {
                return -1;
            }
            at += w.length();
            if (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != ':') {
                return -1;
            }
        }
        return at;
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end);
    }

    private static String required(String args, String problem) {
        if (args.isBlank()) {
            throw new Problem(problem);
        }
        return args;
    }

    private static Command none(String args, Command command) {
        if (!args.isBlank()) {
            throw new Problem("This command takes no text (got `" + abbreviate(args) + "`); add a note first with `note <text>`");
        }
        return command;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The flags of {@code declare}, read before and after the severity. */
    private static final class DeclareFlags {
        boolean drill;
        boolean privately;
        Optional<String> type = Optional.empty();

        /** Reads flags off the front; bare words ({@code drill}, {@code private}) only before the severity. */
        void read(Words words, boolean bare) {
            while (!words.rest().isEmpty()) {
                String w = words.peek().toLowerCase(Locale.ROOT);
                if (DRILL_FLAGS.contains(w) && (bare || w.startsWith("-"))) {
                    drill = true;
                } else if (PRIVATE_FLAGS.contains(w) && (bare || w.startsWith("-"))) {
                    privately = true;
                } else if (w.equals("--type") || w.startsWith("--type=")) {
                    words.next();
                    String name = w.equals("--type") ? words.peek().toLowerCase(Locale.ROOT) : w.substring("--type=".length());
                    if (!Command.TYPE_NAME.matcher(name).matches()) {
                        throw new Problem("Name the incident type after --type, like `--type security`"
                                + (name.isEmpty() ? "" : " (got `" + abbreviate(name) + "`)"));
                    }
                    if (w.equals("--type")) {
                        words.next();
                    }
                    type = Optional.of(name);
                    continue;
                } else {
                    return;
                }
                words.next();
            }
        }
    }

    private Command declare(String args) {
        Words words = new Words(args);
        DeclareFlags flags = new DeclareFlags();
        flags.read(words, true);
        boolean drill = flags.drill;
        Optional<Severity> severity = Severity.parse(words.peek());
        if (severity.isPresent() && !words.peek().isEmpty()) {
            words.next();
        } else if (!words.peek().chars().allMatch(Character::isDigit)) {
            severity = Severity.parse(words.peek() + words.peek(1));
            if (severity.isPresent()) {
                words.next();
                words.next();
            }
        }
        if (severity.isEmpty()) {
            throw new Problem("How bad is it? Start with a severity: "
                    + Arrays.stream(Severity.values()).map(v -> v.chatName() + " = " + v.meaning())
                            .collect(Collectors.joining("; ")));
        }
        flags.read(words, false);
        drill |= flags.drill;
        String title = words.rest();
        if (title.toLowerCase(Locale.ROOT).endsWith(" --drill")) {
            drill = true;
            title = title.substring(0, title.length() - " --drill".length());
        }
        return new Declare(severity.get(), required(title, "Say what is wrong, in a few words"), drill, flags.privately, flags.type);
    }

    /** Reads words off the front of a text, keeping the rest exactly as typed. */
    private static final class Words {
        private String rest;

        Words(String text) {
            this.rest = text.strip();
        }

        String peek() {
            return firstWord(rest);
        }

        String peek(int skip) {
            String r = rest;
            for (int i = 0; i < skip; i++) {
                r = r.substring(firstWord(r).length()).strip();
            }
            return firstWord(r);
        }

        String next() {
            String w = peek();
            rest = rest.substring(w.length()).strip();
            return w;
        }

        boolean skipAll(List<String> words) {
            boolean skipped = false;
            while (!rest.isEmpty() && words.contains(peek().toLowerCase(Locale.ROOT))) {
                next();
                skipped = true;
            }
            return skipped;
        }

        String rest() {
            return rest;
        }
    }

    private Command status(String args) {
        String a = args.strip();
        Optional<IncidentStatus> status = IncidentStatus.parse(a);
        if (status.isEmpty() || status.get().isFinal()) {
            String got = a.isEmpty() ? "" : " (got `" + abbreviate(a) + "`)";
            throw new Problem("Name a status: investigating, identified or monitoring" + got
                    + "; to resolve, type `resolve`; to close, `close`; for a false alarm, `cancel`");
        }
        if (status.get() == IncidentStatus.RESOLVED) {
            return new Resolve();
        }
        return new ChangeStatus(status.get());
    }

    private Command update(String args) {
        String a = args.strip();
        boolean publicly = firstWord(a).equalsIgnoreCase(PUBLIC_FLAG);
        if (publicly) {
            a = a.substring(PUBLIC_FLAG.length()).strip();
        }
        if (a.startsWith(":")) {
            return new PublishUpdate(Optional.empty(), required(a.substring(1).strip(), "Say what the update tells customers"), publicly);
        }
        Matcher m = UPDATE_STATUS.matcher(a);
        if (m.matches()) {
            Optional<IncidentStatus> status = IncidentStatus.parse(m.group(1));
            if (status.isPresent()) {
                if (status.get().isFinal()) {
                    throw new Problem("A status update announces investigating, identified, monitoring or resolved, not "
                            + status.get().chatName());
                }
                return new PublishUpdate(status, required(m.group(2).strip(), "Say what the update tells customers"), publicly);
            }
        }
        return new PublishUpdate(Optional.empty(), required(a, "Say what the update tells customers"), publicly);
    }

    private static Duration duration(String args) {
        String a = args.strip();
        for (String filler : List.of("in ", "for ")) {
            if (a.regionMatches(true, 0, filler, 0, filler.length())) {
                a = a.substring(filler.length()).strip();
            }
        }
        String got = a;
        return Durations.parse(a).orElseThrow(() -> new Problem("Say for how long, like 15m, 2h or 1h30m"
                + (got.isEmpty() ? "" : " (got `" + abbreviate(got) + "`)")));
    }

    private Command mute(String args) {
        Matcher m = MUTE.matcher(args.strip());
        if (!m.matches()) {
            throw new Problem("Say which reminders and for how long");
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        Optional<String> policy = ReminderPolicies.resolveName(word);
        if (policy.isEmpty()) {
            throw new Problem("Name the reminders: status, page, silence, still, handoff, report or follow-ups (got `"
                    + abbreviate(word) + "`)");
        }
        return new MuteReminders(policy.get(), duration(m.group(2)));
    }

    private static final Map<String, String> COMPONENT_STATUS_WORDS = componentStatusWords();

    private static Map<String, String> componentStatusWords() {
        Map<String, String> words = new LinkedHashMap<>();
        for (String status : Command.MarkComponents.STATUSES) {
            words.put(status, status);
            words.put(status.replace('_', '-'), status);
        }
        words.put("ok", "operational");
        words.put("up", "operational");
        words.put("fixed", "operational");
        words.put("maintenance", "under_maintenance");
        words.put("degraded", "degraded_performance");
        words.put("slow", "degraded_performance");
        words.put("partial", "partial_outage");
        words.put("major", "major_outage");
        words.put("down", "major_outage");
        words.put("outage", "major_outage");
        return Map.copyOf(words);
    }

    private Command components(String args) {
        Map<String, String> marked = new LinkedHashMap<>();
        for (String pair : args.strip().split("[\\s,]+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new Problem("Write each component as name=status (got `" + abbreviate(pair) + "`)");
            }
            String name = pair.substring(0, eq);
            String word = pair.substring(eq + 1).toLowerCase(Locale.ROOT);
            String status = COMPONENT_STATUS_WORDS.get(word);
            if (status == null) {
                throw new Problem("`" + abbreviate(word) + "` is not a component status for " + abbreviate(name) + "; use "
                        + String.join(", ", Command.MarkComponents.STATUSES));
            }
            marked.put(name, status);
        }
        if (marked.isEmpty()) {
            throw new Problem("Name at least one component and its status");
        }
        return new Command.MarkComponents(marked);
    }

    private static Command followUpDone(String args) {
        String a = args.strip();
        if (a.startsWith("#")) {
            a = a.substring(1);
        }
        if (!a.matches("\\d{1,6}") || Integer.parseInt(a) < 1) {
            throw new Problem("Give the follow-up's number, like 1" + (a.isEmpty() ? "" : " (got `" + abbreviate(args.strip()) + "`)"));
        }
        return new Command.FollowUpDone(Integer.parseInt(a));
    }

    private static Command moveChannel(String args) {
        String a = args.strip();
        Matcher m = CHANNEL_MENTION.matcher(a);
        if (m.matches()) {
            String name = m.group(2) == null || m.group(2).isBlank() ? m.group(1) : m.group(2).strip();
            return new Command.MoveChannel(m.group(1), name);
        }
        if (a.isEmpty()) {
            throw new Problem("Name the channel to move to, like #war-room");
        }
        throw new Problem("Pick the channel from the list that opens as you type #, so that it arrives as a link and I know"
                + " which channel it is (got `" + abbreviate(a) + "`)");
    }

    private static Severity severity(String args) {
        return Severity.parse(args).orElseThrow(() -> new Problem(
                "Give a severity from 1 (most severe) to 4" + (args.isBlank() ? "" : " (got `" + abbreviate(args) + "`)")));
    }

    private Command assign(String args) {
        String roleWord = firstWord(args);
        Optional<Role> role = Role.parse(roleWord);
        if (role.isEmpty()) {
            throw new Problem("Name a role: imoc, comms, tech or scribe" + (roleWord.isEmpty() ? "" : " (got `" + abbreviate(roleWord) + "`)"));
        }
        return new AssignRole(role.get(), person(args.substring(roleWord.length())));
    }

    private Command handOff(String args) {
        return new HandOff(args.isBlank() ? Optional.empty() : Optional.of(person(args)));
    }

    private static PersonRef person(String args) {
        String a = args.strip();
        Matcher m = MENTION.matcher(a);
        if (!m.matches()) {
            throw new Problem("Name one person, like @alice" + (a.isEmpty() ? "" : " (got `" + abbreviate(a) + "`)"));
        }
        if (m.group(3) != null) {
            return PersonRef.of(m.group(3));
        }
        String name = m.group(2) == null || m.group(2).isBlank() ? m.group(1) : m.group(2).strip();
        return new PersonRef(m.group(1), name);
    }

    private Command milestone(String args) {
        Milestone milestone = args.regionMatches(true, 0, "detected", 0, "detected".length()) ? Milestone.DETECTED
                : args.regionMatches(true, 0, "mitigated", 0, "mitigated".length()) ? Milestone.MITIGATED
                : Milestone.IMPACT_STARTED;
        String a = args.substring(firstWord(args).length()).strip();
        if (milestone == Milestone.IMPACT_STARTED && startsWithWord(a, "started")) {
            a = a.substring("started".length()).strip();
        }
        return new RecordMilestone(milestone, a.isEmpty() || a.equalsIgnoreCase("now") ? Optional.empty() : Optional.of(when(a)));
    }

    private Instant when(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Matcher ago = AGO.matcher(t);
        if (ago.matches()) {
            Optional<Duration> d = Durations.parse(ago.group(1));
            if (d.isPresent()) {
                return now.minus(d.get());
            }
        }
        Matcher m = CLOCK_TIME.matcher(t);
        if (m.matches()) {
            try {
                LocalTime time = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                LocalDate today = LocalDate.ofInstant(now, zone);
                Instant candidate = ZonedDateTime.of(today, time, zone).toInstant();
                return candidate.isAfter(now) ? ZonedDateTime.of(today.minusDays(1), time, zone).toInstant() : candidate;
            } catch (DateTimeException e) {
                throw new Problem("`" + abbreviate(text.strip()) + "` is not a time of day");
            }
        }
        try {
            return Instant.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new Problem("Give the time as 14:02 (today, " + zone.getId() + "), as 10m ago, or as 2026-11-24T14:02:00Z"
                    + " (got `" + abbreviate(text.strip()) + "`)");
        }
    }

    // ---------------------------------------------------------------- render

    /**
     * Writes a command as the text that {@link #parse} reads back to an equal command. Times are written
     * as ISO-8601 instants, so the text means the same whenever it is read.
     *
     * @param command the command
     * @return the text, e.g. {@code note rolled back deploy 1234}
     */
    public static String render(Command command) {
        requireNonNull(command, "command");
        if (command instanceof Declare d) {
            return "declare " + (d.drill() ? "--drill " : "") + (d.privately() ? "--private " : "")
                    + d.type().map(t -> "--type " + t + " ").orElse("") + d.severity().chatName() + " " + d.title();
        } else if (command instanceof Command.DeclareHere d) {
            return "declare here " + render(d.declare()).substring("declare ".length());
        } else if (command instanceof AddNote n) {
            return "note " + n.text();
        } else if (command instanceof ChangeStatus c) {
            return "status " + c.status().chatName();
        } else if (command instanceof PublishUpdate u) {
            return "update " + (u.publicly() ? PUBLIC_FLAG + " " : "") + u.status().map(IncidentStatus::chatName).orElse("") + ": " + u.message();
        } else if (command instanceof ChangeSeverity c) {
            return "sev " + c.severity().level();
        } else if (command instanceof AssignRole a) {
            return "assign " + a.role().chatName() + " " + mention(a.person());
        } else if (command instanceof RecordMilestone m) {
            return m.milestone().chatName() + m.occurredAt().map(i -> " " + i).orElse("");
        } else if (command instanceof AddFollowUp f) {
            return "followup " + f.text();
        } else if (command instanceof Resolve) {
            return "resolve";
        } else if (command instanceof Command.Reopen) {
            return "reopen";
        } else if (command instanceof Close) {
            return "close";
        } else if (command instanceof Cancel c) {
            return c.reason().isEmpty() ? "cancel" : "cancel " + c.reason();
        } else if (command instanceof HandOff h) {
            return h.to().map(p -> "handoff " + mention(p)).orElse("handoff");
        } else if (command instanceof Command.MoveChannel m) {
            return "channel <#" + m.channelId() + "|" + m.channelName() + ">";
        } else if (command instanceof Command.Acknowledge) {
            return "ack";
        } else if (command instanceof Command.Retry) {
            return "retry";
        } else if (command instanceof Command.ConfirmPresence) {
            return "here";
        } else if (command instanceof OfferHandOff o) {
            return "offer handoff " + mention(o.candidate());
        } else if (command instanceof AcceptHandOff) {
            return "accept handoff";
        } else if (command instanceof Snooze z) {
            return "remind me in " + Durations.format(z.duration());
        } else if (command instanceof MuteReminders m) {
            return "mute " + m.policy() + " reminders for " + Durations.format(m.duration());
        } else if (command instanceof Command.ConfirmUpdate) {
            return "confirm";
        } else if (command instanceof Command.MarkComponents m) {
            return "components " + m.components().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        } else if (command instanceof Command.PostTemplate t) {
            return "template " + t.name();
        } else if (command instanceof Command.FollowUpDone f) {
            return "followup done " + f.number();
        } else if (command instanceof ShowTimeline) {
            return "timeline";
        } else if (command instanceof Command.ShowSummary) {
            return "tldr";
        } else if (command instanceof Command.ShowOnCall) {
            return "oncall";
        } else if (command instanceof Help h) {
            return h.topic().map(t -> "help " + t).orElse("help");
        }
        throw new IllegalStateException("unhandled " + command);
    }

    private static String mention(PersonRef p) {
        return p.id().equals(p.name()) ? "@" + p.id() : "<@" + p.id() + "|" + p.name() + ">";
    }

    // ---------------------------------------------------------------- help

    /**
     * Returns the help for every command, one per line: usage, what it does, and an example.
     *
     * @return the help text
     */
    public String help() {
        StringBuilder out = new StringBuilder("Commands (in an incident's channel no incident id is needed; elsewhere start with it, e.g. `INC-42 note …`):\n");
        for (Spec spec : specs) {
            out.append("• `").append(spec.usage()).append("` — ").append(spec.summary())
                    .append(", e.g. `").append(spec.example()).append("`\n");
        }
        return out.toString().strip();
    }

    /**
     * Returns the help for one command, by any of its words or aliases.
     *
     * @param command the command's word, e.g. {@code update}
     * @return the help line, or empty if there is no such command
     */
    public Optional<String> help(String command) {
        String w = requireNonNull(command, "command").strip().toLowerCase(Locale.ROOT);
        for (Spec spec : specs) {
            if (spec.words().contains(w)) {
                String aliases = spec.words().size() > 1
                        ? " Also: " + String.join(", ", spec.words().subList(1, spec.words().size())) + "."
                        : "";
                return Optional.of("`" + spec.usage() + "` — " + spec.summary() + ", e.g. `" + spec.example() + "`." + aliases);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns every command's example, keyed by the command's name. Each parses to a command.
     *
     * @return the examples, in help order
     */
    public List<String> examples() {
        return specs.stream().map(Spec::example).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Reads a duration as people type it: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m},
     * {@code 1d}, {@code 15 min}.
     *
     * @param text the text
     * @return the duration, or empty if the text is not one
     */
    public static Optional<Duration> parseDuration(String text) {
        return Durations.parse(requireNonNull(text, "text"));
    }
}
