package dev.incidentkit.report;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a service-disruption report, computed once from an incident's timeline by
 * {@link ServiceDisruptionReport#of}, so that every {@link ReportTemplate} renders the same numbers.
 *
 * <p>Times are instants (render them in UTC with {@link ReportFormat}); durations are never negative.
 * A figure that cannot be computed (a milestone was not recorded) is empty, and {@link #caveats()} says
 * in plain sentences where the report had to fall back or guess.
 *
 * @param id the incident's id
 * @param title what was wrong
 * @param drill whether it was a practice incident
 * @param severity the severity at the end
 * @param declaredSeverity the severity it was declared with
 * @param severityChanges every change of severity, in order
 * @param status the status at the end
 * @param declaredAt when it was declared
 * @param declaredBy who declared it
 * @param resolvedAt when it was (last) resolved, if resolved or closed
 * @param cancellation the cancellation, if it was a false alarm
 * @param closedAt when it was closed, if closed
 * @param asOf the time of the last event: what the report is "as of" while the incident is open
 * @param duration declaration to resolution or cancellation (to {@code asOf} while open)
 * @param impact when customers were affected; empty for a cancelled incident (a false alarm)
 * @param timeToDetect impact started to detected (or to the declaration if detection was not recorded)
 * @param timeToAcknowledge the first page to the first acknowledgement
 * @param timeToMitigate impact start (or the fallback in {@link ImpactWindow#startSource()}) to mitigated
 * @param timeToResolve impact start (or the fallback) to resolved
 * @param publicUpdates the public status updates, verbatim, in order
 * @param timeline one entry per event, in the order things happened (milestones at the time they
 *     happened, not when they were recorded)
 * @param statusPeriods how long the incident spent in each status, in order
 * @param roles who held which role when, by role then time
 * @param followUps the follow-ups, in order
 * @param links the external links, in order
 * @param participants everyone who joined, held a role or acted, in order of first appearance
 * @param caveats plain sentences on what the report had to assume; empty when nothing was missing
 * @param drillScore the trainee IMOC's score, present for a drill
 * @since 0.1
 */
public record ReportData(
        IncidentId id,
        String title,
        boolean drill,
        Severity severity,
        Severity declaredSeverity,
        List<SeverityChanged> severityChanges,
        IncidentStatus status,
        Instant declaredAt,
        PersonRef declaredBy,
        Optional<Instant> resolvedAt,
        Optional<Cancelled> cancellation,
        Optional<Instant> closedAt,
        Instant asOf,
        Duration duration,
        Optional<ImpactWindow> impact,
        Measure timeToDetect,
        Measure timeToAcknowledge,
        Measure timeToMitigate,
        Measure timeToResolve,
        List<StatusUpdatePublished> publicUpdates,
        List<TimelineEntry> timeline,
        List<StatusPeriod> statusPeriods,
        List<RoleTenure> roles,
        List<FollowUpAdded> followUps,
        List<LinkAdded> links,
        List<PersonRef> participants,
        List<String> caveats,
        Optional<DrillScore> drillScore) {

    /** Checks nulls and copies the lists. */
    public ReportData {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        requireNonNull(declaredSeverity, "declaredSeverity");
        severityChanges = List.copyOf(severityChanges);
        requireNonNull(status, "status");
        requireNonNull(declaredAt, "declaredAt");
        requireNonNull(declaredBy, "declaredBy");
        requireNonNull(resolvedAt, "resolvedAt");
        requireNonNull(cancellation, "cancellation");
        requireNonNull(closedAt, "closedAt");
        requireNonNull(asOf, "asOf");
        requireNonNull(duration, "duration");
        requireNonNull(impact, "impact");
        requireNonNull(timeToDetect, "timeToDetect");
        requireNonNull(timeToAcknowledge, "timeToAcknowledge");
        requireNonNull(timeToMitigate, "timeToMitigate");
        requireNonNull(timeToResolve, "timeToResolve");
        publicUpdates = List.copyOf(publicUpdates);
        timeline = List.copyOf(timeline);
        statusPeriods = List.copyOf(statusPeriods);
        roles = List.copyOf(roles);
        followUps = List.copyOf(followUps);
        links = List.copyOf(links);
        participants = List.copyOf(participants);
        caveats = List.copyOf(caveats);
        requireNonNull(drillScore, "drillScore");
    }

    /**
     * Returns whether the incident was cancelled as a false alarm.
     *
     * @return true if cancelled
     */
    public boolean isCancelled() {
        return cancellation.isPresent();
    }

    /**
     * Returns whether customers may still be affected (neither resolved, closed nor cancelled).
     *
     * @return true while the incident is active
     */
    public boolean isOngoing() {
        return status.isActive();
    }

    /**
     * Returns who held a role, in order, each once per tenure.
     *
     * @param role the role
     * @return the tenures of that role
     */
    public List<RoleTenure> tenures(Role role) {
        requireNonNull(role, "role");
        return roles.stream().filter(t -> t.role() == role).toList();
    }

    /**
     * When customers were affected, and where each end of the window comes from.
     *
     * @param start when the impact started (or the fallback named by {@code startSource})
     * @param startSource where {@code start} comes from: {@link Source#RECORDED} (the
     *     "impact started" milestone), {@link Source#DETECTED} or {@link Source#DECLARED}
     * @param end when the impact ended; empty while the incident is active
     * @param endSource where {@code end} comes from: {@link Source#RECORDED} (the "mitigated"
     *     milestone), {@link Source#RESOLVED}, or {@link Source#NONE} when there is no end yet
     * @since 0.1
     */
    public record ImpactWindow(Instant start, Source startSource, Optional<Instant> end, Source endSource) {

        /** Checks nulls. */
        public ImpactWindow {
            requireNonNull(start, "start");
            requireNonNull(startSource, "startSource");
            requireNonNull(end, "end");
            requireNonNull(endSource, "endSource");
        }

        /**
         * Returns how long customers were affected.
         *
         * @return the length; empty while open or if the end is recorded before the start
         */
        public Optional<Duration> length() {
            return end.filter(e -> !e.isBefore(start)).map(e -> Duration.between(start, e));
        }

        /**
         * Returns whether both ends come from the milestones people recorded, with no fallback.
         *
         * @return true if recorded
         */
        public boolean isRecorded() {
            return startSource == Source.RECORDED && endSource == Source.RECORDED;
        }
    }

    /**
     * Where a time in the impact window comes from.
     *
     * @since 0.1
     */
    public enum Source {
        /** A milestone people recorded ("impact started", "mitigated"). */
        RECORDED,
        /** The "detected" milestone, as impact start was not recorded. */
        DETECTED,
        /** The declaration, as neither impact start nor detection was recorded. */
        DECLARED,
        /** The resolution, as mitigation was not recorded. */
        RESOLVED,
        /** Nothing yet: the incident is still active. */
        NONE
    }

    /**
     * A span between two moments, either of which may be unknown, with names for people.
     *
     * @param from when it starts, if known
     * @param to when it ends, if known
     * @param fromLabel what the start is, e.g. {@code impact started}
     * @param toLabel what the end is, e.g. {@code detected}
     * @since 0.1
     */
    public record Measure(Optional<Instant> from, Optional<Instant> to, String fromLabel, String toLabel) {

        /** Checks the fields. */
        public Measure {
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            fromLabel = Checks.text(fromLabel, "fromLabel");
            toLabel = Checks.text(toLabel, "toLabel");
        }

        /**
         * Returns the length.
         *
         * @return the length; empty if either end is unknown or the end is before the start
         */
        public Optional<Duration> duration() {
            if (from.isEmpty() || to.isEmpty() || to.get().isBefore(from.get())) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(from.get(), to.get()));
        }

        /**
         * Returns the basis for people, e.g. {@code impact started → detected}.
         *
         * @return the basis
         */
        public String basis() {
            return fromLabel + " → " + toLabel;
        }
    }

    /**
     * One line of the timeline.
     *
     * @param at when it happened (for a milestone, when it occurred rather than when it was recorded)
     * @param by who did it
     * @param what one line of plain text, without markup, e.g. {@code Status investigating → identified}
     * @param event the event itself, for templates that want more
     * @since 0.1
     */
    public record TimelineEntry(Instant at, PersonRef by, String what, IncidentEvent event) {

        /** Checks the fields. */
        public TimelineEntry {
            requireNonNull(at, "at");
            requireNonNull(by, "by");
            requireNonNull(what, "what");
            requireNonNull(event, "event");
        }
    }

    /**
     * A stretch of time the incident spent in one status.
     *
     * @param status the status
     * @param from when it entered the status
     * @param until when it left; empty if it is still in it
     * @since 0.1
     */
    public record StatusPeriod(IncidentStatus status, Instant from, Optional<Instant> until) {

        /** Checks nulls. */
        public StatusPeriod {
            requireNonNull(status, "status");
            requireNonNull(from, "from");
            requireNonNull(until, "until");
        }
    }

    /**
     * One person's time in one role.
     *
     * @param role the role
     * @param person who held it
     * @param from when they took it
     * @param until when they handed it off; empty if they held it to the end
     * @param held how long they held it: to the hand-off, or to the resolution, the cancellation or
     *     {@code asOf} if they held it to the end
     * @since 0.1
     */
    public record RoleTenure(Role role, PersonRef person, Instant from, Optional<Instant> until, Duration held) {

        /** Checks nulls. */
        public RoleTenure {
            requireNonNull(role, "role");
            requireNonNull(person, "person");
            requireNonNull(from, "from");
            requireNonNull(until, "until");
            requireNonNull(held, "held");
            if (held.isNegative()) {
                throw new IllegalArgumentException("a role is held for a duration that is not negative; got " + held);
            }
        }
    }
}
