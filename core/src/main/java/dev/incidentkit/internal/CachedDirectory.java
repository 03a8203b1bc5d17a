package dev.incidentkit.internal;

import dev.incidentkit.incident.Person;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.spi.Directory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A {@link Directory} answered from {@link Lookup}s, one per person asked about: the first question about a
 * person is answered with nobody (the mention is used as written) while the directory is asked in the
 * background; later ones get the last known answer at once.
 */
public final class CachedDirectory implements Directory {
    private final Directory source;
    private final Clock clock;
    private final Executor executor;
    private final Duration maxAge;
    private final Map<String, Lookup<Optional<Person>>> byId = new ConcurrentHashMap<>();
    private final Map<String, Lookup<Optional<Person>>> byEmail = new ConcurrentHashMap<>();

    public CachedDirectory(Directory source, Clock clock, Executor executor, Duration maxAge) {
        this.source = source;
        this.clock = clock;
        this.executor = executor;
        this.maxAge = maxAge;
    }

    @Override
    public Optional<Person> find(PersonRef ref) {
        return byId.computeIfAbsent(ref.id(), id -> new Lookup<>("the directory lookup of " + id, () -> source.find(ref),
                clock, executor, maxAge)).get().flatMap(p -> p);
    }

    @Override
    public Optional<Person> findByEmail(String email) {
        return byEmail.computeIfAbsent(email, e -> new Lookup<>("the directory lookup by email", () -> source.findByEmail(e),
                clock, executor, maxAge)).get().flatMap(p -> p);
    }
}
