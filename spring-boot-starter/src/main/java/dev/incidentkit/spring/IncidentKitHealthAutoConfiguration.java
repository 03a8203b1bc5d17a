package dev.incidentkit.spring;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.spring.internal.KitHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The kit's health in Spring Boot's health endpoint, as the {@code incidentkit} component: UP while the
 * store answers and no port's circuit breaker is open, with the deliveries waiting and parked per port.
 * It is not part of the liveness or readiness groups unless you add it
 * ({@code management.endpoint.health.group.readiness.include=readinessState,incidentkit}); turn it off with
 * {@code management.health.incidentkit.enabled=false}.
 *
 * @since 0.1
 */
@AutoConfiguration(after = IncidentKitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(IncidentKit.class)
@ConditionalOnEnabledHealthIndicator("incidentkit")
public class IncidentKitHealthAutoConfiguration {

    /** Made by Spring. */
    public IncidentKitHealthAutoConfiguration() {}

    /**
     * The health indicator, named {@code incidentkit} in the health endpoint.
     *
     * @param kit the kit
     * @return the indicator
     */
    @Bean(name = "incidentkitHealthIndicator")
    @ConditionalOnMissingBean(name = "incidentkitHealthIndicator")
    HealthIndicator incidentkitHealthIndicator(IncidentKit kit) {
        return new KitHealthIndicator(kit);
    }
}
