package dev.incidentkit.pagerduty;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.testkit.contract.PagerContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The REST API pager: a page is a PagerDuty incident assigned to the person. With retries on, a late answer
 * is retried at once, and PagerDuty's refusal of a second open incident with the key leads to the first.
 */
final class PagerDutyRestPagerContractTest extends PagerContract {
    private final FakePagerDuty pd = new FakePagerDuty();
    private final PagerDutyPager pager = PagerDutyPager.restApi(pd.configBuilder().requestTimeout(Duration.ofSeconds(3)).build())
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(2), Duration.ofMillis(10))).build();

    @Override
    protected Pager pager() {
        return pager;
    }

    @Override
    protected boolean retriesLateAnswersItself() {
        return true;
    }

    @Override
    protected VendorFaults faults() {
        return pd.faults();
    }

    @Override
    protected int pagesAtVendor() {
        return pd.incidents().size();
    }

    @Override
    protected int openPagesAtVendor() {
        return (int) pd.incidents().stream().filter(i -> !i.path("status").asText().equals("resolved")).count();
    }

    /** People whose kit id is their PagerDuty user id. */
    @Override
    protected List<PersonRef> people() {
        return List.of(new PersonRef("PXPGF42", "Alice"), new PersonRef("PBOB0001", "Bob"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakePagerDuty.TOKEN, FakePagerDuty.ROUTING_KEY, FakePagerDuty.WEBHOOK_SECRET);
    }

    @Override
    protected void close() {
        try {
            if (!pd.server.requests().isEmpty()) { // the toString case calls nobody
                pd.checkAll();
            }
        } finally {
            pager.close();
            pd.close();
        }
    }
}
