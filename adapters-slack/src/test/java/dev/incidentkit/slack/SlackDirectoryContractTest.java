package dev.incidentkit.slack;

import dev.incidentkit.incident.Person;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.testkit.contract.DirectoryContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

final class SlackDirectoryContractTest extends DirectoryContract {
    private final FakeSlack slack = new FakeSlack();
    private final SlackChatGateway gateway = SlackChatGateway.builder(slack.config(Duration.ofSeconds(3))).build();

    @Override
    protected Directory directory() {
        return gateway.directory();
    }

    @Override
    protected VendorFaults faults() {
        return slack.faults();
    }

    @Override
    protected Person knownPerson() {
        slack.addUser("W012A3CDE", "spengler", "spengler@ghostbusters.example.com", "America/Los_Angeles");
        return new Person("W012A3CDE", "spengler", ZoneId.of("America/Los_Angeles"),
                Map.of("email", "spengler@ghostbusters.example.com"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(FakeSlack.TOKEN, FakeSlack.SIGNING_SECRET);
    }

    @Override
    protected void close() {
        try {
            SlackSpec.checkAll(slack.server.requests());
        } finally {
            gateway.close();
            slack.close();
        }
    }
}
