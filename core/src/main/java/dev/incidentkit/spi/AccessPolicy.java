package dev.incidentkit.spi;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import java.util.Optional;

/**
 * Who may do what to an incident. Checked before {@code decide}; a refusal is recorded on the timeline
 * and explains who may do it.
 *
 * <p>Implementations are pure and thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AccessPolicy {

    /**
     * Checks whether {@code actor} may run {@code command} on {@code incident}.
     *
     * @param incident the incident ({@link Incident#undeclared} for a declaration)
     * @param command the command
     * @param actor who asked
     * @return empty if allowed, otherwise the refusal
     */
    Optional<Decision.Rejected> check(Incident incident, Command command, PersonRef actor);

    /**
     * Everyone may do everything: for drills with one trainee, and for tests.
     *
     * @return the policy
     */
    static AccessPolicy permitAll() {
        return (incident, command, actor) -> Optional.empty();
    }

    /**
     * The default rules, stated once here and in the README's access table:
     * <ul>
     *   <li>anyone may declare, add notes, follow-ups and milestones, acknowledge, snooze their own
     *       reminders, retry deliveries and read;</li>
     *   <li>the <em>lead</em> is the IMOC, or the declarer while the incident has no IMOC;</li>
     *   <li>roles are given by the lead; the IMOC role is handed off by the lead; a hand-off is offered by
     *       the lead or by incidentkit itself, and accepted only by a person it was offered to;</li>
     *   <li>the status is changed by the lead or the technical lead; resolving, reopening, closing,
     *       cancelling, changing the severity and moving the incident to another channel are the lead's;</li>
     *   <li>the public status page (update, confirm, components, template) is the lead's or the
     *       communications lead's, and a status an update carries obeys the status rule above;</li>
     *   <li>muting a kind of reminder is its audience's or the lead's (status update reminders: the
     *       communications lead; page reminders: the people paged; the others: the IMOC);</li>
     *   <li>a follow-up is marked done by whoever added it or the lead (or from the issue tracker);</li>
     *   <li>a <em>private</em> incident takes no command at all, not even {@code timeline}, from anyone who is
     *       not its participant ({@link Incident#isParticipant}), and only its IMOC (or the declarer while it has
     *       none) may publish it on the public status page ({@code update --public}, or confirming such a
     *       draft).</li>
     * </ul>
     *
     * @return the policy
     */
    static AccessPolicy defaults() {
        return (incident, typed, actor) -> {
            Command command = typed instanceof Command.Reopen ? Command.Reopen.MEANS : typed;
            if (!incident.isDeclared()) {
                return Optional.empty();
            }
            boolean bot = actor.id().equals(PersonRef.BOT.id());
            PersonRef lead = incident.imoc().orElse(incident.declaredBy());
            String who = incident.imoc().isPresent() ? "the IMOC (" + lead.name() + ")" : "the declarer (" + lead.name() + ")";
            boolean isLead = lead.id().equals(actor.id());
            if (incident.isPrivate() && !bot && !incident.isParticipant(actor)) {
                // say nothing of the incident beyond its id: not its title, not who runs it
                return refuse(incident.id() + " is private: only the people working on it may see it or act on it",
                        "Ask someone working on it to bring you in, e.g. with `assign scribe @" + actor.id() + "`");
            }
            if (incident.isPrivate() && !isLead && !bot && goesPublic(incident, command)) {
                return refuse(incident.id() + " is private: only " + who + " may publish it on the public status page",
                        "Ask " + lead.name() + ", or publish it to the channel only: `update <message>` without --public");
            }
            if (command instanceof Command.OfferHandOff) {
                return bot || isLead ? Optional.empty() : refuse("Only " + who + " or incidentkit offers the IMOC role",
                        "Ask " + lead.name() + " to hand off: `handoff`");
            }
            if (command instanceof Command.AcceptHandOff) {
                boolean offered = incident.openHandOffOffers(Role.IMOC).stream().anyMatch(p -> p.id().equals(actor.id()));
                return offered ? Optional.empty() : refuse("Only a person the IMOC role was offered to may accept it",
                        "Ask " + lead.name() + " to hand off to you: `handoff @" + actor.id() + "`");
            }
            if (isLead || bot) {
                return Optional.empty();
            }
            if (command instanceof Command.PublishUpdate || command instanceof Command.ConfirmUpdate
                    || command instanceof Command.MarkComponents || command instanceof Command.PostTemplate) {
                if (!holds(incident, Role.COMMUNICATIONS_LEAD, actor)) {
                    return refuse("Only " + who + " or the communications lead may publish to the public status page",
                            "Ask them, or add your draft as a note: `note draft update: …`");
                }
                Optional<IncidentStatus> carried = command instanceof Command.PublishUpdate u ? u.status()
                        : command instanceof Command.ConfirmUpdate ? incident.pendingDraft().map(d -> d.status())
                        : Optional.empty();
                return carried.filter(s -> s != incident.status())
                        .flatMap(s -> statusRule(incident, s, actor, who, lead));
            }
            if (command instanceof Command.ChangeStatus c) {
                return statusRule(incident, c.status(), actor, who, lead);
            }
            if (command instanceof Command.MuteReminders m) {
                boolean audience = m.policy().startsWith("status") ? holds(incident, Role.COMMUNICATIONS_LEAD, actor)
                        : m.policy().startsWith("page") && incident.all(dev.incidentkit.incident.Paged.class).stream()
                                .anyMatch(p -> p.target().id().equals(actor.id()));
                return audience ? Optional.empty() : refuse("Only " + who + " or the people these reminders are for may mute "
                        + m.policy() + " reminders", "Ask " + lead.name() + ", or snooze your own reminders: `remind me in 30m`");
            }
            if (command instanceof Command.FollowUpDone f) {
                boolean owner = !f.source().isEmpty() // closed in the issue tracker, reported by its signed webhook
                        || incident.followUps().stream().anyMatch(u -> u.number() == f.number() && u.by().id().equals(actor.id()));
                return owner ? Optional.empty() : refuse("Only whoever added follow-up " + f.number() + " or " + who
                        + " may mark it done", "Ask them, or close its issue in the tracker");
            }
            String action = command instanceof Command.Resolve ? "resolve"
                    : command instanceof Command.Close ? "close"
                    : command instanceof Command.Cancel ? "cancel"
                    : command instanceof Command.ChangeSeverity ? "change the severity of"
                    : command instanceof Command.HandOff ? "hand off"
                    : command instanceof Command.AssignRole ? "give roles in"
                    : command instanceof Command.MoveChannel ? "move the channel of"
                    : null;
            if (action == null) {
                return Optional.empty();
            }
            return refuse("Only " + who + " may " + action + " " + incident.id(),
                    "Ask " + lead.name() + " in the channel, or add a note: `note suggest we " + action.split(" ")[0] + "`");
        };
    }

    /** Who may move the status to {@code to}: the lead, or the technical lead except to resolve or reopen. */
    private static Optional<Decision.Rejected> statusRule(Incident incident, IncidentStatus to, PersonRef actor, String who,
                                                         PersonRef lead) {
        boolean leadOnly = to == IncidentStatus.RESOLVED || incident.status() == IncidentStatus.RESOLVED;
        if (!leadOnly && holds(incident, Role.TECHNICAL_LEAD, actor)) {
            return Optional.empty();
        }
        String move = to == IncidentStatus.RESOLVED ? "resolve " + incident.id()
                : incident.status() == IncidentStatus.RESOLVED ? "reopen " + incident.id()
                : "change the status of " + incident.id();
        return refuse("Only " + who + (leadOnly ? "" : " or the technical lead") + " may " + move,
                "Ask " + lead.name() + " in the channel, or add a note: `note suggest status " + to.chatName() + "`");
    }

    /** Whether a command would put a private incident on the public status page. */
    private static boolean goesPublic(Incident incident, Command command) {
        return command instanceof Command.PublishUpdate u && u.publicly()
                || command instanceof Command.ConfirmUpdate && incident.pendingDraft().map(d -> d.publicly()).orElse(false);
    }

    private static boolean holds(Incident incident, Role role, PersonRef actor) {
        return incident.holder(role).map(p -> p.id().equals(actor.id())).orElse(false);
    }

    private static Optional<Decision.Rejected> refuse(String reason, String instead) {
        return Optional.of(new Decision.Rejected(reason, instead));
    }
}
