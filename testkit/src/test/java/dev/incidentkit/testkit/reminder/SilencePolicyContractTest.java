package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.SilencePolicy;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class SilencePolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return SilencePolicy.builder().build();
    }
}
