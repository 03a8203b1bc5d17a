package dev.incidentkit.report;

/**
 * Turns a report's figures into text. The built-in {@link MarkdownReportTemplate} writes GitHub
 * Markdown; a team that wants its own layout, another markup, or its company's postmortem headings
 * implements this one method and passes it to {@link ServiceDisruptionReport#render}.
 *
 * <p>Implementations should be deterministic (the same data gives the same text, so reports can be
 * golden-file tested), must not read the clock, and should be thread-safe. {@link ReportFormat}
 * writes durations and times the way the built-in template does.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ReportTemplate {

    /**
     * Renders a report.
     *
     * @param data the figures
     * @return the report's text
     */
    String render(ReportData data);

    /**
     * Returns the built-in Markdown template.
     *
     * @return the default template
     */
    static ReportTemplate markdown() {
        return MarkdownReportTemplate.create();
    }
}
