package dev.incidentkit.pagerduty;

import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.incident.Person;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.contract.DirectoryContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

final class PagerDutyDirectoryContractTest extends DirectoryContract {
    private final FakePagerDuty pd = new FakePagerDuty();
    private final PagerDutyDirectory users = PagerDutyDirectory.create(pd.configBuilder().requestTimeout(Duration.ofSeconds(3)).build(),
            TestClock.at("2026-11-24T14:00:00Z"), PagerDutyPagerTest.FAST);

    @Override
    protected Directory directory() {
        return users;
    }

    @Override
    protected VendorFaults faults() {
        return pd.faults();
    }

    @Override
    protected Person knownPerson() {
        pd.addUser("PXPGF42", "Alice L", "Alice@Example.com");
        pd.server.stub("GET", "/users", r -> ScriptedResponse.ok("{\"users\":[" + pd.user("PXPGF42", "Alice L", "Alice@Example.com")
                + "],\"limit\":100,\"offset\":0,\"more\":false}"));
        return new Person("PXPGF42", "Alice L", ZoneId.of("Europe/Berlin"), Map.of("email", "alice@example.com"));
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
            users.close();
            pd.close();
        }
    }
}
