package dev.incidentkit.teams;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.Person;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.contract.DirectoryContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

final class TeamsDirectoryContractTest extends DirectoryContract {
    private static final String ID = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8";
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final TeamsChatGateway gateway = TeamsChatGateway.builder(teams.config()).clock(clock)
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();

    @Override
    protected Directory directory() {
        return gateway.directory();
    }

    @Override
    protected VendorFaults faults() {
        return teams.faults();
    }

    @Override
    protected Person knownPerson() {
        teams.addUser(ID, "Megan Bowen", "MeganB@contoso.example.com", "meganb@contoso.example.com");
        return new Person(ID, "Megan Bowen", ZoneOffset.UTC, Map.of("email", "MeganB@contoso.example.com"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakeTeams.PASSWORD);
    }

    @Override
    protected void close() {
        try {
            FakeTeams.checkAll(teams.server.requests());
        } finally {
            gateway.close();
            teams.close();
        }
    }
}
