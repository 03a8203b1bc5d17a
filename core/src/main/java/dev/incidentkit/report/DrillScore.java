package dev.incidentkit.report;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.ReminderFired;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.StatusUpdatePublished;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A short score for the trainee IMOC of a drill: how soon the first public update went out, how many
 * reminders it took, and whether the IMOC role was handed off.
 *
 * <p>A reminder that fired means something was late: each {@code status-update…} reminder is a public
 * update that was due and missed, each {@code page-ack…} reminder a page nobody acknowledged in time.
 * Reminders from other policies do not count.
 *
 * @param incident the drill's id
 * @param trainee the first IMOC, if one was assigned
 * @param timeToFirstPublicUpdate declaration to the first public update; empty if none was published
 * @param statusUpdatesMissed how many status-update reminders fired
 * @param pagesNotAcknowledged how many page-acknowledgement reminders fired
 * @param handOff the first hand-off of the IMOC role, if there was one
 * @since 0.1
 */
public record DrillScore(
        IncidentId incident,
        Optional<PersonRef> trainee,
        Optional<Duration> timeToFirstPublicUpdate,
        int statusUpdatesMissed,
        int pagesNotAcknowledged,
        Optional<HandedOff> handOff) {

    /** The prefix of the keys of reminders that a public status update is due. */
    public static final String STATUS_UPDATE_REMINDER = "status-update";

    /** The prefix of the keys of reminders that a page has not been acknowledged. */
    public static final String PAGE_ACK_REMINDER = "page-ack";

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if a count is negative or the hand-off is not of the IMOC role
     */
    public DrillScore {
        requireNonNull(incident, "incident");
        requireNonNull(trainee, "trainee");
        requireNonNull(timeToFirstPublicUpdate, "timeToFirstPublicUpdate");
        requireNonNull(handOff, "handOff");
        if (statusUpdatesMissed < 0 || pagesNotAcknowledged < 0) {
            throw new IllegalArgumentException("reminder counts are not negative; got " + statusUpdatesMissed
                    + " and " + pagesNotAcknowledged);
        }
        handOff.ifPresent(h -> {
            if (h.role() != Role.IMOC) {
                throw new IllegalArgumentException("a drill scores the IMOC hand-off; got a hand-off of " + h.role());
            }
        });
    }

    /**
     * Scores an incident from its timeline. Meant for drills, but works on any declared incident.
     *
     * @param incident a declared incident, usually a drill
     * @return the score
     * @throws IllegalArgumentException if the incident has not been declared
     */
    public static DrillScore of(Incident incident) {
        requireNonNull(incident, "incident");
        if (!incident.isDeclared()) {
            throw new IllegalArgumentException(incident.id() + " has not been declared; there is nothing to score");
        }
        Instant declaredAt = incident.declaredAt();
        Optional<Duration> firstUpdate = incident.all(StatusUpdatePublished.class).stream()
                .findFirst()
                .map(u -> Duration.between(declaredAt, u.at()));
        int missed = 0;
        int unacknowledged = 0;
        for (ReminderFired r : incident.all(ReminderFired.class)) {
            if (r.key().startsWith(STATUS_UPDATE_REMINDER)) {
                missed++;
            } else if (r.key().startsWith(PAGE_ACK_REMINDER)) {
                unacknowledged++;
            }
        }
        Optional<PersonRef> trainee = incident.all(RoleAssigned.class).stream()
                .filter(r -> r.role() == Role.IMOC)
                .findFirst()
                .map(RoleAssigned::person);
        Optional<HandedOff> handOff = incident.all(HandedOff.class).stream()
                .filter(h -> h.role() == Role.IMOC)
                .findFirst();
        return new DrillScore(incident.id(), trainee, firstUpdate, missed, unacknowledged, handOff);
    }

    /**
     * Returns how many reminders fired that the IMOC should have made unnecessary.
     *
     * @return missed status updates plus unacknowledged pages
     */
    public int remindersIgnored() {
        return statusUpdatesMissed + pagesNotAcknowledged;
    }

    /**
     * Returns whether the IMOC role was handed off.
     *
     * @return true if handed off
     */
    public boolean handedOff() {
        return handOff.isPresent();
    }

    /**
     * Returns the score as a few short lines of plain text for posting in chat, e.g.
     * <pre>
     * Drill score for INC-7 (trainee IMOC: Alice)
     * • First public update: 12m after declaring
     * • Reminders ignored: 1 (1 status update missed)
     * • Hand-off: done, Alice → Bob
     * </pre>
     *
     * @return the lines, heading first
     */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("Drill score for " + incident + trainee.map(t -> " (trainee IMOC: " + t.name() + ")").orElse(""));
        lines.add("• First public update: " + timeToFirstPublicUpdate
                .map(d -> ReportFormat.duration(d) + " after declaring")
                .orElse("none was published"));
        if (remindersIgnored() == 0) {
            lines.add("• Reminders ignored: none");
        } else {
            List<String> parts = new ArrayList<>();
            if (statusUpdatesMissed > 0) {
                parts.add(statusUpdatesMissed + (statusUpdatesMissed == 1 ? " status update" : " status updates") + " missed");
            }
            if (pagesNotAcknowledged > 0) {
                parts.add(pagesNotAcknowledged + (pagesNotAcknowledged == 1 ? " page" : " pages") + " not acknowledged in time");
            }
            lines.add("• Reminders ignored: " + remindersIgnored() + " (" + String.join(", ", parts) + ")");
        }
        lines.add("• Hand-off: " + handOff.map(h -> "done, " + h.from().name() + " → " + h.to().name()).orElse("not done"));
        return List.copyOf(lines);
    }
}
