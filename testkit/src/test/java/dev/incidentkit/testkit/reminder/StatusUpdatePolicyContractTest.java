package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.StatusUpdatePolicy;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class StatusUpdatePolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return StatusUpdatePolicy.builder().build();
    }
}
