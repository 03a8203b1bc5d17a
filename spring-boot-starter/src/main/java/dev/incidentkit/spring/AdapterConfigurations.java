package dev.incidentkit.spring;

import static java.util.Objects.requireNonNull;

import dev.incidentkit.IncidentKit;
import dev.incidentkit.github.GitHubConfig;
import dev.incidentkit.github.GitHubInbound;
import dev.incidentkit.github.GitHubIssueTracker;
import dev.incidentkit.pagerduty.PagerDutyConfig;
import dev.incidentkit.pagerduty.PagerDutyInbound;
import dev.incidentkit.pagerduty.PagerDutyPager;
import dev.incidentkit.pagerduty.PagerDutyRotationSource;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackConfig;
import dev.incidentkit.slack.SlackDirectory;
import dev.incidentkit.slack.SlackInbound;
import dev.incidentkit.slack.bolt.IncidentKitBolt;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.Directory;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.RotationSource;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.spring.internal.ConditionalOnSettings;
import dev.incidentkit.statuspage.StatuspageConfig;
import dev.incidentkit.statuspage.StatuspageStatusPublisher;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * One configuration per adapter, each on when the adapter's module is on the class path and its settings
 * are set; imported by {@link IncidentKitAutoConfiguration}. The wiring is {@code examples}' IncidentBot's,
 * from {@link IncidentKitProperties} instead of environment variables.
 */
final class AdapterConfigurations {
    /** Bolt's app: named, not referenced, so nothing here needs Bolt on the class path. */
    static final String BOLT_APP = "com.slack.api.bolt.App";

    private AdapterConfigurations() {}

    private static int bytes(DataSize size, String setting) {
        long n = size.toBytes();
        if (n < 0 || n >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(setting + " is between 0 and 2GB; got " + size);
        }
        return (int) n;
    }

    /**
     * Slack through the application's Bolt {@code App}: incidentkit is installed on the app (slash command,
     * buttons, the status modal, the note reaction), and, unless there is another chat platform, Slack's
     * calls go through the app's client with its token. Imported before {@link Slack}, which then maps no
     * endpoint of its own: the app serves Slack's requests wherever the application serves it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.incidentkit.slack.bolt.IncidentKitBolt", BOLT_APP})
    @ConditionalOnBean(type = BOLT_APP)
    static class SlackBolt {
        @Bean
        @ConditionalOnMissingBean(ChatGateway.class)
        SlackChatGateway incidentKitBoltChatGateway(com.slack.api.bolt.App app, ObjectProvider<Clock> clock) {
            SlackChatGateway.Builder b = IncidentKitBolt.chatGateway(app);
            clock.ifUnique(b::clock);
            return b.build();
        }

        /** The gateway's directory; the gateway owns (and closes) it. */
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(Directory.class)
        @ConditionalOnBean(SlackChatGateway.class)
        SlackDirectory incidentKitBoltDirectory(SlackChatGateway chat) {
            return chat.directory();
        }

        @Bean
        @ConditionalOnMissingBean
        IncidentKitBolt incidentKitBolt(com.slack.api.bolt.App app, IncidentKit kit, IncidentStore store,
                                        ObjectProvider<SlackChatGateway> chat, ObjectProvider<Clock> clock) {
            IncidentKitBolt.Builder b = IncidentKitBolt.builder(app, kit, store);
            chat.ifUnique(b::chat);
            clock.ifUnique(b::clock);
            return b.install();
        }
    }

    /** Slack: the chat platform, its directory, and the endpoint for slash commands, buttons and events. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SlackChatGateway.class)
    @ConditionalOnSettings(prefix = "incidentkit.slack", allOf = {"bot-token", "signing-secret"})
    static class Slack {
        @Bean
        @ConditionalOnMissingBean
        SlackConfig incidentKitSlackConfig(IncidentKitProperties properties) {
            IncidentKitProperties.Slack s = properties.slack();
            SlackConfig.Builder b = SlackConfig.builder()
                    .botToken(requireNonNull(s.botToken(), "incidentkit.slack.bot-token"))
                    .signingSecret(requireNonNull(s.signingSecret(), "incidentkit.slack.signing-secret"));
            if (s.apiUrl() != null) {
                b.apiUrl(s.apiUrl());
            }
            if (s.noteReaction() != null) {
                b.noteReaction(s.noteReaction().strip().replace(":", ""));
            }
            if (s.requestTimeout() != null) {
                b.requestTimeout(s.requestTimeout());
            }
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean(ChatGateway.class)
        SlackChatGateway incidentKitSlackChatGateway(SlackConfig config, ObjectProvider<Clock> clock) {
            SlackChatGateway.Builder b = SlackChatGateway.builder(config);
            clock.ifUnique(b::clock);
            return b.build();
        }

        /** The gateway's directory; the gateway owns (and closes) it. */
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean(Directory.class)
        @ConditionalOnBean(SlackChatGateway.class)
        SlackDirectory incidentKitSlackDirectory(SlackChatGateway chat) {
            return chat.directory();
        }

        @Bean
        @ConditionalOnMissingBean(type = {"dev.incidentkit.slack.SlackInbound", "dev.incidentkit.slack.bolt.IncidentKitBolt"})
        SlackInbound incidentKitSlackInbound(SlackConfig config, IncidentKit kit, IncidentStore store,
                                             ObjectProvider<SlackChatGateway> chat, ObjectProvider<Clock> clock,
                                             IncidentKitProperties properties) {
            SlackInbound.Builder b = SlackInbound.builder(config, kit, store)
                    .maxBodyBytes(bytes(properties.slack().maxBodySize(), "incidentkit.slack.max-body-size"));
            chat.ifUnique(b::chat);
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        @ConditionalOnBean(SlackInbound.class)
        @ConditionalOnMissingBean(name = "incidentKitSlackEndpoint")
        InboundEndpoint incidentKitSlackEndpoint(SlackInbound inbound, IncidentKitProperties properties) {
            IncidentKitProperties.Slack s = properties.slack();
            return new InboundEndpoint("slack", s.path(), inbound::handle, bytes(s.maxBodySize(), "incidentkit.slack.max-body-size"));
        }
    }

    /** PagerDuty: the pager, the rotation, and the webhook endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PagerDutyPager.class)
    @ConditionalOnSettings(prefix = "incidentkit.pagerduty", anyOf = {"token", "routing-key"})
    static class PagerDuty {
        @Bean
        @ConditionalOnMissingBean
        PagerDutyConfig incidentKitPagerDutyConfig(IncidentKitProperties properties) {
            IncidentKitProperties.PagerDuty p = properties.pagerduty();
            PagerDutyConfig.Builder b = PagerDutyConfig.builder().declareServiceIds(p.declareServiceIds());
            if (p.token() != null) {
                b.apiToken(p.token());
            }
            if (p.routingKey() != null) {
                b.routingKey(p.routingKey());
            }
            if (p.webhookSecret() != null) {
                b.webhookSecret(p.webhookSecret());
            }
            if (p.fromEmail() != null && !p.fromEmail().isBlank()) {
                b.fromEmail(p.fromEmail().strip());
            }
            if (p.serviceId() != null && !p.serviceId().isBlank()) {
                b.serviceId(p.serviceId().strip());
            }
            if (p.escalationPolicyId() != null && !p.escalationPolicyId().isBlank()) {
                b.escalationPolicyId(p.escalationPolicyId().strip());
            }
            if (p.scheduleId() != null && !p.scheduleId().isBlank()) {
                b.scheduleId(p.scheduleId().strip());
            }
            if (p.apiUrl() != null) {
                b.apiUrl(p.apiUrl());
            }
            if (p.eventsUrl() != null) {
                b.eventsUrl(p.eventsUrl());
            }
            if (p.requestTimeout() != null) {
                b.requestTimeout(p.requestTimeout());
            }
            return b.build();
        }

        /** Pages through the REST API when it has what that needs, else through Events API v2. */
        @Bean
        @ConditionalOnMissingBean(Pager.class)
        PagerDutyPager incidentKitPagerDutyPager(PagerDutyConfig config, ObjectProvider<Directory> people,
                                                 ObjectProvider<Clock> clock) {
            PagerDutyPager.Builder b = config.missingFor("rest").isEmpty()
                    ? PagerDutyPager.restApi(config) : PagerDutyPager.eventsApi(config);
            people.ifUnique(b::people);
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean(RotationSource.class)
        @ConditionalOnSettings(prefix = "incidentkit.pagerduty", allOf = "token", anyOf = {"schedule-id", "escalation-policy-id"})
        PagerDutyRotationSource incidentKitPagerDutyRotation(PagerDutyConfig config, ObjectProvider<Directory> people,
                                                             ObjectProvider<Clock> clock) {
            PagerDutyRotationSource.Builder b = PagerDutyRotationSource.builder(config);
            people.ifUnique(b::people);
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnSettings(prefix = "incidentkit.pagerduty", allOf = {"token", "webhook-secret"})
        PagerDutyInbound incidentKitPagerDutyInbound(PagerDutyConfig config, IncidentKit kit, IncidentStore store,
                                                     ObjectProvider<Pager> pager, ObjectProvider<Directory> people,
                                                     ObjectProvider<Clock> clock, IncidentKitProperties properties) {
            PagerDutyInbound.Builder b = PagerDutyInbound.builder(config, kit, store)
                    .maxBodyBytes(bytes(properties.pagerduty().maxBodySize(), "incidentkit.pagerduty.max-body-size"));
            if (pager.getIfUnique() instanceof PagerDutyPager p) {
                b.pager(p);
            }
            people.ifUnique(b::people);
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        @ConditionalOnBean(PagerDutyInbound.class)
        @ConditionalOnMissingBean(name = "incidentKitPagerDutyEndpoint")
        InboundEndpoint incidentKitPagerDutyEndpoint(PagerDutyInbound inbound, IncidentKitProperties properties) {
            IncidentKitProperties.PagerDuty p = properties.pagerduty();
            return new InboundEndpoint("pagerduty", p.path(), inbound::handle,
                    bytes(p.maxBodySize(), "incidentkit.pagerduty.max-body-size"));
        }
    }

    /** Statuspage: the public status page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StatuspageStatusPublisher.class)
    @ConditionalOnSettings(prefix = "incidentkit.statuspage", allOf = {"token", "page-id"})
    static class Statuspage {
        @Bean
        @ConditionalOnMissingBean
        StatuspageConfig incidentKitStatuspageConfig(IncidentKitProperties properties) {
            IncidentKitProperties.Statuspage s = properties.statuspage();
            StatuspageConfig.Builder b = StatuspageConfig.builder()
                    .token(requireNonNull(s.token(), "incidentkit.statuspage.token"))
                    .pageId(requireNonNull(s.pageId(), "incidentkit.statuspage.page-id").strip());
            if (s.sandboxPageId() != null && !s.sandboxPageId().isBlank()) {
                b.sandboxPageId(s.sandboxPageId().strip());
            }
            if (s.apiUrl() != null) {
                b.apiUrl(s.apiUrl());
            }
            if (s.restoreComponentsOnResolve() != null) {
                b.restoreComponentsOnResolve(s.restoreComponentsOnResolve());
            }
            if (s.requestTimeout() != null) {
                b.requestTimeout(s.requestTimeout());
            }
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean(StatusPublisher.class)
        StatuspageStatusPublisher incidentKitStatuspagePublisher(StatuspageConfig config, ObjectProvider<Clock> clock) {
            StatuspageStatusPublisher.Builder b = StatuspageStatusPublisher.builder(config);
            clock.ifUnique(b::clock);
            return b.build();
        }
    }

    /** GitHub: the report and follow-up issues, and the webhook endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GitHubIssueTracker.class)
    @ConditionalOnSettings(prefix = "incidentkit.github", allOf = {"token", "repository"})
    static class GitHub {
        @Bean
        @ConditionalOnMissingBean
        GitHubConfig incidentKitGitHubConfig(IncidentKitProperties properties) {
            IncidentKitProperties.GitHub g = properties.github();
            GitHubConfig.Builder b = GitHubConfig.builder()
                    .token(requireNonNull(g.token(), "incidentkit.github.token"))
                    .repository(requireNonNull(g.repository(), "incidentkit.github.repository").strip());
            if (g.webhookSecret() != null) {
                b.webhookSecret(g.webhookSecret());
            }
            if (g.apiUrl() != null) {
                b.apiUrl(g.apiUrl());
            }
            if (g.requestTimeout() != null) {
                b.requestTimeout(g.requestTimeout());
            }
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean(IssueTracker.class)
        GitHubIssueTracker incidentKitGitHubIssueTracker(GitHubConfig config, ObjectProvider<Directory> people,
                                                         ObjectProvider<Clock> clock) {
            GitHubIssueTracker.Builder b = GitHubIssueTracker.builder(config);
            people.ifUnique(b::directory);
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnSettings(prefix = "incidentkit.github", allOf = {"token", "repository", "webhook-secret"})
        GitHubInbound incidentKitGitHubInbound(GitHubConfig config, IncidentKit kit, IncidentStore store,
                                               ObjectProvider<Clock> clock, IncidentKitProperties properties) {
            GitHubInbound.Builder b = GitHubInbound.builder(config, kit, kit::incident, store)
                    .maxBodyBytes(bytes(properties.github().maxBodySize(), "incidentkit.github.max-body-size"));
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        @ConditionalOnBean(GitHubInbound.class)
        @ConditionalOnMissingBean(name = "incidentKitGitHubEndpoint")
        InboundEndpoint incidentKitGitHubEndpoint(GitHubInbound inbound, IncidentKitProperties properties) {
            IncidentKitProperties.GitHub g = properties.github();
            return new InboundEndpoint("github", g.path(), inbound::handle,
                    bytes(g.maxBodySize(), "incidentkit.github.max-body-size"));
        }
    }
}
