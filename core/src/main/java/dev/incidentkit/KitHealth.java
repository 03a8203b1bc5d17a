package dev.incidentkit;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.spi.Effect;
import dev.incidentkit.spi.PendingEffect;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only snapshot of how a kit is doing, for a health check (the Spring Boot starter's health
 * indicator) and for metrics: whether its store answers, how many deliveries wait or are parked per
 * port, and which ports' circuit breakers are open. {@link IncidentKit#health()} makes one.
 *
 * @param storeReachable whether the store answered the snapshot's reads
 * @param storeProblem why it did not, in words safe to show anyone (never a secret, a statement or a
 *     connection string); empty when the store is reachable
 * @param pendingEffects per port, the effects waiting for delivery (due or backing off); a port with none
 *     is absent; empty when the store is unreachable
 * @param parkedEffects per port, the effects whose retries ran out, waiting for someone to type
 *     {@code retry}; a port with none is absent; empty when the store is unreachable
 * @param openCircuitBreakers the ports whose circuit breaker is open now: deliveries through them wait
 *     without calling the vendor
 * @since 0.1
 */
public record KitHealth(boolean storeReachable, String storeProblem, Map<Effect.Port, Integer> pendingEffects,
                        Map<Effect.Port, Integer> parkedEffects, Set<Effect.Port> openCircuitBreakers) {

    /** Checks nulls and copies the collections. */
    public KitHealth {
        requireNonNull(storeProblem, "storeProblem");
        pendingEffects = Map.copyOf(pendingEffects);
        parkedEffects = Map.copyOf(parkedEffects);
        openCircuitBreakers = Set.copyOf(openCircuitBreakers);
        if (storeReachable != storeProblem.isEmpty()) {
            throw new IllegalArgumentException(storeReachable
                    ? "a reachable store has no problem; got storeProblem '" + storeProblem + "'"
                    : "an unreachable store needs a storeProblem saying why; got an empty one");
        }
    }

    /**
     * Returns whether the kit can do its work: the store is reachable and no port's circuit breaker is
     * open. Waiting and parked deliveries do not make a kit unhealthy (a slow vendor is not the kit's
     * fault); a health check that cares can read the counts.
     *
     * @return true if healthy
     */
    public boolean isHealthy() {
        return storeReachable && openCircuitBreakers.isEmpty();
    }

    /**
     * Returns how many effects wait for delivery through a port.
     *
     * @param port the port
     * @return the count, 0 if none
     */
    public int pending(Effect.Port port) {
        return pendingEffects.getOrDefault(requireNonNull(port, "port"), 0);
    }

    /**
     * Returns how many effects are parked for a port.
     *
     * @param port the port
     * @return the count, 0 if none
     */
    public int parked(Effect.Port port) {
        return parkedEffects.getOrDefault(requireNonNull(port, "port"), 0);
    }

    /** Counts effects per port, leaving out ports with none. */
    static Map<Effect.Port, Integer> countByPort(List<PendingEffect> effects) {
        Map<Effect.Port, Integer> counts = new EnumMap<>(Effect.Port.class);
        for (PendingEffect e : effects) {
            counts.merge(e.effect().port(), 1, Integer::sum);
        }
        return counts;
    }
}
