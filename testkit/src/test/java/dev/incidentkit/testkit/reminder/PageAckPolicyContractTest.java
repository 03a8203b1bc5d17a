package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.PageAckPolicy;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class PageAckPolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return PageAckPolicy.builder().build();
    }
}
