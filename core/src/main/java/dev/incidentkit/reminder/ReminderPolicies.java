package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Command;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in reminder policies, and the short names people type for them in chat.
 *
 * @since 0.1
 */
public final class ReminderPolicies {
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("status", StatusUpdatePolicy.NAME),
            Map.entry("update", StatusUpdatePolicy.NAME),
            Map.entry("updates", StatusUpdatePolicy.NAME),
            Map.entry("page", PageAckPolicy.NAME),
            Map.entry("pages", PageAckPolicy.NAME),
            Map.entry("ack", PageAckPolicy.NAME),
            Map.entry("hand-off", HandOffPolicy.NAME),
            Map.entry("report", ReportDuePolicy.NAME),
            Map.entry("followups", FollowUpsPolicy.NAME),
            Map.entry("follow-up", FollowUpsPolicy.NAME),
            Map.entry("followup", FollowUpsPolicy.NAME),
            Map.entry("still", StillTherePolicy.NAME),
            Map.entry("here", StillTherePolicy.NAME));

    private ReminderPolicies() {}

    /**
     * Returns the seven built-in policies with their defaults: status-update cadence, page
     * acknowledgement, silence, still-there (is the IMOC still on it?), hand-off, report due and open
     * follow-ups.
     *
     * @return a new list of the policies
     */
    public static List<ReminderPolicy> defaults() {
        return List.of(
                StatusUpdatePolicy.builder().build(),
                PageAckPolicy.builder().build(),
                SilencePolicy.builder().build(),
                StillTherePolicy.builder().build(),
                HandOffPolicy.builder().build(),
                ReportDuePolicy.builder().build(),
                FollowUpsPolicy.builder().build());
    }

    /**
     * Reads a policy name as people type it in {@code mute … reminders}: the short names {@code status},
     * {@code page}, {@code silence}, {@code handoff}, {@code report} and {@code follow-ups} (and a few
     * aliases) give the built-in policy's name; any other well-formed name (lower-case letters, digits,
     * dashes) is taken as a custom policy's name.
     *
     * @param text the word, case-insensitive
     * @return the policy's name, e.g. {@code status-update}, or empty if the text cannot be one
     */
    public static Optional<String> resolveName(String text) {
        String t = requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT);
        String known = SHORT_NAMES.get(t);
        if (known != null) {
            return Optional.of(known);
        }
        return Command.POLICY_NAME.matcher(t).matches() ? Optional.of(t) : Optional.empty();
    }
}
