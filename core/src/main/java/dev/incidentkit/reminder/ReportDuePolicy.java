package dev.incidentkit.reminder;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.IncidentStatus;
import dev.incidentkit.incident.Role;
import dev.incidentkit.incident.Severity;
import dev.incidentkit.incident.StatusChanged;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The service-disruption report: once an incident is resolved, its report is due within a number of
 * business days (Monday to Friday in a zone), with reminders to the IMOC on some of those days, until
 * the incident is closed.
 *
 * <p>Defaults: due in 3 business days at every severity, reminders after 1 and 3 business days, in UTC.
 * Keys are {@code report-due:<seq of the resolution>}, one due instant per reminder day.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ReportDuePolicy implements ReminderPolicy {
    /** This policy's name and key prefix. */
    public static final String NAME = "report-due";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);

    private final Map<Severity, Integer> dueIn;
    private final SortedSet<Integer> remindOn;
    private final ZoneId zone;

    private ReportDuePolicy(Builder b) {
        this.dueIn = Map.copyOf(b.dueIn);
        this.remindOn = new TreeSet<>(b.remindOn);
        this.zone = b.zone;
    }

    /**
     * Returns a builder preset with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Returns the instant {@code days} business days after {@code from}, at the same local time in
     * {@code zone}; Saturdays and Sundays do not count.
     *
     * @param from the start
     * @param days how many business days, 0 or more
     * @param zone the zone whose calendar counts
     * @return the instant
     */
    public static Instant plusBusinessDays(Instant from, int days, ZoneId zone) {
        ZonedDateTime t = from.atZone(zone);
        int counted = 0;
        while (counted < days) {
            t = t.plusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                counted++;
            }
        }
        return t.toInstant();
    }

    @Override
    public List<Reminder> evaluate(Incident incident, Instant now) {
        requireNonNull(now, "now");
        if (!incident.isDeclared() || incident.status() != IncidentStatus.RESOLVED) {
            return List.of();
        }
        Integer days = dueIn.get(incident.severity());
        if (days == null) {
            return List.of();
        }
        StatusChanged resolved = incident.all(StatusChanged.class).stream()
                .filter(s -> s.to() == IncidentStatus.RESOLVED)
                .reduce((a, b) -> b)
                .orElseThrow();
        Instant due = plusBusinessDays(resolved.at(), days, zone);
        String dueDay = DAY.format(due.atZone(zone));
        Reminder last = null;
        Reminder next = null;
        for (int day : remindOn) {
            if (day > days) {
                break;
            }
            Instant at = plusBusinessDays(resolved.at(), day, zone);
            String message = day == days
                    ? "The service-disruption report for " + incident.id() + " is due today (" + dueDay + ")"
                    : "The service-disruption report for " + incident.id() + " is due " + dueDay
                            + ", in " + (days - day) + " business day" + (days - day == 1 ? "" : "s");
            Reminder r = new Reminder(NAME + ":" + resolved.seq(), at, Audience.role(Role.IMOC),
                    message + ". Type `close` once it is done", Escalation.NONE);
            if (at.isAfter(now)) {
                next = r;
                break;
            }
            last = r;
        }
        List<Reminder> out = new ArrayList<>(2);
        if (last != null) {
            out.add(last);
        }
        if (next != null) {
            out.add(next);
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "[due in " + dueIn + " business days, remind on " + remindOn + ", " + zone + "]";
    }

    /**
     * Configures a {@link ReportDuePolicy}; starts from the defaults.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final EnumMap<Severity, Integer> dueIn = new EnumMap<>(Severity.class);
        private SortedSet<Integer> remindOn = new TreeSet<>(List.of(1, 3));
        private ZoneId zone = ZoneOffset.UTC;

        private Builder() {
            for (Severity s : Severity.values()) {
                dueIn.put(s, 3);
            }
        }

        /**
         * Makes the report due {@code businessDays} after resolution, at a severity.
         *
         * @param severity the severity
         * @param businessDays 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code businessDays} is less than 1
         */
        public Builder dueIn(Severity severity, int businessDays) {
            requireNonNull(severity, "severity");
            if (businessDays < 1) {
                throw new IllegalArgumentException("a report is due in 1 business day or more; got " + businessDays);
            }
            dueIn.put(severity, businessDays);
            return this;
        }

        /**
         * Asks for no report at a severity.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder noReport(Severity severity) {
            dueIn.remove(requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Reminds on these business days after resolution (days after the due day are ignored).
         *
         * @param businessDays each 1 or more
         * @return this builder
         * @throws IllegalArgumentException if a day is less than 1 or none is given
         */
        public Builder remindOn(int... businessDays) {
            SortedSet<Integer> days = new TreeSet<>();
            for (int d : businessDays) {
                if (d < 1) {
                    throw new IllegalArgumentException("a reminder day is 1 or more business days after resolution; got " + d);
                }
                days.add(d);
            }
            if (days.isEmpty()) {
                throw new IllegalArgumentException("give at least one reminder day, e.g. remindOn(1, 3)");
            }
            this.remindOn = days;
            return this;
        }

        /**
         * Sets the zone whose calendar decides business days; UTC by default.
         *
         * @param zone the zone, e.g. {@code Europe/Berlin}
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public ReportDuePolicy build() {
            return new ReportDuePolicy(this);
        }
    }
}
