package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.reminder.StillTherePolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class StillTherePolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return StillTherePolicy.builder().build();
    }
}
