package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.HandOffPolicy;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class HandOffPolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return HandOffPolicy.builder().build();
    }
}
