package dev.incidentkit.spring.internal;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.KitHealth;
import dev.incidentkit.spi.Effect;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The kit's health from {@link IncidentKit#health()}: UP while the store answers and no port's circuit
 * breaker is open, else DOWN. The details show the store problem (in words safe to show anyone), the
 * deliveries waiting and parked per port, and the open circuit breakers. Parked deliveries (retries ran
 * out; someone types {@code retry}) are shown but do not make the kit DOWN: a vendor's outage is not the
 * kit's. Each call reads the store; Boot's {@code management.endpoint.health.cache.time-to-live} keeps an
 * answer for a while.
 */
public final class KitHealthIndicator implements HealthIndicator {
    private final IncidentKit kit;

    /**
     * Reports on one kit.
     *
     * @param kit the kit
     */
    public KitHealthIndicator(IncidentKit kit) {
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    @Override
    public Health health() {
        KitHealth h = kit.health();
        Health.Builder b = h.isHealthy() ? Health.up() : Health.down();
        b.withDetail("storeReachable", h.storeReachable());
        if (!h.storeReachable()) {
            b.withDetail("storeProblem", h.storeProblem());
        }
        return b.withDetail("pendingDeliveries", byPort(h.pendingEffects()))
                .withDetail("parkedDeliveries", byPort(h.parkedEffects()))
                .withDetail("openCircuitBreakers", h.openCircuitBreakers().stream().map(KitHealthIndicator::name)
                        .sorted().collect(Collectors.toList()))
                .build();
    }

    private static Map<String, Integer> byPort(Map<Effect.Port, Integer> counts) {
        Map<String, Integer> named = new TreeMap<>();
        counts.forEach((port, n) -> named.put(name(port), n));
        return named;
    }

    private static String name(Effect.Port port) {
        return port.name().toLowerCase(Locale.ROOT);
    }
}
