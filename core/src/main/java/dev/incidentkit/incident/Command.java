package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a person asks incidentkit to do, typed. {@link dev.incidentkit.command.CommandParser} reads chat
 * text into a command and {@link dev.incidentkit.command.CommandParser#render} writes it back;
 * {@link Decider#decide} turns it into events or a rejection.
 *
 * <p>Commands are imperative records. Free text is stripped of surrounding whitespace and must not be
 * blank.
 *
 * @since 0.1
 */
public sealed interface Command {

    /** What a reminder policy's name looks like: {@code status-update}, {@code comms-announcements}. */
    Pattern POLICY_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    /** What an incident type's name looks like: {@code security}, {@code data-loss}. */
    Pattern TYPE_NAME = POLICY_NAME;

    /**
     * Returns whether this command would change the incident; {@link ShowTimeline}, {@link Help} and
     * {@link Retry} do not.
     *
     * @return true if the command changes state
     */
    default boolean changesState() {
        return !(this instanceof ShowTimeline || this instanceof Help || this instanceof Retry || this instanceof ShowOnCall
                || this instanceof ShowSummary);
    }

    /**
     * Returns whether this command is still accepted once the incident is closed or cancelled. Only
     * follow-up bookkeeping is: follow-ups outlive the incident ({@link FollowUpDone}).
     *
     * @return true if allowed on a final incident
     */
    default boolean allowedOnceEnded() {
        return this instanceof FollowUpDone;
    }

    /**
     * Declare a new incident.
     *
     * @param severity how bad it is
     * @param title what is wrong, in a few words
     * @param drill whether it is a practice incident
     * @param privately whether {@code --private} was typed: a private channel, only participants may see
     *     or act on it, and nothing reaches the public status page unless published with {@code update --public}
     * @param type the incident type typed with {@code --type}, whose configured defaults apply; empty for none
     */
    record Declare(Severity severity, String title, boolean drill, boolean privately, Optional<String> type) implements Command {
        /** The longest title: it heads every message, the topic and the public status page incident. */
        public static final int MAX_TITLE = 200;

        /** Checks the fields. */
        public Declare {
            requireNonNull(severity, "severity");
            title = Checks.text(title, "title", MAX_TITLE);
            requireNonNull(type, "type");
            type.ifPresent(t -> {
                if (!TYPE_NAME.matcher(t).matches()) {
                    throw new IllegalArgumentException("an incident type's name is lower-case letters, digits and dashes, "
                            + "like security; got '" + t + "'");
                }
            });
        }

        /**
         * A public declaration of no type.
         *
         * @param severity how bad it is
         * @param title what is wrong, in a few words
         * @param drill whether it is a practice incident
         */
        public Declare(Severity severity, String title, boolean drill) {
            this(severity, title, drill, false, Optional.empty());
        }
    }

    /**
     * Declare a new incident in the channel where this is typed, instead of creating a channel for it: that
     * channel becomes the incident's ({@code declare here sev2 Checkout is slow}). The kit passes the channel
     * to {@link Decider#decide} in the {@link Context}.
     *
     * @param declare what to declare
     */
    record DeclareHere(Declare declare) implements Command {
        /** Checks the field. */
        public DeclareHere {
            requireNonNull(declare, "declare");
        }
    }

    /**
     * Move the incident to another chat channel: the kick-off, the pin, the topic and the bookmarks are
     * posted again there, and commands typed there go to the incident.
     *
     * @param channelId the chat platform's id of the channel, e.g. {@code C0123ABCD}
     * @param channelName its name without {@code #}; the id when the platform did not give one
     */
    record MoveChannel(String channelId, String channelName) implements Command {
        /** What a channel's id and name look like: no spaces, no markup characters. */
        public static final Pattern CHANNEL = Pattern.compile("[^\\s<>|#]+");

        /** Checks the fields. */
        public MoveChannel {
            requireNonNull(channelId, "channelId");
            requireNonNull(channelName, "channelName");
            if (!CHANNEL.matcher(channelId).matches()) {
                throw new IllegalArgumentException("a channel id has no spaces, '<', '>', '|' or '#'; got '" + channelId + "'");
            }
            if (!CHANNEL.matcher(channelName).matches()) {
                throw new IllegalArgumentException("a channel name has no spaces, '<', '>', '|' or '#'; got '" + channelName + "'");
            }
        }
    }

    /**
     * Add a note to the timeline.
     *
     * @param text the note
     */
    record AddNote(String text) implements Command {
        /** The longest note: one section of a chat message. */
        public static final int MAX_TEXT = 3_000;

        /** Checks the text. */
        public AddNote {
            text = Checks.text(text, "note text", MAX_TEXT);
        }
    }

    /**
     * Move to investigating, identified or monitoring; resolving, closing and cancelling have their own
     * commands.
     *
     * @param status the status to move to
     */
    record ChangeStatus(IncidentStatus status) implements Command {
        /** Checks the status. */
        public ChangeStatus {
            requireNonNull(status, "status");
            if (!status.isActive()) {
                throw new IllegalArgumentException("ChangeStatus moves to investigating, identified or monitoring; "
                        + "use Resolve, Close or Cancel for " + status);
            }
        }
    }

    /**
     * Publish a public status update, optionally moving to a new status with it.
     *
     * @param status the status to announce; empty keeps the current one
     * @param message the text customers read
     * @param publicly whether {@code --public} was typed: the explicit consent a private incident's update
     *     needs to reach the public status page (without it, a private incident's update stays in its
     *     channel); it changes nothing for other incidents
     */
    record PublishUpdate(Optional<IncidentStatus> status, String message, boolean publicly) implements Command {
        /** The longest update: one section of a chat message, well inside what status pages take. */
        public static final int MAX_MESSAGE = 3_000;

        /** Checks the fields. */
        public PublishUpdate {
            requireNonNull(status, "status");
            status.ifPresent(s -> {
                if (s.isFinal()) {
                    throw new IllegalArgumentException("a status update announces an open or resolved status, not " + s);
                }
            });
            message = Checks.text(message, "status update message", MAX_MESSAGE);
        }

        /**
         * An update without {@code --public}.
         *
         * @param status the status to announce; empty keeps the current one
         * @param message the text customers read
         */
        public PublishUpdate(Optional<IncidentStatus> status, String message) {
            this(status, message, false);
        }
    }

    /**
     * Change the severity.
     *
     * @param severity the new severity
     */
    record ChangeSeverity(Severity severity) implements Command {
        /** Checks the severity. */
        public ChangeSeverity {
            requireNonNull(severity, "severity");
        }
    }

    /**
     * Give a role to a person; if someone holds it, this hands it off to them.
     *
     * @param role the role
     * @param person who takes it
     */
    record AssignRole(Role role, PersonRef person) implements Command {
        /** Checks the fields. */
        public AssignRole {
            requireNonNull(role, "role");
            requireNonNull(person, "person");
        }
    }

    /**
     * Record a milestone of the impact window.
     *
     * @param milestone which one
     * @param occurredAt when it happened; empty means now
     */
    record RecordMilestone(Milestone milestone, Optional<Instant> occurredAt) implements Command {
        /** Checks the fields. */
        public RecordMilestone {
            requireNonNull(milestone, "milestone");
            requireNonNull(occurredAt, "occurredAt");
        }
    }

    /**
     * Add a follow-up: work to do after the incident.
     *
     * @param text what to do
     */
    record AddFollowUp(String text) implements Command {
        /** Checks the text. */
        public AddFollowUp {
            text = Checks.text(text, "follow-up text", 500);
        }
    }

    /** Resolve: customers are no longer affected. */
    record Resolve() implements Command {}

    /**
     * Reopen a resolved incident: back to investigating. It means {@code ChangeStatus(INVESTIGATING)}, and
     * is decided and checked as that; it has its own type so that every command has one row in the chat
     * language.
     */
    record Reopen() implements Command {
        /** What reopening means. */
        public static final ChangeStatus MEANS = new ChangeStatus(IncidentStatus.INVESTIGATING);
    }

    /** Close: the service-disruption report is done. */
    record Close() implements Command {}

    /**
     * Cancel a false alarm.
     *
     * @param reason why; may be empty
     */
    record Cancel(String reason) implements Command {
        /** Strips the reason. */
        public Cancel {
            reason = Checks.clean(requireNonNull(reason, "reason")).strip();
            if (reason.length() > 500) {
                throw new IllegalArgumentException("the reason is " + reason.length() + " characters; the limit is 500: shorten it");
            }
        }
    }

    /**
     * Hand the IMOC role off: to a named person at once, or, with no one named, ask for candidates.
     *
     * @param to the new IMOC; empty to ask for candidates
     */
    record HandOff(Optional<PersonRef> to) implements Command {
        /** Checks the field. */
        public HandOff {
            requireNonNull(to, "to");
        }
    }

    /** Acknowledge the page sent to the person who types it. */
    record Acknowledge() implements Command {}

    /** Try again to deliver the side effects whose retries ran out. Changes nothing on the timeline. */
    record Retry() implements Command {}
    /**
     * Offer a role to a candidate during a hand-off; usually sent by incidentkit itself as it reaches out
     * to candidates in order.
     *
     * @param candidate who is offered the IMOC role
     */
    record OfferHandOff(PersonRef candidate) implements Command {
        /** Checks the field. */
        public OfferHandOff {
            requireNonNull(candidate, "candidate");
        }
    }

    /** Accept the IMOC role offered to the person who types it; they become IMOC. */
    record AcceptHandOff() implements Command {}

    /**
     * Say "I am still on it": the answer to the still-there reminder
     * ({@link dev.incidentkit.reminder.StillTherePolicy}), which otherwise pages the next IMOC on call.
     */
    record ConfirmPresence() implements Command {}

    /**
     * Snooze the reminders addressed to the person who types it, or to a role they hold.
     *
     * @param duration for how long, positive, whole seconds
     */
    record Snooze(Duration duration) implements Command {
        /** Checks the duration. */
        public Snooze {
            Checks.positiveSeconds(duration, "snooze duration");
        }
    }

    /**
     * Mute one reminder policy's reminders for a while.
     *
     * @param policy the policy's name, e.g. {@code status-update}: lower-case letters, digits and dashes
     * @param duration for how long, positive, whole seconds
     */
    record MuteReminders(String policy, Duration duration) implements Command {
        /** Checks the fields. */
        public MuteReminders {
            requireNonNull(policy, "policy");
            if (!POLICY_NAME.matcher(policy).matches()) {
                throw new IllegalArgumentException("a reminder policy's name is lower-case letters, digits and dashes, "
                        + "like status-update; got '" + policy + "'");
            }
            Checks.positiveSeconds(duration, "mute duration");
        }
    }

    /**
     * Mark components of the service as affected (or recovered) on the public status page; the marks go
     * out with the next public update.
     *
     * @param components component name (as on the status page, without spaces; matched loosely) to status,
     *     one of {@link #STATUSES}; at least one
     */
    record MarkComponents(Map<String, String> components) implements Command {
        /** The component statuses, from best to worst, as Statuspage names them. */
        public static final List<String> STATUSES = List.of("operational", "under_maintenance",
                "degraded_performance", "partial_outage", "major_outage");
        private static final Pattern NAME = Pattern.compile("[^\\s=]+");

        /** Checks and copies, keeping the order. */
        public MarkComponents {
            components = checked(requireNonNull(components, "components"));
            if (components.isEmpty()) {
                throw new IllegalArgumentException("name at least one component, like checkout=major_outage");
            }
        }

        static Map<String, String> checked(Map<String, String> components) {
            Map<String, String> copy = new LinkedHashMap<>();
            components.forEach((name, status) -> {
                requireNonNull(name, "component name");
                requireNonNull(status, "component status");
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("a component name has no spaces or '='; got '" + name + "'");
                }
                if (!STATUSES.contains(status)) {
                    throw new IllegalArgumentException("a component status is one of " + String.join(", ", STATUSES)
                            + "; got '" + status + "' for " + name);
                }
                copy.put(name, status);
            });
            return Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Publish a public status update from one of the status page's incident templates: its status, its
     * text and, if it names any, its components. The kit looks the template up when the command is typed
     * and turns it into {@link MarkComponents} and {@link PublishUpdate}, so previews, access and drill
     * rules apply as to a typed update.
     *
     * @param name the template's name as typed; matched loosely (case and punctuation do not matter)
     */
    record PostTemplate(String name) implements Command {
        /** Checks the name. */
        public PostTemplate {
            name = Checks.text(name, "template name");
        }
    }

    /** Publish the drafted public update that waits for confirmation. */
    record ConfirmUpdate() implements Command {}

    /**
     * Record that a follow-up is done; accepted after the incident is closed too.
     *
     * @param number the follow-up's number, from 1
     * @param source where it was closed, e.g. its issue's address; empty when typed in the chat
     */
    record FollowUpDone(int number, String source) implements Command {
        /** Checks the fields. */
        public FollowUpDone {
            if (number < 1) {
                throw new IllegalArgumentException("a follow-up number starts at 1; got " + number);
            }
            source = requireNonNull(source, "source").strip();
        }

        /**
         * A follow-up done, as typed in the chat.
         *
         * @param number the follow-up's number, from 1
         */
        public FollowUpDone(int number) {
            this(number, "");
        }
    }

    /** Show the timeline. Changes nothing. */
    record ShowTimeline() implements Command {}

    /**
     * Show the asker a summary of the incident, built from the timeline alone: what is wrong, severity and
     * status, who holds which role, the impact window so far, the last public update, the last notes, the
     * open follow-ups and the reminders due next. Changes nothing.
     */
    record ShowSummary() implements Command {}

    /** Show who is IMOC now and next, and how fresh that answer is. Changes nothing and names no incident. */
    record ShowOnCall() implements Command {}

    /**
     * Show help, for all commands or one.
     *
     * @param topic the command to explain; empty for all
     */
    record Help(Optional<String> topic) implements Command {
        /** Checks the field. */
        public Help {
            requireNonNull(topic, "topic");
        }
    }
}
