package dev.incidentkit.testkit.arbitraries;

import dev.incidentkit.incident.Person;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Arbitraries of people and their time zones.
 *
 * @since 0.1
 */
public final class PersonArbitraries {
    private static final List<String> ZONES = List.of(
            "UTC", "Europe/Berlin", "Europe/London", "Europe/Kyiv", "America/New_York", "America/Los_Angeles",
            "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney",
            "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "Africa/Lagos");
    private static final List<String> NAMES = List.of(
            "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Zoë", "李雷");

    private PersonArbitraries() {}

    /**
     * Time zones from around the world, including half-hour and 45-minute offsets and zones with and
     * without daylight-saving time.
     *
     * @return the arbitrary
     */
    public static Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    /**
     * People with an id, a display name and a zone.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Person> people() {
        return Combinators.combine(Arbitraries.integers().between(0, NAMES.size() - 1), Arbitraries.integers().between(1, 99), zones())
                .as((n, suffix, zone) -> Person.of("u" + n + "-" + suffix, NAMES.get(n), zone));
    }

    /**
     * Lists of people with distinct ids.
     *
     * @param min the fewest people, at least 1
     * @param max the most people
     * @return the arbitrary
     */
    public static Arbitrary<List<Person>> teams(int min, int max) {
        return people().list().ofMinSize(min).ofMaxSize(max).uniqueElements(Person::id);
    }
}
