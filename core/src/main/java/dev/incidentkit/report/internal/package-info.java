/**
 * Implementation details of the service-disruption report: text escaping for Markdown and Mermaid,
 * and the one-line descriptions of timeline events. Nothing here is API: types may change or vanish
 * in any release without notice. Do not import this package.
 */
@NullMarked
package dev.incidentkit.report.internal;

import org.jspecify.annotations.NullMarked;
