/**
 * The service-disruption report, built from an incident's timeline alone.
 *
 * <p>{@link dev.incidentkit.report.ServiceDisruptionReport#of ServiceDisruptionReport.of(incident)}
 * computes the figures once into a {@link dev.incidentkit.report.ReportData} (impact window, time to
 * detect, acknowledge, mitigate and resolve, who held which role when, the public updates, the
 * timeline); a {@link dev.incidentkit.report.ReportTemplate} turns them into text. The built-in
 * {@link dev.incidentkit.report.MarkdownReportTemplate} writes GitHub Markdown with a Mermaid diagram;
 * a team can replace it with its own template. {@link dev.incidentkit.report.DrillScore} scores the
 * trainee IMOC of a drill.
 *
 * <p>Everything here is deterministic: the same timeline always gives the same report, and nothing
 * reads the clock.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.report;

import org.jspecify.annotations.NullMarked;
