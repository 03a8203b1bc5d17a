package dev.incidentkit.spi;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.IncidentId;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Severity;
import java.util.List;

/**
 * Pages people: PagerDuty is the reference adapter.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Idempotency:</b> the same {@code idempotencyKey}
 * never pages twice (PagerDuty's {@code dedup_key} or incident key). A page is per incident and person:
 * paging a second person for the same incident (an escalation, a new IMOC after a hand-off) reaches that
 * person, and {@link Page#reference()} names that page alone. <b>Failures:</b> {@link PortException}.
 *
 * @see <a href="https://github.com/incidentkit">dev.incidentkit.testkit.contract.PagerContract</a>
 * @since 0.1
 */
public interface Pager {

    /**
     * The absent Pager, a null object: no pager: nobody is paged. A kit built without one uses it.
     *
     * @return the null object
     */
    static Pager none() {
        return dev.incidentkit.internal.Absent.PAGER;
    }


    /**
     * What to page.
     *
     * @param incident the incident
     * @param target who to page
     * @param summary one line for the page, e.g. {@code INC-42 SEV1 Checkout is failing}
     * @param severity the incident's severity, for the page's urgency
     * @param drill whether it is a drill (adapters mark the page as practice)
     */
    record PageRequest(IncidentId incident, PersonRef target, String summary, Severity severity, boolean drill) {
        /** Checks nulls. */
        public PageRequest {
            requireNonNull(incident, "incident");
            requireNonNull(target, "target");
            requireNonNull(summary, "summary");
            requireNonNull(severity, "severity");
        }
    }

    /**
     * A page that was sent.
     *
     * @param reference the pager's id for it, used to resolve it later
     * @param url where people can see it; empty if the pager has none
     */
    record Page(String reference, String url) {
        /** Checks nulls. */
        public Page {
            requireNonNull(reference, "reference");
            requireNonNull(url, "url");
        }
    }

    /**
     * Pages a person.
     *
     * @param request what to page
     * @param idempotencyKey stable across retries; when {@link IdempotencyKey#mayExist()}, look for the
     *     vendor-kept marker of an earlier attempt before creating anything
     * @return the page
     */
    Page page(PageRequest request, IdempotencyKey idempotencyKey);

    /**
     * Resolves the pages sent for an incident, when it resolves or is cancelled. Resolving a page that
     * is already resolved is not an error.
     *
     * @param incident the incident
     * @param paged everyone paged for it, each once (a page is per incident and person, so the adapter
     *     finds each page from these two alone, across restarts)
     * @param idempotencyKey stable across retries
     */
    void resolve(IncidentId incident, List<PersonRef> paged, IdempotencyKey idempotencyKey);
}
