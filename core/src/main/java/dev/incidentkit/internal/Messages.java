package dev.incidentkit.internal;

import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.HandOffOffered;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderEngine;
import dev.incidentkit.report.DrillScore;
import dev.incidentkit.report.ReportData;
import dev.incidentkit.report.ReportFormat;
import dev.incidentkit.report.ServiceDisruptionReport;
import dev.incidentkit.report.internal.EventLines;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What incidentkit says in chat: one place for every sentence the bot writes. */
public final class Messages {
    private static final int MAX_CHANNEL_NAME = 80;

    private Messages() {}

    /** A channel name from id and title: {@code inc-42-checkout-is-failing}, at most 80 characters. */
    public static String channelName(Incident incident) {
        String slug = incident.title().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        String name = incident.id().value().toLowerCase(Locale.ROOT) + (slug.isEmpty() ? "" : "-" + slug);
        if (name.length() > MAX_CHANNEL_NAME) {
            name = name.substring(0, MAX_CHANNEL_NAME).replaceAll("-+$", "");
        }
        return name;
    }

    /** The heading of every message about an incident: {@code INC-42 · SEV1 · Checkout is failing}. */
    public static String heading(Incident incident) {
        return (incident.drill() ? "[DRILL] " : "") + incident.id() + " · " + incident.severity().name() + " · "
                + incident.title();
    }

    /** The channel topic: severity, status and IMOC. */
    public static String topic(Incident incident) {
        return (incident.drill() ? "DRILL · " : "") + incident.severity().name() + " · " + incident.status().chatName()
                + " · IMOC: " + incident.imoc().map(p -> p.name()).orElse("nobody");
    }

    /** The kick-off message, with the IMOC checklist. */
    public static ChatMessage kickOff(Incident incident) {
        String imoc = incident.imoc().map(p -> p.name()).orElse("nobody yet");
        String text = (incident.drill() ? "*This is a drill.* Nothing reaches the public status page; only participants are paged.\n" : "")
                + "Declared by " + incident.declaredBy().name() + " at " + ReportFormat.time(incident.declaredAt())
                + ". Severity " + incident.severity().name() + ": " + incident.severity().meaning() + ".\n"
                + "*IMOC: " + imoc + "*. IMOC checklist:\n"
                + "1. Confirm you have it: `ack` (or pass it on: `handoff`)\n"
                + "2. Get a communications lead and a technical lead: `assign comms @name`, `assign tech @name`\n"
                + "3. Check the severity: `sev <1-4>`\n"
                + "4. Tell customers early: `update investigating: We are looking into …`\n"
                + "5. Keep the timeline: `note …`, `impact started 14:02`, `mitigated`\n"
                + "6. When customers are fine again: `resolve`; when the report is done: `close`";
        return new ChatMessage(ChatMessage.Kind.KICKOFF, heading(incident), text,
                List.of(new ChatMessage.Button("Acknowledge", "ack"), new ChatMessage.Button("Hand off", "handoff")),
                incident.drill());
    }

    /**
     * The kick-off with a last line naming what this chat platform cannot do that the kit would otherwise
     * do (pin the kick-off, keep the channel topic, keep links as bookmarks), so nobody waits for it; the
     * message itself when it can do all of that.
     */
    public static ChatMessage withLimits(ChatMessage kickOff, java.util.Set<ChatGateway.Capability> can) {
        List<String> cannot = new ArrayList<>();
        if (!can.contains(ChatGateway.Capability.PIN)) {
            cannot.add("pin messages (find this kick-off at the top of the channel)");
        }
        if (!can.contains(ChatGateway.Capability.TOPIC)) {
            cannot.add("set a channel topic (each update's heading shows severity, status and IMOC)");
        }
        if (!can.contains(ChatGateway.Capability.BOOKMARK)) {
            cannot.add("bookmark links (they are posted as messages)");
        }
        if (cannot.isEmpty()) {
            return kickOff;
        }
        return new ChatMessage(kickOff.kind(), kickOff.title(), kickOff.text() + "\n_This chat platform cannot "
                + String.join("; nor ", cannot) + "._", kickOff.buttons(), kickOff.drill());
    }

    /** A link the platform cannot bookmark, posted in the channel instead. */
    public static ChatMessage link(Incident incident, String title, String url) {
        return new ChatMessage(ChatMessage.Kind.STATUS_CHANGE, heading(incident), "Link: <" + url + "|" + title.replaceAll("[|>]", " ").strip() + ">",
                List.of(), incident.drill());
    }

    /** A message about an event for the incident channel, of the given kind. */
    public static ChatMessage about(Incident incident, IncidentEvent event, ChatMessage.Kind kind,
                                    List<ChatMessage.Button> buttons) {
        return new ChatMessage(kind, heading(incident), describe(event), buttons, incident.drill());
    }

    /** A private incident's update without {@code --public}: said in its channel, not on the status page. */
    public static ChatMessage channelOnlyUpdate(Incident incident, dev.incidentkit.incident.StatusUpdatePublished update) {
        String who = update.by().equals(PersonRef.BOT) ? "" : update.by().name() + ": ";
        return new ChatMessage(ChatMessage.Kind.STATUS_CHANGE, heading(incident), who + "Update for this channel only ("
                + update.status().chatName() + "): " + update.message() + "\n_Private incident: not on the public status page;"
                + " the IMOC publishes there with `update --public …`._", List.of(), incident.drill());
    }

    /** One readable line for an event in chat: who, then the report's line for it. */
    public static String describe(IncidentEvent event) {
        String line = EventLines.describe(event);
        return event.by().equals(PersonRef.BOT) ? line : event.by().name() + ": " + line;
    }

    /** An offer of the IMOC role to a hand-off candidate, with an accept button. */
    public static ChatMessage handOffOffer(Incident incident, HandOffOffered offer) {
        String text = offer.candidate().name() + ", will you take over as " + offer.role().title() + " of " + incident.id()
                + incident.imoc().map(p -> " from " + p.name()).orElse("") + "? The first to accept takes it: type `accept handoff`.";
        return new ChatMessage(ChatMessage.Kind.HANDOFF_REQUEST, heading(incident), text,
                List.of(new ChatMessage.Button("I'll take over", "accept handoff")), incident.drill());
    }

    /** A reminder for its audience, with a snooze button (and an acknowledge button for a page). */
    public static ChatMessage reminder(Incident incident, Reminder reminder, java.util.Optional<PersonRef> who) {
        List<ChatMessage.Button> buttons = new ArrayList<>();
        if (reminder.policyName().equals("page-ack")) {
            buttons.add(new ChatMessage.Button("Acknowledge", "ack"));
        }
        if (reminder.escalation() == dev.incidentkit.reminder.Escalation.ASK_IF_STILL_THERE) {
            buttons.add(new ChatMessage.Button("I'm still on it", "here"));
        }
        buttons.add(new ChatMessage.Button("Snooze 15m", "remind me in 15m"));
        String to = who.map(p -> p.name() + ": ").orElse("");
        return new ChatMessage(ChatMessage.Kind.REMINDER, heading(incident), to + reminder.message(), buttons, incident.drill());
    }

    /** The summary posted when an incident closes: key figures, follow-ups, and a drill's score. */
    public static ChatMessage reportSummary(Incident incident) {
        ReportData r = ServiceDisruptionReport.of(incident).data();
        List<String> lines = new ArrayList<>();
        lines.add("*Closed.* Duration " + ReportFormat.duration(r.duration()) + ".");
        r.impact().flatMap(ReportData.ImpactWindow::length)
                .ifPresent(d -> lines.add("Customer impact: " + ReportFormat.duration(d) + "."));
        r.timeToDetect().duration().ifPresent(d -> lines.add("Time to detect: " + ReportFormat.duration(d) + "."));
        r.timeToMitigate().duration().ifPresent(d -> lines.add("Time to mitigate: " + ReportFormat.duration(d) + "."));
        lines.add(r.followUps().isEmpty() ? "No follow-ups." : r.followUps().size() + " follow-up(s) to do.");
        if (incident.drill()) {
            lines.addAll(DrillScore.of(incident).summary());
        }
        return new ChatMessage(ChatMessage.Kind.REPORT_SUMMARY, heading(incident), String.join("\n", lines), List.of(),
                incident.drill());
    }

    /** The last message in a closed incident's channel: where the report is, and whether the channel is archived. */
    public static ChatMessage archiving(Incident incident, String report, boolean archived) {
        String text = incident.id() + " is closed. Service-disruption report: " + report + ".\n"
                + (archived ? "Archiving this channel now: it stays readable, and nothing more can be posted in it."
                        : "This chat platform cannot archive channels, so this channel was not archived: archive it yourself"
                                + " when you are done with it.");
        return new ChatMessage(ChatMessage.Kind.STATUS_CHANGE, heading(incident), text, List.of(), incident.drill());
    }

    /** How many notes {@code tldr} shows, the latest. */
    public static final int SUMMARY_NOTES = 5;
    /** How many reminders due next {@code tldr} shows. */
    private static final int SUMMARY_REMINDERS = 3;

    /**
     * The {@code tldr} answer, from the timeline alone: what is wrong, severity and status, who holds which
     * role, the impact window so far, the last public update and how long ago it went out, the last notes,
     * the open follow-ups, and the reminders due next.
     */
    public static String summary(Incident incident, Instant now, List<ReminderEngine.Upcoming> upcoming) {
        List<String> lines = new ArrayList<>();
        lines.add("*TL;DR " + heading(incident) + "*");
        lines.add("What is wrong: " + incident.title() + ". " + incident.severity().name() + " ("
                + incident.severity().meaning() + "), " + incident.status().chatName() + ", declared "
                + ago(incident.declaredAt(), now) + " by " + incident.declaredBy().name()
                + incident.channel().map(c -> ", in #" + c.channelName()).orElse("") + ".");
        lines.add("Roles: " + (incident.roles().isEmpty() ? "nobody holds one yet"
                : incident.roles().entrySet().stream().map(e -> e.getKey().title() + " " + e.getValue().name())
                        .collect(Collectors.joining(", "))) + ".");
        Map<Milestone, Instant> m = incident.milestones();
        Instant started = m.get(Milestone.IMPACT_STARTED);
        Instant mitigated = m.get(Milestone.MITIGATED);
        if (started == null && mitigated == null) {
            lines.add("Impact: not recorded yet (`impact started 14:02`).");
        } else if (started == null) {
            lines.add("Impact: start not recorded; mitigated " + ReportFormat.time(mitigated) + ".");
        } else if (mitigated == null || mitigated.isBefore(started)) {
            lines.add("Impact: since " + ReportFormat.time(started) + ", still going (" + ReportFormat.duration(nonNegative(started, now))
                    + " so far).");
        } else {
            lines.add("Impact: " + ReportFormat.time(started) + " to " + ReportFormat.time(mitigated) + " ("
                    + ReportFormat.duration(nonNegative(started, mitigated)) + ").");
        }
        lines.add(incident.lastPublicUpdate()
                .map(u -> "Last public update: " + ago(u.at(), now) + " by " + u.by().name() + " (" + u.status().chatName()
                        + "): \"" + u.message() + "\"")
                .orElse("Last public update: none yet (`update investigating: …`)."));
        List<NoteAdded> notes = incident.all(NoteAdded.class);
        if (notes.isEmpty()) {
            lines.add("Notes: none yet.");
        } else {
            lines.add(notes.size() > SUMMARY_NOTES ? "Last " + SUMMARY_NOTES + " notes (of " + notes.size() + "):" : "Notes:");
            notes.subList(Math.max(0, notes.size() - SUMMARY_NOTES), notes.size()).forEach(n -> lines.add("• "
                    + ReportFormat.timeWithoutZone(n.at()) + " " + n.by().name() + ": " + n.text()));
        }
        List<FollowUpAdded> open = incident.openFollowUps();
        lines.add(open.isEmpty() ? "Open follow-ups: none."
                : "Open follow-ups: " + open.stream().map(f -> "#" + f.number() + " " + f.text())
                        .collect(Collectors.joining("; ")) + ".");
        if (upcoming.isEmpty()) {
            lines.add("Reminders due next: none.");
        } else {
            lines.add("Reminders due next:");
            upcoming.stream().limit(SUMMARY_REMINDERS).forEach(u -> lines.add("• " + (u.at().isAfter(now)
                    ? "in " + ReportFormat.duration(nonNegative(now, u.at())) : "now") + " (" + ReportFormat.time(u.at()) + "): "
                    + u.reminder().message()));
        }
        return String.join("\n", lines);
    }

    private static String ago(Instant then, Instant now) {
        Duration d = nonNegative(then, now);
        return d.getSeconds() < 60 ? "just now" : ReportFormat.duration(d) + " ago";
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The timeline as lines of text, for the {@code timeline} command. */
    public static String timeline(Incident incident) {
        StringBuilder out = new StringBuilder("*Timeline of " + heading(incident) + "*\n");
        for (IncidentEvent e : incident.timeline()) {
            out.append(ReportFormat.timeWithoutZone(e.at())).append("  ").append(describe(e)).append('\n');
        }
        return out.toString().strip();
    }
}
