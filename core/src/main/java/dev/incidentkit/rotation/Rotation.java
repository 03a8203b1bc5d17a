package dev.incidentkit.rotation;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.incident.Person;
import dev.incidentkit.internal.Checks;
import dev.incidentkit.spi.RotationSource;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An IMOC rotation: its members take shifts in turn, each a local day or week long, starting at
 * {@code start} in {@code zone}; time-bounded overrides replace whoever the rotation says. The rotation
 * repeats forever in both directions, so exactly one person is on call at any instant.
 *
 * <pre>{@code
 * Rotation imocs = Rotation.builder()
 *         .name("imoc")
 *         .members(alice, bob, carol)
 *         .shiftLength(ShiftLength.WEEKLY)
 *         .start(Instant.parse("2026-11-23T09:00:00Z"))
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .override(bob, vacationStart, vacationEnd)
 *         .build();
 * Person now = imocs.shiftAt(clock.instant()).person();
 * }</pre>
 *
 * @param name the rotation's name, e.g. {@code imoc}
 * @param members the people, in turn order, at least one, ids distinct
 * @param shiftLength how long a shift lasts
 * @param start when the first member's first shift starts
 * @param zone the zone whose calendar shifts follow
 * @param overrides the overrides, later ones winning over earlier ones
 * @since 0.1
 */
public record Rotation(String name, List<Person> members, ShiftLength shiftLength, Instant start, ZoneId zone,
                       List<RotationOverride> overrides) implements RotationSource {

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException if there are no members, or two share an id
     */
    public Rotation {
        name = Checks.text(name, "rotation name");
        members = List.copyOf(members);
        requireNonNull(shiftLength, "shiftLength");
        requireNonNull(start, "start");
        requireNonNull(zone, "zone");
        overrides = List.copyOf(overrides);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a rotation has at least one member; " + name + " has none");
        }
        Set<String> ids = new HashSet<>();
        for (Person p : members) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("rotation " + name + " lists " + p.id() + " twice");
            }
        }
    }

    /**
     * Returns a builder: daily shifts in UTC by default; members and start are required.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a copy with one more override, winning over the earlier ones.
     *
     * @param override the override
     * @return the new rotation
     */
    public Rotation withOverride(RotationOverride override) {
        List<RotationOverride> more = new ArrayList<>(overrides);
        more.add(requireNonNull(override, "override"));
        return new Rotation(name, members, shiftLength, start, zone, more);
    }

    private Instant shiftStart(long k) {
        return start.atZone(zone).plusDays(k * shiftLength.days()).toInstant();
    }

    private long shiftIndex(Instant at) {
        ZonedDateTime first = start.atZone(zone);
        long days = ChronoUnit.DAYS.between(first.toLocalDateTime(), at.atZone(zone).toLocalDateTime());
        long k = Math.floorDiv(days, shiftLength.days());
        while (shiftStart(k).isAfter(at)) {
            k--;
        }
        while (!shiftStart(k + 1).isAfter(at)) {
            k++;
        }
        return k;
    }

    /**
     * Returns the regular shift at an instant, ignoring overrides.
     *
     * @param at the instant
     * @return the shift
     */
    public OnCallShift regularShiftAt(Instant at) {
        requireNonNull(at, "at");
        long k = shiftIndex(at);
        return new OnCallShift(members.get((int) Math.floorMod(k, (long) members.size())), shiftStart(k), shiftStart(k + 1));
    }

    /**
     * Returns who is on call at an instant, overrides included, and the longest stretch around it during
     * which neither the regular shift nor any override starts or ends.
     *
     * @param at the instant
     * @return the shift
     */
    public OnCallShift shiftAt(Instant at) {
        OnCallShift regular = regularShiftAt(at);
        Instant from = regular.from();
        Instant until = regular.until();
        @Nullable RotationOverride winner = null;
        for (RotationOverride o : overrides) {
            if (o.covers(at)) {
                winner = o;
            }
            for (Instant edge : List.of(o.from(), o.until())) {
                if (!edge.isAfter(at) && edge.isAfter(from)) {
                    from = edge;
                } else if (edge.isAfter(at) && edge.isBefore(until)) {
                    until = edge;
                }
            }
        }
        return new OnCallShift(winner != null ? winner.person() : regular.person(), from, until);
    }

    /**
     * Returns the next stretch with someone else on call after the one at {@code at}; if everyone in
     * reach is the same person, the stretch right after.
     *
     * @param at the instant
     * @return the next shift
     */
    public OnCallShift nextShift(Instant at) {
        OnCallShift current = shiftAt(at);
        OnCallShift next = shiftAt(current.until());
        int limit = 2 * (members.size() + 2 * overrides.size()) + 2;
        OnCallShift candidate = next;
        for (int i = 0; i < limit && candidate.person().id().equals(current.person().id()); i++) {
            candidate = shiftAt(candidate.until());
        }
        return candidate.person().id().equals(current.person().id()) ? next : candidate;
    }

    @Override
    public Optional<Person> onCall(Instant at) {
        return Optional.of(shiftAt(at).person());
    }

    @Override
    public Optional<Person> next(Instant at) {
        return Optional.of(nextShift(at).person());
    }

    /**
     * Configures a {@link Rotation}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String name = "imoc";
        private final List<Person> members = new ArrayList<>();
        private ShiftLength shiftLength = ShiftLength.DAILY;
        private @Nullable Instant start;
        private ZoneId zone = ZoneOffset.UTC;
        private final List<RotationOverride> overrides = new ArrayList<>();

        private Builder() {}

        /**
         * Names the rotation; {@code imoc} by default.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = requireNonNull(name, "name");
            return this;
        }

        /**
         * Adds members, in turn order.
         *
         * @param people the people
         * @return this builder
         */
        public Builder members(Person... people) {
            for (Person p : people) {
                members.add(requireNonNull(p, "member"));
            }
            return this;
        }

        /**
         * Adds members, in turn order.
         *
         * @param people the people
         * @return this builder
         */
        public Builder members(List<Person> people) {
            return members(people.toArray(new Person[0]));
        }

        /**
         * Sets the shift length; daily by default.
         *
         * @param length the length
         * @return this builder
         */
        public Builder shiftLength(ShiftLength length) {
            this.shiftLength = requireNonNull(length, "length");
            return this;
        }

        /**
         * Sets when the first member's first shift starts. Required.
         *
         * @param start the instant
         * @return this builder
         */
        public Builder start(Instant start) {
            this.start = requireNonNull(start, "start");
            return this;
        }

        /**
         * Sets the zone whose calendar the shifts follow; UTC by default.
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Adds an override; later ones win.
         *
         * @param person who is on call instead
         * @param from from (inclusive)
         * @param until until (exclusive)
         * @return this builder
         */
        public Builder override(Person person, Instant from, Instant until) {
            overrides.add(new RotationOverride(person, from, until));
            return this;
        }

        /**
         * Builds the rotation.
         *
         * @return the rotation
         * @throws IllegalStateException if the start is missing
         * @throws IllegalArgumentException if there are no members, or two share an id
         */
        public Rotation build() {
            if (start == null) {
                throw new IllegalStateException("a rotation needs start(Instant): when the first shift starts");
            }
            return new Rotation(name, members, shiftLength, start, zone, overrides);
        }
    }
}
