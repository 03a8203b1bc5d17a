package dev.incidentkit.report;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Cancelled;
import dev.incidentkit.incident.Closed;
import dev.incidentkit.incident.Declared;
import dev.incidentkit.incident.HandedOff;
import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentEvent;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Milestone;
import dev.incidentkit.incident.MilestoneRecorded;
import dev.incidentkit.incident.PageAcknowledged;
import dev.incidentkit.incident.Paged;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.RoleAssigned;
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.report.ReportData.ImpactWindow;
import dev.incidentkit.report.ReportData.Measure;
import dev.incidentkit.report.ReportData.RoleTenure;
import dev.incidentkit.report.ReportData.Source;
import dev.incidentkit.report.ReportData.StatusPeriod;
import dev.incidentkit.report.ReportData.TimelineEntry;
import dev.incidentkit.report.internal.EventLines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service-disruption report of one incident: its {@link ReportData figures}, computed from the
 * timeline alone, and their rendering by a {@link ReportTemplate}.
 *
 * <pre>{@code
 * ServiceDisruptionReport report = ServiceDisruptionReport.of(incident);
 * String markdown = report.markdown();                    // the built-in template
 * String custom = report.render(data -> "# " + data.title());
 * Duration ttd = report.data().timeToDetect().duration().orElseThrow();
 * }</pre>
 *
 * <p>Deterministic: the same timeline always gives the same report; nothing reads the clock. An open
 * incident is reported as of its last event. Event types this version does not know are shown in the
 * timeline generically and otherwise ignored.
 *
 * @param data the figures
 * @since 0.1
 */
public record ServiceDisruptionReport(ReportData data) {

    /** Checks the data. */
    public ServiceDisruptionReport {
        requireNonNull(data, "data");
    }

    /**
     * Computes the report of an incident from its timeline.
     *
     * @param incident a declared incident, open or not
     * @return the report
     * @throws IllegalArgumentException if the incident has not been declared
     */
    public static ServiceDisruptionReport of(Incident incident) {
        requireNonNull(incident, "incident");
        if (!incident.isDeclared()) {
            throw new IllegalArgumentException(incident.id() + " has not been declared; there is nothing to report");
        }
        return new ServiceDisruptionReport(new Builder(incident).build());
    }

    /**
     * Renders the report with the built-in {@link MarkdownReportTemplate}.
     *
     * @return GitHub Markdown
     */
    public String markdown() {
        return render(MarkdownReportTemplate.create());
    }

    /**
     * Renders the report with a template.
     *
     * @param template the template
     * @return what the template made of the figures
     */
    public String render(ReportTemplate template) {
        return requireNonNull(template, "template").render(data);
    }

    /** Computes the figures of one incident. */
    private static final class Builder {
        private final Incident incident;
        private final List<String> caveats = new ArrayList<>();
        private final Instant asOf;
        private final Optional<Cancelled> cancellation;
        private final Optional<Instant> resolvedAt;
        private final Map<Milestone, Instant> milestones;

        Builder(Incident incident) {
            this.incident = incident;
            this.asOf = incident.timeline().stream().map(IncidentEvent::at).max(Comparator.naturalOrder()).orElseThrow();
            this.cancellation = incident.status() == IncidentStatus.CANCELLED ? incident.last(Cancelled.class) : Optional.empty();
            this.resolvedAt = incident.resolvedAt();
            this.milestones = incident.milestones();
        }

        ReportData build() {
            Declared declared = (Declared) incident.timeline().get(0);
            Instant declaredAt = declared.at();
            Optional<ImpactWindow> impact = impact(declaredAt);
            Instant start = impact.map(ImpactWindow::start).orElse(declaredAt);
            String startLabel = impact.map(w -> startLabel(w.startSource())).orElse("declared");

            Measure detect = new Measure(
                    Optional.ofNullable(milestones.get(Milestone.IMPACT_STARTED)),
                    Optional.of(milestones.getOrDefault(Milestone.DETECTED, declaredAt)),
                    "impact started",
                    milestones.containsKey(Milestone.DETECTED) ? "detected" : "declared");
            Measure acknowledge = acknowledge();
            Measure mitigate = new Measure(Optional.of(start), Optional.ofNullable(milestones.get(Milestone.MITIGATED)),
                    startLabel, "mitigated");
            Measure resolve = new Measure(Optional.of(start), resolvedAt, startLabel, "resolved");
            checkOrder("Time to detect", detect);
            checkOrder("Time to acknowledge", acknowledge);
            checkOrder("Time to mitigate", mitigate);
            checkOrder("Time to resolve", resolve);
            if (incident.status().isActive()) {
                caveats.add("The incident is still " + incident.status().chatName() + "; this report is as of "
                        + ReportFormat.time(asOf) + ".");
            }
            Instant end = resolvedAt.or(() -> cancellation.map(Cancelled::at)).orElse(asOf);

            return new ReportData(
                    incident.id(),
                    incident.title(),
                    incident.drill(),
                    incident.severity(),
                    declared.severity(),
                    incident.all(SeverityChanged.class),
                    incident.status(),
                    declaredAt,
                    declared.by(),
                    resolvedAt,
                    cancellation,
                    incident.status() == IncidentStatus.CLOSED ? incident.last(Closed.class).map(Closed::at) : Optional.empty(),
                    asOf,
                    incident.duration(asOf),
                    impact,
                    detect,
                    acknowledge,
                    mitigate,
                    resolve,
                    incident.all(StatusUpdatePublished.class),
                    timeline(),
                    statusPeriods(),
                    roles(end),
                    incident.followUps(),
                    incident.links(),
                    incident.participants(),
                    caveats,
                    incident.drill() ? Optional.of(DrillScore.of(incident)) : Optional.empty());
        }

        private Optional<ImpactWindow> impact(Instant declaredAt) {
            if (cancellation.isPresent()) {
                return Optional.empty();
            }
            Instant start;
            Source startSource;
            if (milestones.containsKey(Milestone.IMPACT_STARTED)) {
                start = milestones.get(Milestone.IMPACT_STARTED);
                startSource = Source.RECORDED;
            } else if (milestones.containsKey(Milestone.DETECTED)) {
                start = milestones.get(Milestone.DETECTED);
                startSource = Source.DETECTED;
                caveats.add("Impact start was not recorded, so time to detect is not known and the impact window"
                        + " starts when the problem was detected" + earlier());
            } else {
                start = declaredAt;
                startSource = Source.DECLARED;
                caveats.add("Neither impact start nor detection was recorded, so time to detect is not known and"
                        + " the impact window starts at the declaration" + earlier());
            }
            Optional<Instant> end;
            Source endSource;
            if (milestones.containsKey(Milestone.MITIGATED)) {
                end = Optional.of(milestones.get(Milestone.MITIGATED));
                endSource = Source.RECORDED;
            } else if (resolvedAt.isPresent()) {
                end = resolvedAt;
                endSource = Source.RESOLVED;
                caveats.add("Mitigation was not recorded, so the impact window ends at the resolution.");
            } else {
                end = Optional.empty();
                endSource = Source.NONE;
            }
            return Optional.of(new ImpactWindow(start, startSource, end, endSource));
        }

        private String earlier() {
            return incident.drill() ? "." : "; customers may have been affected earlier.";
        }

        private static String startLabel(Source source) {
            switch (source) {
                case DETECTED:
                    return "detected";
                case DECLARED:
                    return "declared";
                default:
                    return "impact started";
            }
        }

        private Measure acknowledge() {
            Optional<Paged> firstPage = incident.all(Paged.class).stream().findFirst();
            Optional<Instant> ack = firstPage.flatMap(p -> incident.all(PageAcknowledged.class).stream()
                    .filter(a -> a.seq() > p.seq())
                    .findFirst()
                    .map(PageAcknowledged::at));
            return new Measure(firstPage.map(Paged::at), ack, "first page", "first acknowledgement");
        }

        private void checkOrder(String name, Measure m) {
            if (m.from().isPresent() && m.to().isPresent() && m.to().get().isBefore(m.from().get())) {
                caveats.add(name + " is not shown: " + m.toLabel() + " (" + ReportFormat.time(m.to().get())
                        + ") is recorded before " + m.fromLabel() + " (" + ReportFormat.time(m.from().get())
                        + "); check the milestones.");
            }
        }

        private List<TimelineEntry> timeline() {
            List<TimelineEntry> entries = new ArrayList<>();
            for (IncidentEvent e : incident.timeline()) {
                Instant at = e instanceof MilestoneRecorded m ? m.occurredAt() : e.at();
                entries.add(new TimelineEntry(at, e.by(), EventLines.describe(e), e));
            }
            entries.sort(Comparator.comparing(TimelineEntry::at)); // stable: same time keeps timeline order
            return entries;
        }

        private List<StatusPeriod> statusPeriods() {
            List<StatusPeriod> periods = new ArrayList<>();
            IncidentStatus current = null;
            Instant since = null;
            for (IncidentEvent e : incident.timeline()) {
                IncidentStatus next = null;
                if (e instanceof Declared) {
                    next = IncidentStatus.INVESTIGATING;
                } else if (e instanceof StatusChanged s) {
                    next = s.to();
                } else if (e instanceof Closed) {
                    next = IncidentStatus.CLOSED;
                } else if (e instanceof Cancelled) {
                    next = IncidentStatus.CANCELLED;
                }
                if (next != null) {
                    if (current != null) {
                        periods.add(new StatusPeriod(current, since, Optional.of(e.at())));
                    }
                    current = next;
                    since = e.at();
                }
            }
            if (current != null) {
                periods.add(new StatusPeriod(current, since, Optional.empty()));
            }
            return periods;
        }

        private List<RoleTenure> roles(Instant end) {
            Map<Role, Instant> openSince = new EnumMap<>(Role.class);
            List<RoleTenure> tenures = new ArrayList<>();
            Map<Role, PersonRef> holder = new EnumMap<>(Role.class);
            for (IncidentEvent e : incident.timeline()) {
                Role role = null;
                PersonRef next = null;
                if (e instanceof RoleAssigned r) {
                    role = r.role();
                    next = r.person();
                } else if (e instanceof HandedOff h) {
                    role = h.role();
                    next = h.to();
                }
                if (role == null) {
                    continue;
                }
                if (holder.containsKey(role)) {
                    tenures.add(tenure(role, holder.get(role), openSince.get(role), Optional.of(e.at()), end));
                }
                holder.put(role, next);
                openSince.put(role, e.at());
            }
            holder.forEach((role, person) -> tenures.add(tenure(role, person, openSince.get(role), Optional.empty(), end)));
            tenures.sort(Comparator.comparing(RoleTenure::role).thenComparing(RoleTenure::from));
            return tenures;
        }

        private static RoleTenure tenure(Role role, PersonRef person, Instant from,
                Optional<Instant> until, Instant end) {
            Duration held = Duration.between(from, until.orElse(end));
            return new RoleTenure(role, person, from, until, held.isNegative() ? Duration.ZERO : held);
        }
    }
}
