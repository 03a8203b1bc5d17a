package dev.incidentkit.slack;

import dev.incidentkit.adapters.http.RetryPolicy;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.testkit.contract.ChatGatewayContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import java.time.Duration;
import java.util.List;
import java.util.Set;

final class SlackChatGatewayContractTest extends ChatGatewayContract {
    private final FakeSlack slack = new FakeSlack();
    private final SlackChatGateway gateway = SlackChatGateway.builder(slack.config(Duration.ofSeconds(3)))
            .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
            .postRate(Duration.ZERO, 1)
            .build();

    @Override
    protected ChatGateway gateway() {
        return gateway;
    }

    @Override
    protected VendorFaults faults() {
        return slack.faults();
    }

    @Override
    protected int channelsAtVendor() {
        return slack.channels().size();
    }

    @Override
    protected int messagesAtVendor(String channelId) {
        return slack.messages(channelId).size();
    }

    @Override
    protected boolean archivedAtVendor(String channelId) {
        return slack.isArchived(channelId);
    }

    @Override
    protected List<PersonRef> people() {
        return List.of(new PersonRef("U0ALICE", "Alice"), new PersonRef("U0BOB", "Bob"));
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
