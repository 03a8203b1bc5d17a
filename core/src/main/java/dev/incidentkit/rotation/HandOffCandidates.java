package dev.incidentkit.rotation;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Incident;
import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.incident.Role;
import dev.incidentkit.internal.Checks;
import dev.incidentkit.internal.ImocSpans;
import dev.incidentkit.spi.RotationSource;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses whom to offer the IMOC role in a hand-off, fatigue first. From a pool of people it leaves out
 * the current IMOC, anyone already offered the role in this hand-off, and anyone who has been IMOC (of
 * any of the incidents given) for more than a maximum within the last 24 hours; then it puts first the
 * people whose local working hours include now (follow the sun), then those who have been IMOC least in
 * the last 24 hours, then the pool's order.
 *
 * <pre>{@code
 * HandOffCandidates chooser = HandOffCandidates.builder().maxImocTimeIn24h(Duration.ofHours(6)).build();
 * List<Person> inOrder = chooser.rank(rotation, incident, recentIncidents, clock.instant());
 * }</pre>
 *
 * <p>Pure, immutable and thread-safe.
 *
 * @since 0.1
 */
public final class HandOffCandidates {
    private static final Duration DAY = Duration.ofHours(24);

    private final Duration maxImocTime;
    private final LocalTime workFrom;
    private final LocalTime workUntil;
    private final Set<DayOfWeek> workDays;

    private HandOffCandidates(Builder b) {
        this.maxImocTime = b.maxImocTime;
        this.workFrom = b.workFrom;
        this.workUntil = b.workUntil;
        this.workDays = EnumSet.copyOf(b.workDays);
    }

    /**
     * Returns a builder: at most 8 hours as IMOC in 24 hours, working hours 09:00 to 18:00 Monday to
     * Friday, by default.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns whether an instant falls in a person's working hours, in their zone.
     *
     * @param person the person
     * @param at the instant
     * @return true if it is a working day and time for them
     */
    public boolean isWorkingHours(Person person, Instant at) {
        ZonedDateTime local = at.atZone(person.zone());
        LocalTime t = local.toLocalTime();
        return workDays.contains(local.getDayOfWeek()) && !t.isBefore(workFrom) && t.isBefore(workUntil);
    }

    /**
     * Ranks hand-off candidates from a pool.
     *
     * @param pool the people who may take over, in a preferred order (ties keep it)
     * @param incident the incident being handed off
     * @param recent other incidents whose IMOC time counts towards fatigue (those of the last 24 hours);
     *     {@code incident} always counts
     * @param now the instant
     * @return the candidates, best first, possibly empty
     */
    public List<Person> rank(List<Person> pool, Incident incident, Collection<Incident> recent, Instant now) {
        requireNonNull(pool, "pool");
        requireNonNull(incident, "incident");
        requireNonNull(recent, "recent");
        requireNonNull(now, "now");
        Map<String, Incident> incidents = new LinkedHashMap<>();
        for (Incident i : recent) {
            incidents.put(i.id().value(), i);
        }
        incidents.put(incident.id().value(), incident);
        String imoc = incident.imoc().map(PersonRef::id).orElse("");
        List<String> offered = incident.openHandOffOffers(Role.IMOC).stream().map(PersonRef::id).toList();
        Map<String, Duration> tired = new HashMap<>();
        List<Person> candidates = new ArrayList<>();
        for (Person p : pool) {
            if (p.id().equals(imoc) || offered.contains(p.id()) || tired.containsKey(p.id())) {
                continue;
            }
            Duration held = ImocSpans.total(incidents.values(), p.ref(), now.minus(DAY), now);
            tired.put(p.id(), held);
            if (held.compareTo(maxImocTime) <= 0) {
                candidates.add(p);
            }
        }
        candidates.sort(Comparator.<Person, Boolean>comparing(p -> !isWorkingHours(p, now))
                .thenComparing(p -> tired.get(p.id())));
        return candidates;
    }

    /**
     * Ranks hand-off candidates from a rotation's members, the pool ordered from whoever is next on call.
     *
     * @param rotation the rotation
     * @param incident the incident being handed off
     * @param recent other incidents whose IMOC time counts towards fatigue
     * @param now the instant
     * @return the candidates, best first, possibly empty
     */
    public List<Person> rank(RotationSource rotation, Incident incident, Collection<Incident> recent, Instant now) {
        List<Person> members = rotation.members();
        int first = rotation.next(now)
                .map(next -> members.stream().map(Person::id).toList().indexOf(next.id()))
                .filter(i -> i >= 0)
                .orElse(0);
        List<Person> pool = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            pool.add(members.get((first + i) % members.size()));
        }
        return rank(pool, incident, recent, now);
    }

    @Override
    public String toString() {
        return "HandOffCandidates[max " + maxImocTime + " in 24h, working hours " + workFrom + "-" + workUntil + " " + workDays + "]";
    }

    /**
     * Configures {@link HandOffCandidates}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Duration maxImocTime = Duration.ofHours(8);
        private LocalTime workFrom = LocalTime.of(9, 0);
        private LocalTime workUntil = LocalTime.of(18, 0);
        private Set<DayOfWeek> workDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

        private Builder() {}

        /**
         * Leaves out anyone who has been IMOC for more than {@code max} in the last 24 hours.
         *
         * @param max positive, whole seconds
         * @return this builder
         */
        public Builder maxImocTimeIn24h(Duration max) {
            this.maxImocTime = Checks.positiveSeconds(max, "maximum IMOC time in 24h");
            return this;
        }

        /**
         * Sets local working hours, the same for everyone, read in each person's zone.
         *
         * @param from start of the working day
         * @param until end of the working day, after {@code from}
         * @return this builder
         * @throws IllegalArgumentException if {@code until} is not after {@code from}
         */
        public Builder workingHours(LocalTime from, LocalTime until) {
            requireNonNull(from, "from");
            requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException("working hours end after they start; got " + from + " to " + until);
            }
            this.workFrom = from;
            this.workUntil = until;
            return this;
        }

        /**
         * Sets the working days; Monday to Friday by default.
         *
         * @param days at least one day
         * @return this builder
         * @throws IllegalArgumentException if {@code days} is empty
         */
        public Builder workingDays(Set<DayOfWeek> days) {
            if (requireNonNull(days, "days").isEmpty()) {
                throw new IllegalArgumentException("give at least one working day");
            }
            this.workDays = EnumSet.copyOf(days);
            return this;
        }

        /**
         * Builds the chooser.
         *
         * @return the chooser
         */
        public HandOffCandidates build() {
            return new HandOffCandidates(this);
        }
    }
}
