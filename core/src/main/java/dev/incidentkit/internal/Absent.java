package dev.incidentkit.internal;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.IdempotencyKey;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.PortException;
import dev.incidentkit.spi.StatusPublisher;
import java.util.List;
import java.util.Optional;

/**
 * The ports a kit was built without, as null objects: the directory knows nobody; the pager, the status page
 * and the issue tracker refuse every call with a {@link PortException} of kind {@code INVALID} that names
 * what is missing (the kit plans no effect for them, so a call only comes from a parked effect retried after
 * the port was removed).
 */
public final class Absent {
    private Absent() {}

    private static PortException missing(String port) {
        return new PortException(port, PortException.Kind.INVALID, "", 0, null, "no " + port + " is configured");
    }

    /** No pager. */
    public static final Pager PAGER = new Pager() {
        @Override
        public Page page(PageRequest request, IdempotencyKey key) {
            throw missing("pager");
        }

        @Override
        public void resolve(IncidentId incident, List<PersonRef> paged, IdempotencyKey key) {
            throw missing("pager");
        }

        @Override
        public String toString() {
            return "Pager.none()";
        }
    };

    /** No status page. */
    public static final StatusPublisher STATUS_PAGE = new StatusPublisher() {
        @Override
        public Published publish(StatusUpdate update, IdempotencyKey key) {
            throw missing("status page");
        }

        @Override
        public String toString() {
            return "StatusPublisher.none()";
        }
    };

    /** No issue tracker. */
    public static final IssueTracker ISSUES = new IssueTracker() {
        @Override
        public Issue open(NewIssue issue, IdempotencyKey key) {
            throw missing("issue tracker");
        }

        @Override
        public void updateBody(Issue issue, String body) {
            throw missing("issue tracker");
        }

        @Override
        public String toString() {
            return "IssueTracker.none()";
        }
    };

    /** No directory: nobody is known, so mentions stay as written. */
    public static final Directory DIRECTORY = new Directory() {
        @Override
        public Optional<Person> find(PersonRef ref) {
            return Optional.empty();
        }

        @Override
        public Optional<Person> findByEmail(String email) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Directory.none()";
        }
    };
}
