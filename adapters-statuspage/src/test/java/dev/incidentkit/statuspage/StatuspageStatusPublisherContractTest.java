package dev.incidentkit.statuspage;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.contract.StatusPublisherContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.util.Set;

final class StatuspageStatusPublisherContractTest extends StatusPublisherContract {
    private final FakeStatuspage statuspage = new FakeStatuspage();
    private final StatuspageStatusPublisher publisher = statuspage.publisher(statuspage.config(Duration.ofSeconds(3)),
            TestClock.at("2026-11-24T14:00:00Z"), RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));

    @Override
    protected StatusPublisher publisher() {
        return publisher;
    }

    @Override
    protected VendorFaults faults() {
        return statuspage.faults();
    }

    @Override
    protected int incidentsAtVendor() {
        return statuspage.incidentsOn(FakeStatuspage.PAGE).size();
    }

    @Override
    protected int updatesAtVendor(String statusPageIncident) {
        return statuspage.updatesOf(FakeStatuspage.PAGE, statusPageIncident).size();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakeStatuspage.TOKEN);
    }

    @Override
    protected void close() {
        try {
            statuspage.checkAll();
        } finally {
            publisher.close();
            statuspage.close();
        }
    }
}
