package dev.incidentkit.internal;

import dev.incidentkit.incident.Person;
import dev.incidentkit.spi.RotationSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A {@link RotationSource} answered from a {@link Lookup}: who is on call now, who is next and who is in the
 * rotation, as last fetched, so that declaring, handing off and escalating never wait for the vendor (a
 * PagerDuty schedule) and keep working on the last known good answer while it is down.
 */
public final class CachedRotation implements RotationSource {

    /** The rotation as fetched at one moment. */
    private record Snapshot(Optional<Person> onCall, Optional<Person> next, List<Person> members) {}

    private final Lookup<Snapshot> lookup;

    public CachedRotation(RotationSource source, Clock clock, Executor executor, Duration maxAge) {
        this.lookup = new Lookup<>("the on-call lookup", () -> {
            Instant now = clock.instant();
            return new Snapshot(source.onCall(now), source.next(now), List.copyOf(source.members()));
        }, clock, executor, maxAge);
    }

    @Override
    public Optional<Person> onCall(Instant at) {
        return lookup.get().flatMap(Snapshot::onCall);
    }

    @Override
    public Optional<Person> next(Instant at) {
        return lookup.get().flatMap(Snapshot::next);
    }

    @Override
    public List<Person> members() {
        return lookup.get().map(Snapshot::members).orElse(List.of());
    }

    /** Returns how fresh the answer is, for people. @return e.g. {@code 2m old} */
    public String freshness() {
        return lookup.describe();
    }

    /** Returns why the rotation could not be read, if it could not. @return the failure */
    public Optional<String> failure() {
        return lookup.failure();
    }

    /** Fetches again in the background if the answer is stale (or there is none yet); call it on each tick. */
    public void refresh() {
        lookup.get();
    }
}
