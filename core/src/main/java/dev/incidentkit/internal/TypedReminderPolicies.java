package dev.incidentkit.internal;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.reminder.Reminder;
import dev.incidentkit.reminder.ReminderPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kit's reminder policies with incident types' own: one policy per name, which asks the policy of that
 * name in the incident's type's list if the type has a list of its own, else the kit's. So {@code mute
 * silence reminders} names one policy whichever list it comes from.
 */
public final class TypedReminderPolicies {
    private TypedReminderPolicies() {}

    /**
     * Returns the policies the reminder engine runs.
     *
     * @param kit the kit's policies, for incidents of no type or of a type without a list of its own
     * @param byType each type's own list, by type name
     */
    public static List<ReminderPolicy> of(List<ReminderPolicy> kit, Map<String, List<ReminderPolicy>> byType) {
        if (byType.isEmpty()) {
            return kit;
        }
        Set<String> names = new LinkedHashSet<>();
        kit.forEach(p -> names.add(p.name()));
        byType.values().forEach(list -> list.forEach(p -> names.add(p.name())));
        List<ReminderPolicy> out = new ArrayList<>();
        for (String name : names) {
            Map<String, Optional<ReminderPolicy>> typed = new LinkedHashMap<>();
            byType.forEach((type, list) -> typed.put(type, named(list, name)));
            out.add(new ByType(name, named(kit, name), Map.copyOf(typed)));
        }
        return List.copyOf(out);
    }

    private static Optional<ReminderPolicy> named(List<ReminderPolicy> policies, String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** One policy name: the type's policy for incidents of a type with its own list, else the kit's. */
    private record ByType(String name, Optional<ReminderPolicy> kit, Map<String, Optional<ReminderPolicy>> typed)
            implements ReminderPolicy {

        @Override
        public List<Reminder> evaluate(Incident incident, Instant now) {
            Optional<ReminderPolicy> policy = incident.type().filter(typed::containsKey).map(typed::get).orElse(kit);
            if (policy.isEmpty() || incident.status() == IncidentStatus.CLOSED && !policy.get().remindsAfterClose()) {
                return List.of();
            }
            return policy.get().evaluate(incident, now);
        }

        @Override
        public boolean remindsAfterClose() {
            return kit.map(ReminderPolicy::remindsAfterClose).orElse(false)
                    || typed.values().stream().anyMatch(p -> p.map(ReminderPolicy::remindsAfterClose).orElse(false));
        }

        @Override
        public String toString() {
            return name + "[kit " + kit.map(Object::toString).orElse("none") + ", by type " + typed + "]";
        }
    }
}
