package dev.incidentkit.teams;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.contract.ChatGatewayContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.util.List;
import java.util.Set;

final class TeamsChatGatewayContractTest extends ChatGatewayContract {
    private final TestClock clock = TestClock.at("2026-12-08T10:00:00Z");
    private final FakeTeams teams = new FakeTeams(clock);
    private final TeamsChatGateway gateway = TeamsChatGateway.builder(teams.config()).clock(clock)
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();

    @Override
    protected ChatGateway gateway() {
        return gateway;
    }

    @Override
    protected VendorFaults faults() {
        return teams.faults();
    }

    @Override
    protected int channelsAtVendor() {
        return teams.channels().size();
    }

    @Override
    protected int messagesAtVendor(String channelId) {
        return teams.messages(channelId).size();
    }

    @Override
    protected boolean archivedAtVendor(String channelId) {
        return teams.archived().contains(channelId);
    }

    @Override
    protected List<PersonRef> people() {
        return List.of(new PersonRef("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "Alice"),
                new PersonRef("1b0b0000-1111-4222-8333-444455556666", "Bob"));
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
