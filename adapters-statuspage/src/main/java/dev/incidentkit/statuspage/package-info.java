/**
 * Atlassian Statuspage for incidentkit. {@link dev.incidentkit.statuspage.StatuspageStatusPublisher}
 * implements the status page port: the first public update opens a status page incident, later ones
 * update it, and a resolution resolves it, with the affected components marked in the chat.
 *
 * <pre>{@code
 * StatuspageConfig statuspage = StatuspageConfig.from(System::getenv);  // STATUSPAGE_TOKEN, STATUSPAGE_PAGE_ID
 * IncidentKit kit = IncidentKit.builder()
 *     .store(store).chat(chat)
 *     .statusPublisher(StatuspageStatusPublisher.builder(statuspage).build())
 *     .previewPublicUpdates(true)
 *     .build();
 * }</pre>
 *
 * <p>Everything in {@code dev.incidentkit.statuspage.internal} is an implementation detail.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.statuspage;

import org.jspecify.annotations.NullMarked;
