package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.FollowUpsPolicy;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class FollowUpsPolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return FollowUpsPolicy.builder().build();
    }
}
