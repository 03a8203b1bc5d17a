/**
 * GitHub for incidentkit. {@link dev.incidentkit.github.GitHubIssueTracker} files the service-disruption
 * report and each follow-up as issues; {@link dev.incidentkit.github.GitHubInbound} takes GitHub's
 * webhooks, checks their signature, and records a closed follow-up issue or an {@code /incident note …}
 * comment on the report issue on the incident's timeline.
 *
 * <pre>{@code
 * GitHubConfig github = GitHubConfig.from(System::getenv);   // GITHUB_TOKEN, GITHUB_REPO, GITHUB_WEBHOOK_SECRET
 * IncidentKit kit = IncidentKit.builder()
 *     .store(store).chat(chat)
 *     .issueTracker(GitHubIssueTracker.builder(github).build())
 *     .build();
 * server.createContext("/webhooks/github", GitHubInbound.builder(github, kit).build().httpHandler());
 * }</pre>
 *
 * <p>Everything in {@code dev.incidentkit.github.internal} is an implementation detail.
 *
 * @since 0.1
 */
@NullMarked
package dev.incidentkit.github;

import org.jspecify.annotations.NullMarked;
