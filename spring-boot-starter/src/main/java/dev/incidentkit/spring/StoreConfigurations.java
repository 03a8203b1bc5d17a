package dev.incidentkit.spring;

import dev.incidentkit.jdbc.JdbcIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable stores, imported by {@link IncidentKitAutoConfiguration} before its in-memory fallback. */
final class StoreConfigurations {
    private StoreConfigurations() {}

    /** The JDBC store on the application's {@code DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcIncidentStore.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class Jdbc {
        @Bean
        @ConditionalOnMissingBean(IncidentStore.class)
        JdbcIncidentStore incidentKitJdbcStore(DataSource dataSource, IncidentKitProperties properties) {
            IncidentKitProperties.Store settings = properties.store();
            JdbcIncidentStore.Builder builder = JdbcIncidentStore.builder(dataSource).createSchema(settings.createSchema());
            if (settings.idPrefix() != null) {
                builder.idPrefix(settings.idPrefix());
            }
            return builder.build();
        }
    }
}
