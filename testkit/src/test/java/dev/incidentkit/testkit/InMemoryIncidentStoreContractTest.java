package dev.incidentkit.testkit;

import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.testkit.contract.IncidentStoreContract;

final class InMemoryIncidentStoreContractTest extends IncidentStoreContract {
    @Override
    protected IncidentStore newStore() {
        return new InMemoryIncidentStore();
    }
}
