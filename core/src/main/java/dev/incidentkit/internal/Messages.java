package dev.incidentkit.internal;

import dev.incidentkit.incident.AccessRefused;
import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.HandOffRequested;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.MilestoneRecorded;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.ParticipantJoined;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.spi.ChatMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What incidentkit says in chat: one place for every sentence the bot writes. */
public final class Messages {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final int MAX_CHANNEL_NAME = 80;

    private Messages() {}

    /** Returns {@code 14:02 UTC}. */
    public static String time(Instant instant) {
        return HM.format(instant) + " UTC";
    }

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
                + "Declared by " + incident.declaredBy().name() + " at " + time(incident.declaredAt())
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

    /** A message about an event for the incident channel, of the given kind. */
    public static ChatMessage about(Incident incident, IncidentEvent event, ChatMessage.Kind kind,
                                    List<ChatMessage.Button> buttons) {
        return new ChatMessage(kind, heading(incident), describe(event), buttons, incident.drill());
    }

    /** One readable line for an event: what the timeline shows and what replies say. */
    public static String describe(IncidentEvent event) {
        String who = event.by().name();
        if (event instanceof Declared d) {
            return who + " declared " + d.incident() + " (" + d.severity().name() + (d.drill() ? ", drill" : "") + "): " + d.title();
        } else if (event instanceof StatusChanged s) {
            return who + " changed the status from " + s.from().chatName() + " to " + s.to().chatName();
        } else if (event instanceof SeverityChanged s) {
            return who + " changed the severity from " + s.from().name() + " to " + s.to().name();
        } else if (event instanceof RoleAssigned r) {
            return r.person().name() + " is the " + r.role().title() + (r.role() == Role.IMOC ? "" : " (assigned by " + who + ")");
        } else if (event instanceof HandedOff h) {
            return h.to().name() + " took over as " + h.role().title() + " from " + h.from().name();
        } else if (event instanceof HandOffRequested h) {
            return who + " asked for a fresh " + h.role().title() + (h.reason().isEmpty() ? "" : ": " + h.reason());
        } else if (event instanceof NoteAdded n) {
            return who + ": " + n.text();
        } else if (event instanceof StatusUpdatePublished u) {
            return "Public update (" + u.status().chatName() + ") by " + who + ": " + u.message();
        } else if (event instanceof ChannelBound c) {
            return "Channel #" + c.channelName() + " is the incident channel";
        } else if (event instanceof ParticipantJoined p) {
            return p.person().name() + " joined";
        } else if (event instanceof MilestoneRecorded m) {
            return who + " recorded " + m.milestone().chatName() + " at " + time(m.occurredAt());
        } else if (event instanceof LinkAdded l) {
            return "Linked " + l.label() + ": " + l.url();
        } else if (event instanceof FollowUpAdded f) {
            return who + " added follow-up #" + f.number() + ": " + f.text();
        } else if (event instanceof ReminderFired r) {
            return "Reminder: " + r.message();
        } else if (event instanceof Closed) {
            return who + " closed the incident";
        } else if (event instanceof Cancelled c) {
            return who + " cancelled the incident" + (c.reason().isEmpty() ? "" : ": " + c.reason());
        } else if (event instanceof Paged p) {
            return "Paged " + p.target().name() + " (" + p.reason() + ")";
        } else if (event instanceof PageAcknowledged a) {
            return a.target().name() + " acknowledged the page";
        } else if (event instanceof DeliveryFailed f) {
            return "Could not " + f.what() + ": " + f.reason() + ". Type `retry` to try again";
        } else if (event instanceof AccessRefused a) {
            return "Refused `" + a.command() + "` from " + who + ": " + a.reason();
        }
        return who + ": " + event.getClass().getSimpleName();
    }

    /** The timeline as lines of text, for the {@code timeline} command. */
    public static String timeline(Incident incident) {
        StringBuilder out = new StringBuilder("*Timeline of " + heading(incident) + "*\n");
        for (IncidentEvent e : incident.timeline()) {
            out.append(time(e.at())).append("  ").append(describe(e)).append('\n');
        }
        return out.toString().strip();
    }
}
