package dev.incidentkit.testkit;

import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.spi.StatusPublisher.StatusUpdate;
import dev.incidentkit.testkit.contract.StatusPublisherContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.util.Set;

/** The fake users test against keeps the contract real status pages keep. */
final class RecordingStatusPublisherContractTest extends StatusPublisherContract {
    private final RecordingStatusPublisher fake = new RecordingStatusPublisher();

    @Override
    protected StatusPublisher publisher() {
        return fake;
    }

    @Override
    protected VendorFaults faults() {
        return fake.faults();
    }

    @Override
    protected int incidentsAtVendor() {
        return fake.opened().size();
    }

    /** The fake numbers the incidents it opens SP-1, SP-2, … in the order it opened them. */
    @Override
    protected int updatesAtVendor(String statusPageIncident) {
        int opened = 0;
        int updates = 0;
        for (StatusUpdate u : fake.published()) {
            String id = u.statusPageIncident().orElse("SP-" + ++opened);
            if (id.equals(statusPageIncident)) {
                updates++;
            }
        }
        return updates;
    }

    @Override
    protected Set<String> secrets() {
        return Set.of();
    }
}
