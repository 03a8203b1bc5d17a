package dev.incidentkit.incident;

import static java.util.Objects.requireNonNull;

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
import dev.incidentkit.incident.Command.PublishUpdate;
import dev.incidentkit.incident.Command.RecordMilestone;
import dev.incidentkit.incident.Command.Resolve;
import dev.incidentkit.incident.Command.ShowTimeline;
import dev.incidentkit.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure function {@code decide(Incident, Command) -> Decision}: whether a command is allowed now,
 * and which events it produces. It does no I/O; the only time it reads is the injected {@link Clock},
 * which stamps the new events.
 *
 * <p>Every rejection says what was wrong and what to type instead. Who may do what (access rules) is not
 * decided here but by the caller, before {@code decide}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Decider {
    /** The longest {@code remind me in …}. */
    public static final Duration MAX_SNOOZE = Duration.ofDays(1);
    /** The longest {@code mute … reminders for …}. */
    public static final Duration MAX_MUTE = Duration.ofDays(7);

    private final Clock clock;
    private final boolean previewPublicUpdates;
    /** What customers read when an incident is resolved without an update of its own. */
    public static final String RESOLVED_TEXT = "This incident has been resolved.";

    /**
     * Creates a decider that stamps events with {@code clock}'s time and publishes public updates at once.
     *
     * @param clock the source of "now"
     */
    public Decider(Clock clock) {
        this(clock, false);
    }

    /**
     * Creates a decider that stamps events with {@code clock}'s time.
     *
     * @param clock the source of "now"
     * @param previewPublicUpdates whether {@code update …} only drafts the public update ({@link UpdateDrafted}),
     *     to be published by {@code confirm}
     */
    public Decider(Clock clock, boolean previewPublicUpdates) {
        this.clock = requireNonNull(clock, "clock");
        this.previewPublicUpdates = previewPublicUpdates;
    }

    /**
     * Decides what a command by {@code actor} does to {@code incident}.
     *
     * @param incident the current state ({@link Incident#undeclared} to declare a new one)
     * @param command what the person asked for
     * @param actor who asked
     * @return the new events, numbered on from {@code incident.version()}, or a rejection
     */
    public Decision decide(Incident incident, Command command, PersonRef actor) {
        return decide(incident, command, actor, Context.NONE);
    }

    /**
     * Decides what a command by {@code actor} does to {@code incident}, given what the outside world knows:
     * a declaration makes whoever is on call IMOC (the declarer if nobody is), and a hand-off request with
     * nobody named offers the IMOC role to the best candidates.
     *
     * @param incident the current state ({@link Incident#undeclared} to declare a new one)
     * @param command what the person asked for
     * @param actor who asked
     * @param context who is on call, and the hand-off candidates
     * @return the new events, numbered on from {@code incident.version()}, or a rejection
     */
    public Decision decide(Incident incident, Command command, PersonRef actor, Context context) {
        requireNonNull(context, "context");
        requireNonNull(incident, "incident");
        requireNonNull(command, "command");
        requireNonNull(actor, "actor");
        if (command instanceof Command.Reopen) {
            return decide(incident, Command.Reopen.MEANS, actor, context);
        }
        Events out = new Events(incident.version(), clock.instant(), actor);
        String id = incident.id().value();

        if (command instanceof Help || command instanceof Command.ShowOnCall) {
            return out.accept();
        }
        if (command instanceof Command.DeclareHere h) {
            if (context.channel().isEmpty()) {
                return Decision.reject("`declare here` binds the channel it is typed in, and this command came from no channel",
                        "Type it in the channel that should become the incident's, or type `declare <sev1-4> <what is wrong>` to open a new channel");
            }
            Decision declared = decide(incident, h.declare(), actor, context);
            if (declared instanceof Decision.Rejected) {
                return declared;
            }
            Context.Channel here = context.channel().get();
            List<IncidentEvent> events = new ArrayList<>(declared.events());
            events.add(new ChannelBound(incident.version() + events.size() + 1, out.now, actor, here.id(), here.name()));
            return new Decision.Accepted(events);
        }
        if (command instanceof Declare d) {
            if (incident.isDeclared()) {
                return Decision.reject(id + " is already declared (" + incident.severity().chatName() + ", "
                                + incident.status().chatName() + ")",
                        "To add to it, type `note <text>`; to start a separate incident, type `declare` outside its channel");
            }
            out.add((seq, at, by) -> new Declared(seq, at, by, incident.id(), d.title(), d.severity(), d.drill()));
            if (d.privately() || d.type().isPresent()) {
                out.add((seq, at, by) -> new Classified(seq, at, by, d.type().orElse(""), d.privately()));
            }
            PersonRef imoc = context.onCall().orElse(actor);
            out.add((seq, at, by) -> new RoleAssigned(seq, at, by, Role.IMOC, imoc));
            context.alsoPaged().stream()
                    .filter(p -> !p.id().equals(imoc.id()) && !p.id().equals(actor.id()))
                    .forEach(p -> out.add((seq, at, by) -> new ParticipantJoined(seq, at, PersonRef.BOT, p)));
            return out.accept();
        }
        if (!incident.isDeclared()) {
            return Decision.reject(id + " has not been declared",
                    "Declare it first, e.g. `declare sev2 Checkout is slow`");
        }
        if (command instanceof ShowTimeline || command instanceof Command.Retry || command instanceof Command.ShowSummary) {
            return out.accept();
        }
        IncidentStatus status = incident.status();
        if (command instanceof Command.FollowUpDone f) {
            if (incident.followUps().stream().noneMatch(u -> u.number() == f.number())) {
                return Decision.reject(id + " has no follow-up " + f.number() + " (it has "
                                + incident.followUps().size() + ")",
                        "Type `timeline` to see the follow-ups and their numbers");
            }
            if (incident.openFollowUps().stream().noneMatch(u -> u.number() == f.number())) {
                return Decision.reject("Follow-up " + f.number() + " of " + id + " is already done",
                        "Nothing to do; type `timeline` to see the follow-ups still open");
            }
            out.add((seq, at, by) -> new FollowUpClosed(seq, at, by, f.number(), f.source()));
            return out.accept();
        }
        if (status.isFinal()) {
            return Decision.reject(id + " is " + status.chatName() + ", which is final: nothing about it can change",
                    "For anything new, declare a new incident, e.g. `declare sev3 Checkout errors are back`");
        }

        if (command instanceof AddNote n) {
            out.add((seq, at, by) -> new NoteAdded(seq, at, by, n.text()));
        } else if (command instanceof ChangeStatus c) {
            Optional<Decision> refused = refuseMove(incident, c.status());
            if (refused.isPresent()) {
                return refused.get();
            }
            out.add((seq, at, by) -> new StatusChanged(seq, at, by, status, c.status()));
        } else if (command instanceof PublishUpdate u) {
            IncidentStatus target = u.status().orElse(status);
            if (target != status) {
                Optional<Decision> refused = refuseMove(incident, target);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            if (previewPublicUpdates) {
                // status moves on confirm
                out.add((seq, at, by) -> new UpdateDrafted(seq, at, by, target, u.message(), u.publicly()));
            } else {
                if (target != status) {
                    out.add((seq, at, by) -> new StatusChanged(seq, at, by, status, target));
                }
                out.add((seq, at, by) -> new StatusUpdatePublished(seq, at, by, target, u.message(), u.publicly()));
            }
        } else if (command instanceof Command.ConfirmUpdate) {
            Optional<UpdateDrafted> draft = incident.pendingDraft();
            if (draft.isEmpty()) {
                return Decision.reject("There is no drafted public update to confirm in " + id,
                        "Draft one first, e.g. `update investigating: We are looking into failed checkouts`");
            }
            IncidentStatus target = draft.get().status();
            if (target != status) {
                Optional<Decision> refused = refuseMove(incident, target);
                if (refused.isPresent()) {
                    return refused.get();
                }
                out.add((seq, at, by) -> new StatusChanged(seq, at, by, status, target));
            }
            String message = draft.get().message();
            boolean publicly = draft.get().publicly();
            out.add((seq, at, by) -> new StatusUpdatePublished(seq, at, by, target, message, publicly));
        } else if (command instanceof Command.PostTemplate t) {
            // IncidentKit expands a template into MarkComponents and PublishUpdate before deciding; reaching
            // here means no status page is configured to read templates from.
            return Decision.reject("Templates come from the status page, and no status page is configured, so there is no template `"
                            + t.name() + "`",
                    "Type the update yourself, e.g. `update investigating: We are looking into failed checkouts`");
        } else if (command instanceof Command.MarkComponents m) {
            out.add((seq, at, by) -> new ComponentsMarked(seq, at, by, m.components()));
        } else if (command instanceof Command.MoveChannel m) {
            if (incident.channel().filter(c -> c.channelId().equals(m.channelId())).isPresent()) {
                return Decision.reject(id + " is already in #" + m.channelName(),
                        "To move it elsewhere, type `channel #<channel>` and pick the channel from the list");
            }
            if (incident.isPrivate()) { // the kit cannot tell whether the other channel is private too
                return Decision.reject(id + " is private, so it stays in the private channel made for it",
                        "Bring whoever needs it into this channel instead by giving them a role, e.g. `assign scribe @person`");
            }
            out.add((seq, at, by) -> new ChannelBound(seq, at, by, m.channelId(), m.channelName()));
        } else if (command instanceof ChangeSeverity c) {
            if (c.severity() == incident.severity()) {
                return Decision.reject(id + " is already " + c.severity().chatName(),
                        "To change it, type `sev <1-4>`, e.g. `sev " + (c.severity() == Severity.SEV1 ? 2 : 1) + "`");
            }
            out.add((seq, at, by) -> new SeverityChanged(seq, at, by, incident.severity(), c.severity()));
        } else if (command instanceof AssignRole a) {
            Optional<Decision> refused = assign(incident, a.role(), a.person(), out);
            if (refused.isPresent()) {
                return refused.get();
            }
        } else if (command instanceof HandOff h) {
            if (h.to().isPresent()) {
                Optional<Decision> refused = assign(incident, Role.IMOC, h.to().get(), out);
                if (refused.isPresent()) {
                    return refused.get();
                }
            } else {
                out.add((seq, at, by) -> new HandOffRequested(seq, at, by, Role.IMOC, ""));
                incident.imoc().ifPresent(current -> context.handOffCandidates().stream()
                        .filter(c -> !c.id().equals(current.id()))
                        .filter(c -> incident.openHandOffOffers(Role.IMOC).stream().noneMatch(o -> o.id().equals(c.id())))
                        .limit(Context.MAX_OFFERS)
                        .forEach(c -> out.add((seq, at, by) -> new HandOffOffered(seq, at, PersonRef.BOT, Role.IMOC, c))));
            }
        } else if (command instanceof RecordMilestone m) {
            Instant now = out.now;
            Instant when = m.occurredAt().orElse(now);
            if (when.isAfter(now)) {
                return Decision.reject("The time given for " + m.milestone().chatName() + " (" + when
                                + ") is in the future",
                        "Give a time that has passed, e.g. `" + m.milestone().chatName() + " 10m ago`");
            }
            out.add((seq, at, by) -> new MilestoneRecorded(seq, at, by, m.milestone(), when));
        } else if (command instanceof Command.Acknowledge) {
            if (incident.unacknowledgedPages().stream().noneMatch(p -> p.id().equals(actor.id()))) {
                return Decision.reject("There is no page for " + actor.name() + " to acknowledge in " + id,
                        "To say you are on it, add a note: `note on it`");
            }
            out.add((seq, at, by) -> new PageAcknowledged(seq, at, by, actor));
        } else if (command instanceof Command.OfferHandOff o) {
            PersonRef candidate = o.candidate();
            if (incident.imoc().filter(p -> p.id().equals(candidate.id())).isPresent()) {
                return Decision.reject(candidate.name() + " is already the IMOC of " + id,
                        "Offer the role to someone else, e.g. `offer handoff @carol`");
            }
            if (incident.openHandOffOffers(Role.IMOC).stream().anyMatch(p -> p.id().equals(candidate.id()))) {
                return Decision.reject("The IMOC role of " + id + " has already been offered to " + candidate.name(),
                        "Wait for them to type `accept handoff`, or offer it to someone else, e.g. `offer handoff @carol`");
            }
            out.add((seq, at, by) -> new HandOffOffered(seq, at, by, Role.IMOC, candidate));
        } else if (command instanceof Command.ConfirmPresence) {
            out.add(PresenceConfirmed::new);
        } else if (command instanceof Command.AcceptHandOff) {
            if (incident.imoc().filter(p -> p.id().equals(actor.id())).isPresent()) {
                return Decision.reject(actor.name() + " is already the IMOC of " + id,
                        "To pass the role on, type `handoff`");
            }
            if (incident.openHandOffOffers(Role.IMOC).stream().noneMatch(p -> p.id().equals(actor.id()))) {
                return Decision.reject("The IMOC role of " + id + " has not been offered to " + actor.name(),
                        "Ask the IMOC to type `handoff @" + actor.id() + "`");
            }
            Optional<Decision> refused = assign(incident, Role.IMOC, actor, out);
            if (refused.isPresent()) {
                return refused.get();
            }
        } else if (command instanceof Command.Snooze z) {
            if (z.duration().compareTo(MAX_SNOOZE) > 0) {
                return Decision.reject("A snooze lasts at most " + Durations.format(MAX_SNOOZE) + " (got "
                                + Durations.format(z.duration()) + ")",
                        "Snooze for less, e.g. `remind me in 30m`, or mute one kind, e.g. `mute status reminders for 2h`");
            }
            Instant until = out.now.plus(z.duration());
            out.add((seq, at, by) -> new ReminderSnoozed(seq, at, by, actor, until));
        } else if (command instanceof Command.MuteReminders m) {
            if (m.duration().compareTo(MAX_MUTE) > 0) {
                return Decision.reject("Reminders can be muted for at most " + Durations.format(MAX_MUTE) + " (got "
                                + Durations.format(m.duration()) + ")",
                        "Mute for less, e.g. `mute " + m.policy() + " reminders for 1d`");
            }
            Instant until = out.now.plus(m.duration());
            out.add((seq, at, by) -> new RemindersMuted(seq, at, by, m.policy(), until));
        } else if (command instanceof AddFollowUp f) {
            int number = incident.followUps().size() + 1;
            out.add((seq, at, by) -> new FollowUpAdded(seq, at, by, number, f.text()));
        } else if (command instanceof Resolve) {
            Optional<Decision> refused = refuseMove(incident, IncidentStatus.RESOLVED);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (!incident.milestones().containsKey(Milestone.MITIGATED)) {
                out.add((seq, at, by) -> new MilestoneRecorded(seq, at, by, Milestone.MITIGATED, at));
            }
            out.add((seq, at, by) -> new StatusChanged(seq, at, by, status, IncidentStatus.RESOLVED));
            boolean onStatusPage = incident.wentPublic();
            if (previewPublicUpdates && onStatusPage) {
                // customers read this text too, so it is previewed like any other public update; a private
                // incident's update that went public was published with --public, so its resolution is too
                boolean publicly = incident.isPrivate();
                out.add((seq, at, by) -> new UpdateDrafted(seq, at, by, IncidentStatus.RESOLVED, RESOLVED_TEXT, publicly));
            }
        } else if (command instanceof Close) {
            if (status != IncidentStatus.RESOLVED) {
                return Decision.reject(id + " is " + status.chatName() + "; only a resolved incident can be closed",
                        "Resolve it first with `resolve`, then type `close` once the service-disruption report is done");
            }
            out.add(Closed::new);
        } else if (command instanceof Cancel c) {
            if (!status.canMoveTo(IncidentStatus.CANCELLED)) {
                return Decision.reject(id + " is resolved; only an incident in progress can be cancelled as a false alarm",
                        "Type `close` once the report is done, or `reopen` if it is not over");
            }
            out.add((seq, at, by) -> new Cancelled(seq, at, by, c.reason()));
        } else {
            throw new IllegalStateException("unhandled " + command);
        }
        return out.accept();
    }

    private static Optional<Decision> refuseMove(Incident incident, IncidentStatus target) {
        IncidentStatus status = incident.status();
        String id = incident.id().value();
        if (status == target) {
            return Optional.of(Decision.reject(id + " is already " + status.chatName(),
                    target == IncidentStatus.RESOLVED
                            ? "Type `close` once the service-disruption report is done"
                            : "To move on, type `status <" + String.join("|", statusWords(status)) + ">`"));
        }
        if (!status.canMoveTo(target)) {
            String instead = status == IncidentStatus.RESOLVED
                    ? "To reopen it, type `reopen`; to finish, type `close`"
                    : "Type `status <" + String.join("|", statusWords(status)) + ">`";
            String reason = status.explainRefusal(target);
            return Optional.of(Decision.reject(Character.toUpperCase(reason.charAt(0)) + reason.substring(1), instead));
        }
        return Optional.empty();
    }

    private static List<String> statusWords(IncidentStatus from) {
        List<String> words = new ArrayList<>();
        for (IncidentStatus s : from.next()) {
            if (!s.isFinal()) {
                words.add(s.chatName());
            }
        }
        return words;
    }

    private static Optional<Decision> assign(Incident incident, Role role, PersonRef person, Events out) {
        Optional<PersonRef> holder = incident.holder(role);
        if (holder.isPresent() && holder.get().id().equals(person.id())) {
            return Optional.of(Decision.reject(holder.get().name() + " is already the " + role.title() + " of "
                            + incident.id(),
                    "To give the role to someone else, type `assign " + role.chatName() + " @name`"));
        }
        if (holder.isPresent()) {
            out.add((seq, at, by) -> new HandedOff(seq, at, by, role, holder.get(), person));
        } else {
            out.add((seq, at, by) -> new RoleAssigned(seq, at, by, role, person));
        }
        return Optional.empty();
    }

    /** Numbers and stamps the events of one decision. */
    private static final class Events {
        private final List<IncidentEvent> events = new ArrayList<>();
        private final Instant now;
        private final PersonRef actor;
        private long seq;

        Events(long version, Instant now, PersonRef actor) {
            this.seq = version;
            this.now = now;
            this.actor = actor;
        }

        void add(EventFactory factory) {
            events.add(factory.create(++seq, now, actor));
        }

        Decision accept() {
            return new Decision.Accepted(events);
        }
    }

    @FunctionalInterface
    private interface EventFactory {
        IncidentEvent create(long seq, Instant at, PersonRef by);
    }
}
