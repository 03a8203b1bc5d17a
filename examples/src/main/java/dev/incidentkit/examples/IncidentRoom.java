package dev.incidentkit.examples;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.command.CommandParser;
import dev.incidentkit.command.ParseResult;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.reminder.ReminderPolicies;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.spi.AccessPolicy;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An incident room in the terminal: people type chat commands as {@code alice: declare sev1 …}, the
 * clock moves with {@code +15m} or {@code at 14:30}, and everything the bot would send to the chat, the
 * pager, the status page and the issue tracker is printed, labelled and timestamped.
 *
 * <p>This is the wiring a host bot does, with console ports in place of Slack, PagerDuty, Statuspage and
 * GitHub.
 */
final class IncidentRoom implements AutoCloseable {
    private static final Pattern SAYS = Pattern.compile("([A-Za-z][\\w.-]{0,30})\\s*:\\s*(.*)", Pattern.DOTALL);
    private static final Pattern AT = Pattern.compile("at\\s+(\\d{1,2}):(\\d{2})");
    private static final String LOBBY = "C-lobby";

    /** A line the room could not understand. */
    static final class BadLine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private final SimulatedClock clock;
    private final Transcript transcript;
    private final ConsolePorts.Chat chat;
    private final IncidentStore store = new InMemoryIncidentStore();
    private final IncidentKit kit;
    private final CommandParser parser;
    private String channel = LOBBY;
    private @Nullable IncidentId lastIncident;

    IncidentRoom(Instant start, PrintStream out) {
        this.clock = new SimulatedClock(start);
        this.transcript = new Transcript(out, clock);
        this.chat = new ConsolePorts.Chat(transcript);
        this.parser = CommandParser.create(clock, ZoneOffset.UTC);
        // The wiring a host bot does; here every port prints to the terminal.
        this.kit = IncidentKit.builder()
                .clock(clock)
                .store(store)
                .chat(chat)
                .pager(new ConsolePorts.Paging(transcript))
                .statusPublisher(new ConsolePorts.StatusPage(transcript))
                .issueTracker(new ConsolePorts.Issues(transcript))
                .directory(new ConsolePorts.People())
                .reminders(withCustomPolicy())
                .accessPolicy(AccessPolicy.defaults())
                .deliveryExecutor(Runnable::run)   // deliver at once, in order, so the transcript reads top to bottom
                .tickEvery(Duration.ZERO)          // the room moves time itself
                .build();
    }

    /** The built-in reminder policies plus a team's own (see {@link CommsAnnouncementsPolicy}). */
    private static List<ReminderPolicy> withCustomPolicy() {
        List<ReminderPolicy> policies = new ArrayList<>(ReminderPolicies.defaults());
        policies.add(new CommsAnnouncementsPolicy());
        return policies;
    }

    /**
     * Plays one line.
     *
     * @param line what was typed
     * @param strict whether a command the parser cannot read is an error (scripts) or just gets its usage
     *     reply (the interactive room)
     * @throws BadLine if the line is not understood
     */
    void play(String line, boolean strict) {
        String l = line.strip();
        if (l.isEmpty()) {
            return;
        }
        if (l.startsWith("#")) {
            transcript.plain(l);
            return;
        }
        if (l.startsWith("+")) {
            Duration d = CommandParser.parseDuration(l.substring(1))
                    .orElseThrow(() -> new BadLine("`" + l + "` is not a duration; write it like +90s, +15m or +2h"));
            advanceTo(clock.instant().plus(d), l);
            return;
        }
        Matcher at = AT.matcher(l.toLowerCase(Locale.ROOT));
        if (at.matches()) {
            int h = Integer.parseInt(at.group(1));
            int m = Integer.parseInt(at.group(2));
            if (h > 23 || m > 59) {
                throw new BadLine("`" + l + "` is not a time of day; write it like at 14:30");
            }
            Instant today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).atTime(LocalTime.of(h, m)).toInstant(ZoneOffset.UTC);
            advanceTo(today.isBefore(clock.instant()) ? today.plus(Duration.ofDays(1)) : today, l);
            return;
        }
        Matcher says = SAYS.matcher(l);
        if (!says.matches()) {
            throw new BadLine("`" + abbreviate(l) + "` is not a line the room understands: write `name: command`"
                    + " (e.g. alice: declare sev1 Checkout is failing), `+15m`, `at 14:30` or `# comment`");
        }
        String text = says.group(2);
        if (strict && parser.parse(text) instanceof ParseResult.Unparsed u) {
            throw new BadLine(u.message());
        }
        PersonRef who = person(says.group(1));
        transcript.line(who.id() + ">", text);
        Reply reply = kit.handle(new ChatRequest(who, channel, text));
        transcript.line(reply.visibility() == Reply.Visibility.SENDER ? "bot (to " + who.name() + ")" : "bot", reply.text());
        followNewChannel();
    }

    private void advanceTo(Instant target, String line) {
        transcript.line("clock", line);
        // move in one-minute steps so whatever falls due on the way fires at its own time
        while (clock.instant().isBefore(target)) {
            Instant next = clock.instant().plus(Duration.ofMinutes(1));
            clock.set(next.isAfter(target) ? target : next);
            kit.tick();
        }
        followNewChannel();
    }

    private void followNewChannel() {
        String latest = chat.lastChannel();
        if (!latest.isEmpty() && !latest.equals(channel) && kit.incidentOf(latest).isPresent()) {
            channel = latest;
            lastIncident = kit.incidentOf(latest).get();
        }
    }

    static PersonRef person(String handle) {
        String id = handle.toLowerCase(Locale.ROOT);
        return new PersonRef(id, Character.toUpperCase(id.charAt(0)) + id.substring(1));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Returns the incident the room last moved into. */
    Optional<Incident> incident() {
        return Optional.ofNullable(lastIncident).flatMap(kit::incident);
    }

    @Override
    public void close() {
        kit.close();
    }
}
