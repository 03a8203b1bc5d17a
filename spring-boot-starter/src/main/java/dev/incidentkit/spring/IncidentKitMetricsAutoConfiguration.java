package dev.incidentkit.spring;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.micrometer.IncidentKitMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * incidentkit's meters ({@code incidentkit-micrometer}) in the application's {@link MeterRegistry}: an
 * {@link IncidentKitMetrics} bean, which the auto-configured kit takes as a listener and Spring Boot binds
 * to its registries like any {@code MeterBinder}; once the context is up, its gauges are given the kit.
 * With your own {@code IncidentKit} bean, add the metrics bean to it with {@code .listener(metrics)}.
 *
 * @since 0.1
 */
@AutoConfiguration(after = IncidentKitAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration", // Boot 4
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"}) // Boot 3
@ConditionalOnClass({IncidentKitMetrics.class, MeterRegistry.class})
@ConditionalOnBean({MeterRegistry.class, IncidentKit.class})
@ConditionalOnMissingBean(IncidentKitMetrics.class)
public class IncidentKitMetricsAutoConfiguration {

    /** Made by Spring. */
    public IncidentKitMetricsAutoConfiguration() {}

    /**
     * The meters; the kit hears of them as a listener, the registries as a binder.
     *
     * @param clock the clock, if not the system clock
     * @return the meters, not yet attached to the kit
     */
    @Bean
    IncidentKitMetrics incidentKitMetrics(ObjectProvider<Clock> clock) {
        IncidentKitMetrics.Builder b = IncidentKitMetrics.builder();
        clock.ifUnique(b::clock);
        return b.build();
    }

    /**
     * Gives the meters' gauges the kit once every bean is made (the kit needs the meters first, as its
     * listener, so they cannot be given the kit when made).
     *
     * @param metrics the meters
     * @param kit the kit
     * @return the step that attaches them
     */
    @Bean
    SmartInitializingSingleton incidentKitMetricsAttachment(IncidentKitMetrics metrics, ObjectProvider<IncidentKit> kit) {
        return () -> kit.ifUnique(metrics::attach);
    }
}
