package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import java.util.List;

/**
 * Issues for the service-disruption report and its follow-ups: GitHub is the reference adapter.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Failures:</b> {@link PortException}.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.IssueTrackerContract</a>
 * @since 0.1
 */
public interface IssueTracker {

    /**
     * The absent IssueTracker, a null object: no issue tracker: no report or follow-up issues are filed. A kit built without one uses it.
     *
     * @return the null object
     */
    static IssueTracker none() {
        return dev.incidentkit.internal.Absent.ISSUES;
    }


    /**
     * An issue to open.
     *
     * @param incident the incident it belongs to
     * @param title the issue's title
     * @param body the body, in Markdown
     * @param labels labels, e.g. {@code incident}, {@code sev1}
     * @param assignees the people to assign, e.g. the incident's role holders; a tracker assigns those it
     *     can map to its own users and ignores the rest
     */
    record NewIssue(IncidentId incident, String title, String body, List<String> labels, List<PersonRef> assignees) {
        /** Checks and copies. */
        public NewIssue {
            requireNonNull(incident, "incident");
            requireNonNull(title, "title");
            requireNonNull(body, "body");
            labels = List.copyOf(labels);
            assignees = List.copyOf(assignees);
        }

        /**
         * An issue with no assignees.
         *
         * @param incident the incident it belongs to
         * @param title the issue's title
         * @param body the body, in Markdown
         * @param labels labels
         */
        public NewIssue(IncidentId incident, String title, String body, List<String> labels) {
            this(incident, title, body, labels, List.of());
        }
    }

    /**
     * An opened issue.
     *
     * @param id the tracker's id, e.g. {@code 123}
     * @param url its address
     */
    record Issue(String id, String url) {
        /** Checks nulls. */
        public Issue {
            requireNonNull(id, "id");
            requireNonNull(url, "url");
        }
    }

    /**
     * Opens an issue.
     *
     * @param issue what to open
     * @param idempotencyKey stable across retries; when {@link IdempotencyKey#mayExist()}, look for the
     *     vendor-kept marker of an earlier attempt before creating anything
     * @return the issue
     */
    Issue open(NewIssue issue, IdempotencyKey idempotencyKey);

    /**
     * Replaces an issue's body.
     *
     * @param issue the issue
     * @param body the new body
     */
    void updateBody(Issue issue, String body);
}
