package dev.incidentkit.testkit.reminder;

import dev.incidentkit.reminder.ReportDuePolicy;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.testkit.contract.ReminderPolicyContract;

final class ReportDuePolicyContractTest implements ReminderPolicyContract {
    @Override
    public ReminderPolicy policy() {
        return ReportDuePolicy.builder().build();
    }
}
