package dev.incidentkit.report;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.FollowUpAdded;
import dev.incidentkit.incident.LinkAdded;
import dev.incidentkit.incident.LinkKind;
import dev.incidentkit.incident.MilestoneRecorded;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.SeverityChanged;
import dev.incidentkit.incident.StatusUpdatePublished;
import dev.incidentkit.report.ReportData.ImpactWindow;
import dev.incidentkit.report.ReportData.Measure;
import dev.incidentkit.report.ReportData.RoleTenure;
import dev.incidentkit.report.ReportData.StatusPeriod;
import dev.incidentkit.report.ReportData.TimelineEntry;
import dev.incidentkit.report.internal.Markdown;
import dev.incidentkit.report.internal.Mermaid;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in report template: GitHub-flavoured Markdown with a summary, the impact window, the key
 * figures, the public status updates verbatim, the timeline as a table, who held which role when, the
 * follow-ups and links, and a Mermaid gantt diagram of the incident that GitHub draws.
 *
 * <p>Drills are marked as practice throughout and end with the {@link DrillScore}; cancelled incidents
 * get a short record of the false alarm instead of impact figures. All text taken from the timeline is
 * escaped, so a {@code |} in a note cannot break a table nor a {@code :} the diagram.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class MarkdownReportTemplate implements ReportTemplate {
    private static final MarkdownReportTemplate INSTANCE = new MarkdownReportTemplate();
    private static final DateTimeFormatter MERMAID_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MarkdownReportTemplate() {}

    /**
     * Returns the template.
     *
     * @return the built-in Markdown template
     */
    public static MarkdownReportTemplate create() {
        return INSTANCE;
    }

    @Override
    public String render(ReportData data) {
        requireNonNull(data, "data");
        StringBuilder out = new StringBuilder();
        heading(out, data);
        summary(out, data);
        if (!data.isCancelled()) {
            impact(out, data);
        }
        figures(out, data);
        updates(out, data);
        timeline(out, data);
        roles(out, data);
        if (!data.isCancelled() || !data.followUps().isEmpty()) {
            followUps(out, data);
        }
        links(out, data);
        data.drillScore().ifPresent(score -> drillScore(out, score));
        if (!data.drill() && !data.isCancelled()) {
            out.append("## Analysis\n\n")
                    .append("_To be written by the IMOC and the responders: what happened and why, what went well,"
                            + " what went badly, and where we got lucky._\n\n");
        }
        diagram(out, data);
        return out.toString();
    }

    // ------------------------------------------------------------------ sections

    private static void heading(StringBuilder out, ReportData d) {
        String name = d.id() + " " + Markdown.inline(d.title());
        if (d.isCancelled()) {
            out.append("# ").append(d.drill() ? "DRILL — " : "").append("Cancelled incident: ").append(name).append("\n\n");
        } else {
            out.append("# ").append(d.drill() ? "DRILL — " : "").append("Service-disruption report: ").append(name).append("\n\n");
        }
        if (d.drill()) {
            out.append("> [!NOTE]\n> **This was a drill**, a practice incident: nothing reached the public status page,"
                    + " only participants were paged, and no customer was affected.\n\n");
        }
        d.cancellation().ifPresent(c -> out.append("> [!NOTE]\n> **Cancelled as a false alarm** at ")
                .append(ReportFormat.time(c.at())).append(" by ").append(Markdown.inline(c.by().name()))
                .append(c.reason().isEmpty() ? "." : ": " + Markdown.inline(c.reason()) + (endsLikeASentence(c.reason()) ? "" : "."))
                .append(" This record keeps the timeline; no impact figures apply.\n\n"));
        if (d.isOngoing()) {
            out.append("> [!WARNING]\n> **Still ").append(d.status().chatName()).append("**: this is a draft as of ")
                    .append(ReportFormat.time(d.asOf())).append(".\n\n");
        }
    }

    private static boolean endsLikeASentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?");
    }

    private static void summary(StringBuilder out, ReportData d) {
        out.append("## Summary\n\n");
        out.append("- **Severity:** ").append(severity(d)).append('\n');
        out.append("- **Status:** ").append(d.status().chatName()).append('\n');
        out.append("- **Declared:** ").append(ReportFormat.time(d.declaredAt())).append(" by ")
                .append(name(d.declaredBy())).append('\n');
        d.resolvedAt().ifPresent(t -> out.append("- **Resolved:** ").append(ReportFormat.time(t)).append('\n'));
        d.closedAt().ifPresent(t -> out.append("- **Closed:** ").append(ReportFormat.time(t)).append('\n'));
        out.append("- **Duration:** ").append(ReportFormat.duration(d.duration())).append(" (declaration to ")
                .append(d.isCancelled() ? "cancellation" : d.resolvedAt().isPresent() ? "resolution" : "the last event")
                .append(")\n");
        List<RoleTenure> imocs = d.tenures(Role.IMOC);
        if (!imocs.isEmpty()) {
            out.append("- **IMOC:** ").append(imocs.stream().map(t -> name(t.person())).collect(Collectors.joining(" → ")))
                    .append('\n');
        }
        if (!d.participants().isEmpty()) {
            out.append("- **Participants:** ")
                    .append(d.participants().stream().map(MarkdownReportTemplate::name).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        out.append('\n');
    }

    private static String severity(ReportData d) {
        if (d.severityChanges().isEmpty()) {
            return d.severity().name();
        }
        List<String> changes = new ArrayList<>();
        for (SeverityChanged c : d.severityChanges()) {
            changes.add((c.to().isMoreSevereThan(c.from()) ? "raised to " : "lowered to ") + c.to() + " at "
                    + ReportFormat.time(c.at()) + " by " + name(c.by()));
        }
        return d.severity() + " (declared as " + d.declaredSeverity() + "; " + String.join(", then ", changes) + ")";
    }

    private static void impact(StringBuilder out, ReportData d) {
        out.append("## Customer impact\n\n");
        if (d.drill()) {
            out.append("None: this was a drill. The practice impact window is ");
        } else {
            out.append("Customers were affected ");
        }
        ImpactWindow w = d.impact().orElseThrow();
        out.append("from **").append(ReportFormat.time(w.start())).append("**");
        if (w.end().isPresent() && w.length().isPresent()) {
            out.append(" to **").append(ReportFormat.time(w.end().get())).append("**, for **")
                    .append(ReportFormat.duration(w.length().get())).append("**");
        } else if (w.end().isPresent()) {
            out.append(" to an end recorded before its start (").append(ReportFormat.time(w.end().get())).append(")");
        } else {
            out.append(", and is not over: ").append(ReportFormat.duration(Duration.between(w.start(), d.asOf()).abs()))
                    .append(" so far");
        }
        out.append(".");
        if (!w.isRecorded()) {
            out.append(" This window is partly estimated; see the notes below the key figures.");
        }
        out.append("\n\n");
    }

    private static void figures(StringBuilder out, ReportData d) {
        List<String[]> rows = new ArrayList<>();
        LocalDate day = d.declaredAt().atZone(ZoneOffset.UTC).toLocalDate();
        if (!d.isCancelled() || d.timeToDetect().duration().isPresent()) {
            rows.add(row("Time to detect", d.timeToDetect(), day, "impact start not recorded", "not detected"));
        }
        if (d.timeToAcknowledge().from().isPresent()) {
            rows.add(row("Time to acknowledge", d.timeToAcknowledge(), day, "nobody was paged", "not acknowledged"));
        }
        if (!d.isCancelled()) {
            rows.add(row("Time to mitigate", d.timeToMitigate(), day, "", d.isOngoing() ? "not mitigated yet" : "mitigation not recorded"));
            rows.add(row("Time to resolve", d.timeToResolve(), day, "", "not resolved yet"));
        }
        if (rows.isEmpty() && d.caveats().isEmpty()) {
            return;
        }
        out.append("## Key figures\n\n");
        if (!rows.isEmpty()) {
            out.append("| Measure | Time | Measured from → to (UTC) |\n|---|---|---|\n");
            for (String[] r : rows) {
                out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n");
            }
            out.append('\n');
        }
        if (!d.caveats().isEmpty()) {
            out.append("Notes:\n\n");
            for (String c : d.caveats()) {
                out.append("- ").append(Markdown.inline(c)).append('\n');
            }
            out.append('\n');
        }
    }

    private static String[] row(String name, Measure m, LocalDate day, String noStart, String noEnd) {
        String value;
        if (m.duration().isPresent()) {
            value = "**" + ReportFormat.duration(m.duration().get()) + "**";
        } else if (m.from().isEmpty()) {
            value = "not known (" + noStart + ")";
        } else if (m.to().isEmpty()) {
            value = "— (" + noEnd + ")";
        } else {
            value = "not known (see notes)";
        }
        String basis = m.fromLabel() + m.from().map(t -> " " + shortTime(t, day)).orElse("")
                + " → " + m.toLabel() + m.to().map(t -> " " + shortTime(t, day)).orElse("");
        return new String[] {name, value, Markdown.cell(basis)};
    }

    /** Writes {@code (14:02)} on the day of the declaration, the full date and time on any other. */
    private static String shortTime(Instant t, LocalDate day) {
        String full = ReportFormat.timeWithoutZone(t);
        return "(" + (t.atZone(ZoneOffset.UTC).toLocalDate().equals(day) ? full.substring(full.indexOf(' ') + 1) : full) + ")";
    }

    private static void updates(StringBuilder out, ReportData d) {
        List<StatusUpdatePublished> updates = d.publicUpdates();
        if (d.isCancelled() && updates.isEmpty()) {
            return;
        }
        out.append(d.drill() ? "## Status updates (drill: posted in the channel only)\n\n" : "## Public status updates\n\n");
        if (updates.isEmpty()) {
            out.append("No public status update was published.\n\n");
            return;
        }
        for (StatusUpdatePublished u : updates) {
            out.append("**").append(ReportFormat.time(u.at())).append(" · ").append(u.status().chatName())
                    .append("** — by ").append(name(u.by())).append("\n\n")
                    .append(Markdown.quote(u.message())).append('\n');
        }
    }

    private static void timeline(StringBuilder out, ReportData d) {
        out.append("## Timeline\n\n");
        out.append("| Time (UTC) | Who | What |\n|---|---|---|\n");
        for (TimelineEntry e : d.timeline()) {
            out.append("| ").append(ReportFormat.timeWithoutZone(e.at()))
                    .append(" | ").append(Markdown.cell(e.by().name()))
                    .append(" | ").append(Markdown.cell(e.what()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void roles(StringBuilder out, ReportData d) {
        if (d.roles().isEmpty()) {
            return;
        }
        out.append("## Roles\n\n");
        out.append("| Role | Who | From (UTC) | Until (UTC) | Held for |\n|---|---|---|---|---|\n");
        String toTheEnd = d.isOngoing() ? "still holds it" : d.isCancelled() ? "cancellation" : "resolution";
        for (RoleTenure t : d.roles()) {
            out.append("| ").append(capitalise(t.role().title()))
                    .append(" | ").append(Markdown.cell(t.person().name()))
                    .append(" | ").append(ReportFormat.timeWithoutZone(t.from()))
                    .append(" | ").append(t.until().map(ReportFormat::timeWithoutZone).orElse(toTheEnd))
                    .append(" | ").append(ReportFormat.duration(t.held()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void followUps(StringBuilder out, ReportData d) {
        out.append("## Follow-ups\n\n");
        if (d.followUps().isEmpty()) {
            out.append("None recorded yet. Add them in the incident channel with `followup <what to do>`.\n\n");
            return;
        }
        for (FollowUpAdded f : d.followUps()) {
            out.append(f.number()).append(". ").append(Markdown.inline(f.text()))
                    .append(" — added by ").append(name(f.by())).append('\n');
        }
        out.append('\n');
    }

    private static void links(StringBuilder out, ReportData d) {
        if (d.links().isEmpty()) {
            return;
        }
        out.append("## Links\n\n");
        for (LinkAdded l : d.links()) {
            out.append("- ").append(kind(l.kind())).append("[")
                    .append(Markdown.inline(l.label()).replace("[", "\\[").replace("]", "\\]"))
                    .append("](<").append(l.url().strip().replace(" ", "%20").replace(">", "%3E").replace("<", "%3C"))
                    .append(">)\n");
        }
        out.append('\n');
    }

    private static String kind(LinkKind kind) {
        switch (kind) {
            case STATUS_PAGE:
                return "Status page: ";
            case PAGE:
                return "Page: ";
            case ISSUE:
                return "Issue: ";
            default:
                return "";
        }
    }

    private static void drillScore(StringBuilder out, DrillScore score) {
        out.append("## Drill score\n\n");
        List<String> lines = score.summary();
        out.append(Markdown.inline(lines.get(0))).append(".\n\n");
        for (String line : lines.subList(1, lines.size())) {
            out.append("- ").append(Markdown.inline(line.replaceFirst("^•\\s*", ""))).append('\n');
        }
        out.append('\n');
    }

    // ------------------------------------------------------------------ diagram

    private static void diagram(StringBuilder out, ReportData d) {
        Instant end = d.resolvedAt().or(() -> d.cancellation().map(c -> c.at())).orElse(d.asOf());
        Instant first = d.impact().map(w -> w.start().isBefore(d.declaredAt()) ? w.start() : d.declaredAt())
                .orElse(d.declaredAt());
        boolean manyDays = !first.atZone(ZoneOffset.UTC).toLocalDate().equals(end.atZone(ZoneOffset.UTC).toLocalDate());

        out.append("## Timeline diagram\n\n```mermaid\ngantt\n");
        out.append("    title ").append(d.drill() ? "DRILL " : "").append(d.id()).append(" (times in UTC)\n");
        out.append("    dateFormat YYYY-MM-DD HH:mm\n");
        out.append("    axisFormat ").append(manyDays ? "%m-%d %H:%M" : "%H:%M").append('\n');
        out.append("    todayMarker off\n");

        d.impact().ifPresent(w -> {
            if (w.end().isEmpty() || w.length().isPresent()) {
                Instant until = w.end().orElse(d.asOf());
                out.append("    section Customer impact\n");
                out.append("    ").append(Mermaid.label(d.drill() ? "Practice impact" : "Customers affected"))
                        .append(" :").append(w.end().isPresent() ? "crit" : "crit, active").append(", ")
                        .append(mermaidTime(w.start())).append(", ").append(mermaidTime(until)).append('\n');
            }
        });

        List<StatusPeriod> active = d.statusPeriods().stream().filter(p -> p.status().isActive()).toList();
        if (!active.isEmpty()) {
            out.append("    section Status\n");
            for (StatusPeriod p : active) {
                out.append("    ").append(Mermaid.label(capitalise(p.status().chatName()))).append(" :")
                        .append(mermaidTime(p.from())).append(", ").append(mermaidTime(p.until().orElse(end))).append('\n');
            }
        }

        List<RoleTenure> imocs = d.tenures(Role.IMOC);
        if (!imocs.isEmpty()) {
            out.append("    section IMOC\n");
            for (RoleTenure t : imocs) {
                Instant until = t.until().orElse(end);
                out.append("    ").append(Mermaid.label(t.person().name())).append(" :")
                        .append(mermaidTime(t.from())).append(", ")
                        .append(mermaidTime(until.isBefore(t.from()) ? t.from() : until)).append('\n');
            }
        }

        out.append("    section Key moments\n");
        for (Moment m : moments(d)) {
            out.append("    ").append(Mermaid.label(m.label())).append(" :milestone, ").append(mermaidTime(m.at()))
                    .append(", 0m\n");
        }
        out.append("```\n");
    }

    private record Moment(Instant at, String label) {}

    private static List<Moment> moments(ReportData d) {
        List<Moment> moments = new ArrayList<>();
        moments.add(new Moment(d.declaredAt(), "Declared " + d.declaredSeverity()));
        int update = 0;
        for (TimelineEntry e : d.timeline()) {
            if (e.event() instanceof MilestoneRecorded m && isLatest(d, m)) {
                moments.add(new Moment(m.occurredAt(), capitalise(m.milestone().chatName())));
            } else if (e.event() instanceof SeverityChanged s) {
                moments.add(new Moment(s.at(), s.from() + " → " + s.to()));
            } else if (e.event() instanceof StatusUpdatePublished u) {
                update++;
                moments.add(new Moment(u.at(), (d.drill() ? "Update " : "Public update ") + update));
            }
        }
        d.resolvedAt().ifPresent(t -> moments.add(new Moment(t, "Resolved")));
        d.cancellation().ifPresent(c -> moments.add(new Moment(c.at(), "Cancelled")));
        moments.sort(Comparator.comparing(Moment::at));
        return moments;
    }

    /** Only the milestone record that {@code Incident.milestones()} keeps (the latest of each kind). */
    private static boolean isLatest(ReportData d, MilestoneRecorded m) {
        Optional<MilestoneRecorded> latest = d.timeline().stream()
                .map(TimelineEntry::event)
                .filter(MilestoneRecorded.class::isInstance)
                .map(MilestoneRecorded.class::cast)
                .filter(r -> r.milestone() == m.milestone())
                .max(Comparator.comparingLong(MilestoneRecorded::seq));
        return latest.isPresent() && latest.get().seq() == m.seq();
    }

    private static String mermaidTime(Instant t) {
        return MERMAID_TIME.format(t);
    }

    private static String name(PersonRef p) {
        return Markdown.inline(p.name());
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String toString() {
        return "MarkdownReportTemplate";
    }
}
