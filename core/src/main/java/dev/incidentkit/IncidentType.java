package dev.incidentkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Command;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.spi.IssueTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of incident and its defaults, applied when someone declares one with {@code --type <name>}, e.g.
 * {@code declare --type security sev2 Leaked API key}. A record of defaults, not a workflow: after the
 * declaration the incident runs like any other.
 *
 * <pre>{@code
 * IncidentKit.builder()
 *     .incidentType(IncidentType.builder("security")
 *         .privateIncidents(true)                          // a private channel, off the public status page
 *         .page(PersonRef.of("security-oncall"))           // brought in, invited and paged at once
 *         .components(Map.of("login", "degraded_performance"))
 *         .issueTracker(privateRepoTracker)                // its report and follow-ups go there only
 *         .reminders(List.of(SilencePolicy.builder().after(Severity.SEV2, Duration.ofMinutes(10)).build()))
 *         .build())
 * }</pre>
 *
 * @param name the name people type after {@code --type}: lower-case letters, digits and dashes
 * @param privateIncidents whether its incidents are private (as with {@code declare --private})
 * @param reminders the reminder policies for its incidents instead of the kit's; empty to use the kit's
 * @param page who is brought in besides the IMOC on call: they join, are invited to the channel and paged
 * @param components status page components (name to status) marked when it is declared; like any marks they
 *     go to the public status page with the first public update, never on their own
 * @param issueTracker where its service-disruption report and follow-ups are filed instead of the kit's
 *     tracker (for a private type: a private repository); a private incident with none is not filed at all
 * @since 0.1
 */
public record IncidentType(String name, boolean privateIncidents, Optional<List<ReminderPolicy>> reminders,
                           List<PersonRef> page, Map<String, String> components, Optional<IssueTracker> issueTracker) {

    /** Checks and copies. */
    public IncidentType {
        requireNonNull(name, "name");
        if (!Command.TYPE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an incident type's name is lower-case letters, digits and dashes, like security; got '"
                    + name + "'");
        }
        reminders = requireNonNull(reminders, "reminders").map(List::copyOf);
        page = List.copyOf(page);
        // checked as a typed `components …` is
        components = components.isEmpty() ? Map.of() : new Command.MarkComponents(components).components();
        requireNonNull(issueTracker, "issueTracker");
    }

    /**
     * Starts a type with no defaults: public, the kit's reminders, nobody else paged, no components, the
     * kit's issue tracker.
     *
     * @param name the type's name, e.g. {@code security}
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds an {@link IncidentType}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private boolean privateIncidents;
        private Optional<List<ReminderPolicy>> reminders = Optional.empty();
        private final List<PersonRef> page = new ArrayList<>();
        private Map<String, String> components = Map.of();
        private Optional<IssueTracker> issueTracker = Optional.empty();

        private Builder(String name) {
            this.name = requireNonNull(name, "name");
        }

        /** Makes its incidents private. @param privateIncidents whether they are @return this builder */
        public Builder privateIncidents(boolean privateIncidents) {
            this.privateIncidents = privateIncidents;
            return this;
        }

        /** Uses these reminder policies for its incidents instead of the kit's (empty: no reminders). @param policies the policies @return this builder */
        public Builder reminders(List<? extends ReminderPolicy> policies) {
            this.reminders = Optional.of(List.copyOf(policies));
            return this;
        }

        /** Brings these people in on declaration, paging them. @param people who @return this builder */
        public Builder page(PersonRef... people) {
            page.addAll(List.of(people));
            return this;
        }

        /** Marks these components on declaration. @param components name to status @return this builder */
        public Builder components(Map<String, String> components) {
            this.components = requireNonNull(components, "components");
            return this;
        }

        /** Files its reports and follow-ups to this tracker. @param tracker the tracker @return this builder */
        public Builder issueTracker(IssueTracker tracker) {
            this.issueTracker = Optional.of(tracker);
            return this;
        }

        /** Builds the type. @return the type @throws IllegalArgumentException if the name or a component is malformed */
        public IncidentType build() {
            return new IncidentType(name, privateIncidents, reminders, page, components, issueTracker);
        }
    }
}
