package dev.incidentkit.spi;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.Decision;
import dev.incidentkit.incident.Incident;
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
     * The default rules: anyone may declare, add notes, follow-ups and milestones, acknowledge their own
     * page, and read; only the IMOC or the communications lead may publish to the public status page
     * (update, confirm, components, template);
     * only the IMOC may resolve, close, cancel, change severity or give the IMOC role away. While an
     * incident has no IMOC, anyone may do anything.
     *
     * @return the policy
     */
    static AccessPolicy defaults() {
        return (incident, command, actor) -> {
            Optional<PersonRef> imoc = incident.imoc();
            if (!incident.isDeclared() || imoc.isEmpty() || imoc.get().id().equals(actor.id())) {
                return Optional.empty();
            }
            String who = imoc.get().name();
            if (command instanceof Command.PublishUpdate || command instanceof Command.ConfirmUpdate
                    || command instanceof Command.MarkComponents || command instanceof Command.PostTemplate) {
                boolean comms = incident.holder(Role.COMMUNICATIONS_LEAD).map(p -> p.id().equals(actor.id())).orElse(false);
                return comms ? Optional.empty() : refuse(
                        "Only the IMOC (" + who + ") or the communications lead may publish to the public status page",
                        "Ask them, or add your draft as a note: `note draft update: …`");
            }
            String action = command instanceof Command.Resolve ? "resolve"
                    : command instanceof Command.Close ? "close"
                    : command instanceof Command.Cancel ? "cancel"
                    : command instanceof Command.ChangeSeverity ? "change the severity of"
                    : command instanceof Command.HandOff ? "hand off"
                    : command instanceof Command.AssignRole a && a.role() == Role.IMOC ? "give away the IMOC role of"
                    : null;
            if (action == null) {
                return Optional.empty();
            }
            return refuse("Only the IMOC (" + who + ") may " + action + " " + incident.id(),
                    "Ask " + who + " in the channel, or add a note: `note suggest we " + action.split(" ")[0] + "`");
        };
    }

    private static Optional<Decision.Rejected> refuse(String reason, String instead) {
        return Optional.of(new Decision.Rejected(reason, instead));
    }
}
