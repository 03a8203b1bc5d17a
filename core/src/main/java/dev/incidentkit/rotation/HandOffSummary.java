package dev.incidentkit.rotation;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.NoteAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hand-off summary posted to the incident's channel when the IMOC changes: where the incident
 * stands, what customers were last told, what is left to do, and who holds which role. Plain text with
 * {@code *bold*} and {@code `code`} markup that every chat adapter renders.
 *
 * @since 0.1
 */
public final class HandOffSummary {
    private HandOffSummary() {}

    /**
     * Writes the summary of an incident. Pure: the same incident and instant give the same text.
     *
     * @param incident the incident, declared
     * @param now the instant the summary is for, to say how long ago things happened
     * @return the summary, several lines
     * @throws IllegalStateException if the incident has not been declared
     */
    public static String text(Incident incident, Instant now) {
        requireNonNull(incident, "incident");
        requireNonNull(now, "now");
        StringBuilder out = new StringBuilder();
        out.append("*Hand-off summary for ").append(incident.id()).append(incident.drill() ? " (drill)" : "")
                .append(":* ").append(incident.title()).append('\n');
        out.append("*Status:* ").append(incident.severity().chatName()).append(", ").append(incident.status().chatName())
                .append(", declared ").append(ago(incident.declaredAt(), now)).append('\n');
        out.append("*Roles:* ");
        for (Role role : Role.values()) {
            Optional<PersonRef> holder = incident.holder(role);
            out.append(role.title()).append(' ').append(holder.map(PersonRef::name).orElse("(nobody)"))
                    .append(role.ordinal() < Role.values().length - 1 ? "; " : "\n");
        }
        Optional<StatusUpdatePublished> update = incident.lastPublicUpdate();
        if (update.isPresent()) {
            out.append("*Last public update* (").append(ago(update.get().at(), now)).append(", ")
                    .append(update.get().status().chatName()).append("): ").append(update.get().message()).append('\n');
        } else {
            out.append("*Last public update:* none yet; type `update <message>` to publish one\n");
        }
        incident.last(NoteAdded.class).ifPresent(n -> out.append("*Last note* (").append(ago(n.at(), now)).append(", ")
                .append(n.by().name()).append("): ").append(n.text()).append('\n'));
        List<FollowUpAdded> followUps = incident.followUps();
        if (followUps.isEmpty()) {
            out.append("*Open follow-ups:* none\n");
        } else {
            out.append("*Open follow-ups:*\n");
            for (FollowUpAdded f : followUps) {
                out.append("  ").append(f.number()).append(". ").append(f.text()).append('\n');
            }
        }
        List<PersonRef> pages = incident.unacknowledgedPages();
        if (!pages.isEmpty()) {
            out.append("*Pages not acknowledged:* ")
                    .append(String.join(", ", pages.stream().map(PersonRef::name).toList())).append('\n');
        }
        return out.toString().strip();
    }

    private static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.getSeconds() < 60) {
            return "just now";
        }
        return Durations.format(Duration.ofMinutes(d.toMinutes())) + " ago";
    }
}
