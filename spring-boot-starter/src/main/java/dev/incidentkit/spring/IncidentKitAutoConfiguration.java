package dev.incidentkit.spring;

import dev.incidentkit.ConfigurationException;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.IncidentKitListener;
import dev.incidentkit.reminder.ReminderPolicy;
import dev.incidentkit.rotation.HandOffCandidates;
import dev.incidentkit.spi.AccessPolicy;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.RotationSource;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.spring.internal.IncidentKitLifecycle;
import dev.incidentkit.spring.internal.SecretConverter;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configures an {@link IncidentKit} from {@code incidentkit.*} properties (see
 * {@link IncidentKitProperties}) and the ports in the application context.
 *
 * <ul>
 *   <li><b>Store</b>: {@code JdbcIncidentStore} on the application's {@code DataSource} when
 *       {@code incidentkit-store-jdbc} is on the class path and there is a {@code DataSource}; otherwise an
 *       in-memory store, with a warning that it is not for production.
 *   <li><b>Adapters</b>: Slack, PagerDuty, Statuspage and GitHub, each when its module is on the class path
 *       and its settings are set; their inbound endpoints are served by {@link IncidentKitWebMvcAutoConfiguration}.
 *       With {@code incidentkit-adapters-slack-bolt} on the class path and a Bolt {@code App} bean, incidentkit is
 *       installed on that app instead (and Slack's calls go through its client), and no Slack endpoint is mapped.
 *   <li><b>The kit</b>: built from the {@code ChatGateway} (required), and the {@code Pager},
 *       {@code StatusPublisher}, {@code IssueTracker}, {@code Directory}, {@code RotationSource},
 *       {@code AccessPolicy}, {@code HandOffCandidates}, {@code ReminderPolicy}, {@code IncidentKitListener} and
 *       {@code Clock} beans there are, then every {@link IncidentKitCustomizer}.
 *   <li><b>Shutdown</b>: the kit is closed after the web server has stopped taking requests.
 * </ul>
 *
 * <p>Every bean is {@code @ConditionalOnMissingBean}: declare one of the same type to replace it.
 * {@code incidentkit.enabled=false} turns all of it off.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Spring Boot 4
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"}) // Spring Boot 3
@ConditionalOnBooleanProperty(name = "incidentkit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IncidentKitProperties.class)
@Import({StoreConfigurations.Jdbc.class, AdapterConfigurations.SlackBolt.class, AdapterConfigurations.Slack.class,
        AdapterConfigurations.PagerDuty.class, AdapterConfigurations.Statuspage.class, AdapterConfigurations.GitHub.class})
public class IncidentKitAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentKitAutoConfiguration.class);

    /** Made by Spring. */
    public IncidentKitAutoConfiguration() {}

    /**
     * Binds secret settings to {@link dev.incidentkit.adapters.Secret}, a blank one to nothing.
     *
     * @return the converter
     */
    @Bean
    @ConfigurationPropertiesBinding
    static SecretConverter incidentKitSecretConverter() {
        return new SecretConverter();
    }

    /**
     * The in-memory store, when there is no other: incidents are lost on restart, and several replicas do
     * not share it.
     *
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean(IncidentStore.class)
    InMemoryIncidentStore incidentKitInMemoryStore() {
        LOG.warn("incidentkit keeps incidents in memory: they are lost on restart and replicas do not share them; "
                + "this is not for production. Add incidentkit-store-jdbc and a DataSource (spring.datasource.url) "
                + "to keep them in a database.");
        return new InMemoryIncidentStore();
    }

    /**
     * The kit.
     *
     * @param properties the settings
     * @param environment for the default replica name ({@code HOSTNAME})
     * @param store the store
     * @param chat the chat platform (required)
     * @param pager the pager, if any
     * @param statusPublisher the status page, if any
     * @param issueTracker the issue tracker, if any
     * @param directory the directory of people, if any
     * @param rotation the IMOC rotation, if any
     * @param accessPolicy who may do what, if not the default
     * @param handOffCandidates how hand-off candidates are chosen, if not the default
     * @param reminders the reminder policies, if not the defaults
     * @param clock the clock, if not the system clock
     * @param listeners told what the kit does, e.g. incidentkit-micrometer's meters
     * @param customizers adjust the builder last
     * @return the kit, running
     * @throws ConfigurationException if there is no chat platform, or a setting is bad
     */
    @Bean
    @ConditionalOnMissingBean
    IncidentKit incidentKit(IncidentKitProperties properties, Environment environment, IncidentStore store,
                            ObjectProvider<ChatGateway> chat, ObjectProvider<Pager> pager,
                            ObjectProvider<StatusPublisher> statusPublisher, ObjectProvider<IssueTracker> issueTracker,
                            ObjectProvider<Directory> directory, ObjectProvider<RotationSource> rotation,
                            ObjectProvider<AccessPolicy> accessPolicy, ObjectProvider<HandOffCandidates> handOffCandidates,
                            ObjectProvider<ReminderPolicy> reminders, ObjectProvider<Clock> clock,
                            ObjectProvider<IncidentKitListener> listeners,
                            ObjectProvider<IncidentKitCustomizer> customizers) {
        ChatGateway chatGateway = chat.getIfUnique();
        if (chatGateway == null) {
            throw new ConfigurationException("incidentkit", List.of(chat.stream().findAny().isPresent()
                    ? "several ChatGateway beans: mark the one incidentkit uses @Primary"
                    : "no chat platform: set incidentkit.slack.bot-token and incidentkit.slack.signing-secret (with "
                    + "incidentkit-adapters-slack on the class path), or declare a ChatGateway bean; "
                    + "incidentkit.enabled=false turns incidentkit off"));
        }
        IncidentKit.Builder builder = IncidentKit.builder()
                .store(store)
                .chat(chatGateway)
                .zone(properties.zone())
                .deliveryLease(properties.deliveryLease())
                .tickEvery(properties.tickEvery());
        String replica = properties.replicaName() != null ? properties.replicaName() : environment.getProperty("HOSTNAME");
        if (replica != null && !replica.isBlank()) {
            builder.replicaName(replica.strip());
        }
        clock.ifUnique(builder::clock);
        pager.ifUnique(builder::pager);
        statusPublisher.ifUnique(builder::statusPublisher);
        issueTracker.ifUnique(builder::issueTracker);
        directory.ifUnique(builder::directory);
        rotation.ifUnique(builder::rotation);
        accessPolicy.ifUnique(builder::accessPolicy);
        handOffCandidates.ifUnique(builder::handOffCandidates);
        List<ReminderPolicy> policies = reminders.orderedStream().toList();
        if (!policies.isEmpty()) {
            builder.reminders(policies);
        }
        Boolean preview = properties.previewPublicUpdates();
        builder.previewPublicUpdates(preview != null ? preview : statusPublisher.getIfUnique() != null);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * Closes the kit after the web server has stopped taking requests.
     *
     * @param kit the kit
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnBean(IncidentKit.class)
    IncidentKitLifecycle incidentKitLifecycle(IncidentKit kit) {
        return new IncidentKitLifecycle(kit);
    }
}
