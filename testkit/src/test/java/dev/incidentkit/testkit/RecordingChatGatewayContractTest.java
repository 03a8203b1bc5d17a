package dev.incidentkit.testkit;

import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.testkit.contract.ChatGatewayContract;
import dev.incidentkit.testkit.contract.VendorFaults;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import java.util.List;
import java.util.Set;

/** The fake users test against keeps the contract real gateways keep. */
final class RecordingChatGatewayContractTest extends ChatGatewayContract {
    private final RecordingChatGateway fake = new RecordingChatGateway();

    @Override
    protected ChatGateway gateway() {
        return fake;
    }

    @Override
    protected VendorFaults faults() {
        return fake.faults();
    }

    @Override
    protected int channelsAtVendor() {
        return fake.created().size();
    }

    @Override
    protected int messagesAtVendor(String channelId) {
        return (int) fake.calls("post").stream().filter(c -> c.arg(0).equals(channelId)).count();
    }

    @Override
    protected boolean archivedAtVendor(String channelId) {
        return fake.archived().contains(channelId);
    }

    @Override
    protected boolean privateAtVendor(String channelId) {
        return channelId.startsWith("G"); // the fake gives private channels G ids, as Slack once did
    }

    @Override
    protected List<PersonRef> people() {
        return List.of(PersonRef.of("alice"), PersonRef.of("bob"));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of();
    }
}
