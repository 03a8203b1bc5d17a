package dev.incidentkit.report.internal;

import dev.incidentkit.incident.AccessRefused;
import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.ChannelBound;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.ComponentsMarked;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.DeliveryFailed;
import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.FollowUpClosed;
import dev.incidentkit.incident.HandOffRequested;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.MilestoneRecorded;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.ParticipantJoined;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.incident.UpdateDrafted;
import dev.incidentkit.report.ReportFormat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** One plain-text line per event, for the report's timeline. */
public final class EventLines {
    private static final Set<String> COMMON = Set.of("seq", "at", "by");

    private EventLines() {}

    /**
     * Describes an event in one line of plain text (no markup; the template escapes it). Event types
     * this class does not know are described generically from their record components, never refused.
     */
    public static String describe(IncidentEvent event) {
        if (event instanceof Declared d) {
            return "Declared " + (d.drill() ? "a " + d.severity() + " drill" : d.severity())
                    + ": " + d.title();
        } else if (event instanceof StatusChanged s) {
            return "Status " + s.from().chatName() + " → " + s.to().chatName();
        } else if (event instanceof SeverityChanged s) {
            return (s.to().isMoreSevereThan(s.from()) ? "Raised severity " : "Lowered severity ")
                    + s.from() + " → " + s.to();
        } else if (event instanceof RoleAssigned r) {
            return r.person().name() + " became " + r.role().title();
        } else if (event instanceof HandedOff h) {
            return "Handed off " + h.role().title() + ": " + h.from().name() + " → " + h.to().name();
        } else if (event instanceof HandOffRequested h) {
            return "Asked for a new " + h.role().title() + (h.reason().isEmpty() ? "" : " (" + h.reason() + ")");
        } else if (event instanceof NoteAdded n) {
            return "Note: " + n.text();
        } else if (event instanceof StatusUpdatePublished u) {
            return (u.publicly() ? "Public update (--public, " : "Public update (") + u.status().chatName() + "): " + u.message();
        } else if (event instanceof ChannelBound c) {
            return "Channel #" + c.channelName() + " bound to the incident";
        } else if (event instanceof ParticipantJoined p) {
            return p.person().name() + " joined";
        } else if (event instanceof MilestoneRecorded m) {
            String what = capitalise(m.milestone().chatName());
            return m.occurredAt().equals(m.at())
                    ? what
                    : what + " (recorded at " + ReportFormat.time(m.at()) + ")";
        } else if (event instanceof LinkAdded l) {
            return "Linked " + kind(l.kind()) + "“" + l.label() + "”: " + l.url();
        } else if (event instanceof FollowUpAdded f) {
            return "Follow-up " + f.number() + ": " + f.text();
        } else if (event instanceof ReminderFired r) {
            return "Reminder: " + r.message();
        } else if (event instanceof Closed) {
            return "Closed";
        } else if (event instanceof Cancelled c) {
            return "Cancelled as a false alarm" + (c.reason().isEmpty() ? "" : ": " + c.reason());
        } else if (event instanceof Paged p) {
            return "Paged " + p.target().name() + " (" + p.reason() + ")";
        } else if (event instanceof PageAcknowledged a) {
            return a.by().id().equals(a.target().id())
                    ? a.target().name() + " acknowledged the page"
                    : "Acknowledged the page to " + a.target().name();
        } else if (event instanceof DeliveryFailed f) {
            return "Could not " + f.what() + ": " + f.reason() + ". Type `retry` to try again";
        } else if (event instanceof dev.incidentkit.incident.DeliveriesRetried r) {
            return (r.retried().isEmpty() ? "Nothing to retry" : "Retrying " + String.join("; ", r.retried()))
                    + (r.superseded().isEmpty() ? "" : ". Not retried, because a newer public update went out since: "
                            + String.join("; ", r.superseded()));
        } else if (event instanceof AccessRefused a) {
            return "Refused `" + a.command() + "`" + (a.count() > 1 ? " (" + a.count() + " times)" : "") + ": " + a.reason();
        } else if (event instanceof ComponentsMarked c) {
            StringJoiner marked = new StringJoiner(", ");
            c.components().forEach((name, status) -> marked.add(name + " " + status.replace('_', ' ')));
            return "Components: " + marked;
        } else if (event instanceof UpdateDrafted u) {
            return "Drafted a public update (" + u.status().chatName() + "): " + u.message();
        } else if (event instanceof FollowUpClosed f) {
            return "Follow-up " + f.number() + " done" + (f.source().isEmpty() ? "" : " (" + f.source() + ")");
        } else if (event instanceof dev.incidentkit.incident.Classified c) {
            return (c.privateIncident() ? "Private incident: only its participants see it; the public status page only with `update --public`" : "Incident")
                    + (c.incidentType().isEmpty() ? "" : (c.privateIncident() ? "; type " : " of type ") + c.incidentType());
        } else if (event instanceof dev.incidentkit.incident.PresenceConfirmed) {
            return "Still on it";
        }
        return generic(event);
    }

    /**
     * Describes any record generically: its type name as words, then its components other than
     * {@code seq}, {@code at} and {@code by}. Anything else is described by its type name alone.
     */
    public static String generic(Object event) {
        Class<?> type = event.getClass();
        String name = words(type.getSimpleName());
        if (!type.isRecord()) {
            return name;
        }
        StringJoiner parts = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (RecordComponent c : type.getRecordComponents()) {
            if (COMMON.contains(c.getName())) {
                continue;
            }
            try {
                Object value = c.getAccessor().invoke(event);
                parts.add(c.getName() + " " + text(value));
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                parts.add(c.getName() + " ?");
            }
        }
        return name + parts;
    }

    private static String text(Object value) {
        if (value instanceof PersonRef p) {
            return p.name();
        }
        if (value instanceof java.time.Instant i) {
            return ReportFormat.time(i);
        }
        return String.valueOf(value);
    }

    private static String words(String camel) {
        String spaced = camel.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        return capitalise(spaced);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String kind(LinkKind kind) {
        switch (kind) {
            case STATUS_PAGE:
                return "the status page ";
            case PAGE:
                return "the page ";
            case ISSUE:
                return "issue ";
            default:
                return "";
        }
    }
}
