package dev.incidentkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.ChatRequest;
import dev.incidentkit.ConfigurationException;
import dev.incidentkit.IncidentKit;
import dev.incidentkit.Reply;
import dev.incidentkit.github.GitHubInbound;
import dev.incidentkit.github.GitHubIssueTracker;
import dev.incidentkit.incident.PersonRef;
import dev.incidentkit.jdbc.JdbcIncidentStore;
import dev.incidentkit.pagerduty.PagerDutyInbound;
import dev.incidentkit.pagerduty.PagerDutyPager;
import dev.incidentkit.pagerduty.PagerDutyRotationSource;
import dev.incidentkit.adapters.testing.ScriptedResponse;
import dev.incidentkit.slack.FakeSlack;
import dev.incidentkit.slack.SlackChatGateway;
import dev.incidentkit.slack.SlackDirectory;
import dev.incidentkit.slack.SlackInbound;
import dev.incidentkit.slack.bolt.IncidentKitBolt;
import dev.incidentkit.micrometer.IncidentKitMetrics;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import dev.incidentkit.spi.ChatGateway;
import dev.incidentkit.spi.InMemoryIncidentStore;
import dev.incidentkit.spi.IncidentStore;
import dev.incidentkit.spi.IssueTracker;
import dev.incidentkit.spi.Pager;
import dev.incidentkit.spi.StatusPublisher;
import dev.incidentkit.spring.internal.IncidentKitLifecycle;
import dev.incidentkit.statuspage.StatuspageStatusPublisher;
import dev.incidentkit.testkit.TestClock;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import dev.incidentkit.testkit.fakes.RecordingIssueTracker;
import dev.incidentkit.testkit.fakes.RecordingPager;
import dev.incidentkit.testkit.fakes.RecordingStatusPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each condition of the auto-configuration, in a context without a web server. */
@ExtendWith(OutputCaptureExtension.class)
final class IncidentKitAutoConfigurationTest {
    static final String SLACK_TOKEN = "xoxb-spring-test-5521";
    static final String SLACK_SIGNING = "spring-signing-secret-8812";
    static final String PD_TOKEN = "pd-token-spring-3307";
    static final String PD_ROUTING = "pd-routing-key-spring-4410";
    static final String PD_WEBHOOK = "pd-webhook-secret-spring-9981";
    static final String SP_TOKEN = "statuspage-token-spring-2210";
    static final String GH_TOKEN = "ghp_spring_test_token_7781";
    static final String GH_WEBHOOK = "gh-webhook-secret-spring-6612";
    /** Nothing listens there: a test that reached a vendor would fail, not call the Internet. */
    static final String NOWHERE = "http://127.0.0.1:9";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IncidentKitAutoConfiguration.class))
            .withPropertyValues("incidentkit.tick-every=0");

    /** A chat platform for the contexts that do not turn Slack on. */
    @Configuration(proxyBeanMethods = false)
    static class FakeChat {
        @Bean
        RecordingChatGateway chat() {
            return new RecordingChatGateway();
        }
    }

    /** Listeners heard on the thread that handled the command, so a test reads a meter right after it. */
    @Configuration(proxyBeanMethods = false)
    static class ListenersAtOnce {
        @Bean
        IncidentKitCustomizer listenersAtOnce() {
            return builder -> builder.listenerExecutor(Runnable::run);
        }
    }

    private static String[] slack() {
        return new String[] {"incidentkit.slack.bot-token=" + SLACK_TOKEN, "incidentkit.slack.signing-secret=" + SLACK_SIGNING,
                "incidentkit.slack.api-url=" + NOWHERE + "/api"};
    }

    @Nested
    @DisplayName("the store")
    final class Store {
        @Test
        void inMemoryWithAWarningWithoutADataSource(CapturedOutput output) {
            runner.withUserConfiguration(FakeChat.class).run(context -> {
                assertThat(context).hasSingleBean(IncidentStore.class);
                assertThat(context.getBean(IncidentStore.class)).isInstanceOf(InMemoryIncidentStore.class);
                assertThat(output).contains("WARN").contains("not for production");
            });
        }

        @Test
        void jdbcOnTheApplicationsDataSource(CapturedOutput output) {
            runner.withUserConfiguration(FakeChat.class)
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                    .withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-test;DB_CLOSE_DELAY=-1",
                            "incidentkit.store.id-prefix=OPS")
                    .run(context -> {
                        assertThat(context).hasSingleBean(IncidentStore.class);
                        IncidentStore store = context.getBean(IncidentStore.class);
                        assertThat(store).isInstanceOf(JdbcIncidentStore.class);
                        assertThat(store.nextId().toString()).startsWith("OPS-");
                        assertThat(output).doesNotContain("not for production");
                    });
        }

        @Test
        void inMemoryWhenStoreJdbcIsNotOnTheClassPath() {
            runner.withUserConfiguration(FakeChat.class)
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                    .withPropertyValues("spring.datasource.url=jdbc:h2:mem:no-store-jdbc;DB_CLOSE_DELAY=-1")
                    .withClassLoader(new FilteredClassLoader(JdbcIncidentStore.class))
                    .run(context -> assertThat(context.getBean(IncidentStore.class)).isInstanceOf(InMemoryIncidentStore.class));
        }

        @Test
        void theApplicationsStoreWins() {
            runner.withUserConfiguration(FakeChat.class)
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                    .withPropertyValues("spring.datasource.url=jdbc:h2:mem:user-store;DB_CLOSE_DELAY=-1")
                    .withBean("myStore", IncidentStore.class, () -> new InMemoryIncidentStore("MINE"))
                    .run(context -> {
                        assertThat(context).hasSingleBean(IncidentStore.class);
                        assertThat(context.getBean(IncidentStore.class).nextId().toString()).startsWith("MINE-");
                    });
        }
    }

    @Nested
    @DisplayName("the kit")
    final class Kit {
        @Test
        void isBuiltFromTheBeansAndAnswersCommands() {
            runner.withUserConfiguration(FakeChat.class).withBean(Clock.class, () -> TestClock.at("2026-12-08T05:00:00Z"))
                    .run(context -> {
                        assertThat(context).hasSingleBean(IncidentKit.class).hasSingleBean(IncidentKitLifecycle.class);
                        IncidentKit kit = context.getBean(IncidentKit.class);
                        Reply reply = kit.handle(new ChatRequest(PersonRef.of("alice"), "C0GENERAL", "declare sev2 Checkout is slow"));
                        assertThat(reply.text()).contains("INC-1");
                        assertThat(context.getBean(IncidentStore.class).openIncidents()).hasSize(1);
                    });
        }

        @Test
        void needsAChatPlatformAndSaysHowToGiveIt() {
            runner.run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("incidentkit.slack.bot-token").hasMessageContaining("ChatGateway bean");
            });
        }

        @Test
        void theApplicationsKitWins() {
            IncidentKit mine = IncidentKit.builder().store(new InMemoryIncidentStore()).chat(new RecordingChatGateway())
                    .tickEvery(java.time.Duration.ZERO).build();
            runner.withBean("myKit", IncidentKit.class, () -> mine).run(context -> {
                assertThat(context).hasSingleBean(IncidentKit.class);
                assertThat(context.getBean(IncidentKit.class)).isSameAs(mine);
            });
        }

        @Test
        void isOffWhenDisabled() {
            runner.withPropertyValues("incidentkit.enabled=false", slack()[0], slack()[1]).run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(IncidentKit.class).doesNotHaveBean(IncidentStore.class)
                        .doesNotHaveBean(SlackInbound.class);
            });
        }

        @Test
        void customizersSeeTheBuilderLast() {
            List<String> calls = new ArrayList<>();
            runner.withUserConfiguration(FakeChat.class)
                    .withBean(IncidentKitCustomizer.class, () -> builder -> {
                        calls.add("customized");
                        builder.deliveryLanes(2); // not set by the starter: allowed
                    })
                    .run(context -> {
                        assertThat(context).hasSingleBean(IncidentKit.class);
                        assertThat(calls).containsExactly("customized");
                    });
        }

        @Test
        void aCustomizerThatSetsWhatTheStarterSetIsToldSo() {
            runner.withUserConfiguration(FakeChat.class)
                    .withBean(IncidentKitCustomizer.class, () -> builder -> builder.zone(java.time.ZoneId.of("Europe/Paris")))
                    .run(context -> assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining("zone was already set"));
        }

        @Test
        void closingTheContextClosesTheKit() {
            AtomicInteger released = new AtomicInteger();
            IncidentStore counting = new ReleaseCountingStore(new InMemoryIncidentStore(), released);
            AtomicInteger whileRunning = new AtomicInteger();
            runner.withUserConfiguration(FakeChat.class).withBean(IncidentStore.class, () -> counting)
                    .run(context -> whileRunning.set(released.get())); // the kit may release stale claims at start
            assertThat(released.get()).as("the kit released its claims on close").isGreaterThan(whileRunning.get());
        }

        @Test
        void stopsAfterTheWebServer() {
            int webServerStops = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024;
            assertThat(IncidentKitLifecycle.PHASE).as("a lower phase stops later").isLessThan(webServerStops);
        }
    }

    @Nested
    @DisplayName("Slack")
    final class Slack {
        @Test
        void isOnWithBothSettings() {
            runner.withPropertyValues(slack()).withPropertyValues("incidentkit.slack.path=/chat/slack").run(context -> {
                assertThat(context).hasSingleBean(SlackChatGateway.class).hasSingleBean(SlackDirectory.class)
                        .hasSingleBean(SlackInbound.class).hasSingleBean(InboundEndpoint.class);
                assertThat(context.getBean(IncidentKit.class)).isNotNull();
                InboundEndpoint endpoint = context.getBean(InboundEndpoint.class);
                assertThat(endpoint.name()).isEqualTo("slack");
                assertThat(endpoint.path()).isEqualTo("/chat/slack");
                assertThat(endpoint.maxBodyBytes()).isEqualTo(1 << 20);
            });
        }

        @Test
        void isOffWithABlankSetting() {
            runner.withUserConfiguration(FakeChat.class)
                    .withPropertyValues("incidentkit.slack.bot-token=" + SLACK_TOKEN, "incidentkit.slack.signing-secret=")
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlackChatGateway.class)
                            .doesNotHaveBean(SlackInbound.class).doesNotHaveBean(InboundEndpoint.class));
        }

        @Test
        void isOffWithoutItsModule() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(slack())
                    .withClassLoader(new FilteredClassLoader(SlackChatGateway.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlackInbound.class)
                            .doesNotHaveBean(InboundEndpoint.class));
        }

        @Test
        void theApplicationsChatGatewayWinsAndSlackStillServesCommands() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(slack()).run(context -> {
                assertThat(context).hasSingleBean(ChatGateway.class).doesNotHaveBean(SlackChatGateway.class)
                        .hasSingleBean(SlackInbound.class);
                assertThat(context.getBean(ChatGateway.class)).isInstanceOf(RecordingChatGateway.class);
            });
        }

        @Test
        void secretsAreNotInThePropertiesNorTheLog(CapturedOutput output) {
            runner.withPropertyValues(slack()).withPropertyValues(pagerDutyAll()).withPropertyValues(statuspage())
                    .withPropertyValues(github()).run(context -> {
                        assertThat(context).hasNotFailed();
                        String shown = context.getBean(IncidentKitProperties.class).toString() + output;
                        for (String secret : List.of(SLACK_TOKEN, SLACK_SIGNING, PD_TOKEN, PD_ROUTING, PD_WEBHOOK, SP_TOKEN,
                                GH_TOKEN, GH_WEBHOOK)) {
                            assertThat(shown).doesNotContain(secret);
                        }
                        assertThat(context.getBean(IncidentKitProperties.class).slack().botToken().reveal()).isEqualTo(SLACK_TOKEN);
                    });
        }
    }

    private static String[] pagerDutyAll() {
        return new String[] {"incidentkit.pagerduty.token=" + PD_TOKEN, "incidentkit.pagerduty.from-email=imoc@example.com",
                "incidentkit.pagerduty.service-id=PSERVIC", "incidentkit.pagerduty.schedule-id=PSCHEDU",
                "incidentkit.pagerduty.webhook-secret=" + PD_WEBHOOK, "incidentkit.pagerduty.routing-key=" + PD_ROUTING,
                "incidentkit.pagerduty.api-url=" + NOWHERE, "incidentkit.pagerduty.events-url=" + NOWHERE};
    }

    private static String[] statuspage() {
        return new String[] {"incidentkit.statuspage.token=" + SP_TOKEN, "incidentkit.statuspage.page-id=page42",
                "incidentkit.statuspage.api-url=" + NOWHERE + "/v1"};
    }

    private static String[] github() {
        return new String[] {"incidentkit.github.token=" + GH_TOKEN, "incidentkit.github.repository=acme/incidents",
                "incidentkit.github.webhook-secret=" + GH_WEBHOOK, "incidentkit.github.api-url=" + NOWHERE};
    }

    @Nested
    @DisplayName("PagerDuty")
    final class PagerDuty {
        @Test
        void theRoutingKeyAlonePagesThroughEventsApi() {
            runner.withUserConfiguration(FakeChat.class)
                    .withPropertyValues("incidentkit.pagerduty.routing-key=" + PD_ROUTING, "incidentkit.pagerduty.events-url=" + NOWHERE)
                    .run(context -> {
                        assertThat(context).hasSingleBean(PagerDutyPager.class).doesNotHaveBean(PagerDutyRotationSource.class)
                                .doesNotHaveBean(PagerDutyInbound.class).doesNotHaveBean(InboundEndpoint.class);
                        assertThat(context.getBean(PagerDutyPager.class).mode()).isEqualTo(PagerDutyPager.Mode.EVENTS_API);
                    });
        }

        @Test
        void aRestKeyWithItsSettingsAddsRestPagingTheRotationAndWebhooks() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(pagerDutyAll()).run(context -> {
                assertThat(context).hasSingleBean(PagerDutyPager.class).hasSingleBean(PagerDutyRotationSource.class)
                        .hasSingleBean(PagerDutyInbound.class);
                assertThat(context.getBean(PagerDutyPager.class).mode()).isEqualTo(PagerDutyPager.Mode.REST_API);
                assertThat(context.getBean(InboundEndpoint.class).path()).isEqualTo("/webhooks/pagerduty");
                assertThat(context.getBean(InboundEndpoint.class).maxBodyBytes()).isEqualTo(512 * 1024);
            });
        }

        @Test
        void isOffWithoutSettings() {
            runner.withUserConfiguration(FakeChat.class)
                    .run(context -> assertThat(context).doesNotHaveBean(Pager.class).doesNotHaveBean(PagerDutyInbound.class));
        }

        @Test
        void isOffWithoutItsModule() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(pagerDutyAll())
                    .withClassLoader(new FilteredClassLoader(PagerDutyPager.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Pager.class));
        }

        @Test
        void theApplicationsPagerWins() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(pagerDutyAll())
                    .withBean(Pager.class, RecordingPager::new)
                    .run(context -> {
                        assertThat(context).hasSingleBean(Pager.class).doesNotHaveBean(PagerDutyPager.class)
                                .hasSingleBean(PagerDutyInbound.class);
                        assertThat(context.getBean(Pager.class)).isInstanceOf(RecordingPager.class);
                    });
        }
    }

    @Nested
    @DisplayName("Statuspage")
    final class Statuspage {
        @Test
        void isOnWithTokenAndPageAndTurnsThePreviewOn() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(statuspage()).run(context -> {
                assertThat(context).hasSingleBean(StatuspageStatusPublisher.class);
                Reply reply = context.getBean(IncidentKit.class).handle(
                        new ChatRequest(PersonRef.of("alice"), "C0GENERAL", "declare sev2 Checkout is slow"));
                assertThat(reply.text()).contains("INC-1");
            });
        }

        @Test
        void isOffWithoutThePage() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues("incidentkit.statuspage.token=" + SP_TOKEN)
                    .run(context -> assertThat(context).doesNotHaveBean(StatusPublisher.class));
        }

        @Test
        void theApplicationsPublisherWins() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(statuspage())
                    .withBean(StatusPublisher.class, RecordingStatusPublisher::new)
                    .run(context -> assertThat(context).hasSingleBean(StatusPublisher.class)
                            .doesNotHaveBean(StatuspageStatusPublisher.class));
        }
    }

    @Nested
    @DisplayName("GitHub")
    final class GitHub {
        @Test
        void isOnWithTokenAndRepositoryAndServesWebhooksWithTheSecret() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(github()).run(context -> {
                assertThat(context).hasSingleBean(GitHubIssueTracker.class).hasSingleBean(GitHubInbound.class);
                assertThat(context.getBean(InboundEndpoint.class).path()).isEqualTo("/webhooks/github");
            });
        }

        @Test
        void withoutTheWebhookSecretThereIsNoEndpoint() {
            runner.withUserConfiguration(FakeChat.class)
                    .withPropertyValues("incidentkit.github.token=" + GH_TOKEN, "incidentkit.github.repository=acme/incidents")
                    .run(context -> assertThat(context).hasSingleBean(GitHubIssueTracker.class)
                            .doesNotHaveBean(GitHubInbound.class).doesNotHaveBean(InboundEndpoint.class));
        }

        @Test
        void isOffWithoutItsModule() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(github())
                    .withClassLoader(new FilteredClassLoader(GitHubIssueTracker.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(IssueTracker.class));
        }

        @Test
        void theApplicationsTrackerWins() {
            runner.withUserConfiguration(FakeChat.class).withPropertyValues(github())
                    .withBean(IssueTracker.class, RecordingIssueTracker::new)
                    .run(context -> assertThat(context).hasSingleBean(IssueTracker.class)
                            .doesNotHaveBean(GitHubIssueTracker.class));
        }

        @Test
        void aBadRepositoryFailsTheStartNamingTheRule() {
            runner.withUserConfiguration(FakeChat.class)
                    .withPropertyValues("incidentkit.github.token=" + GH_TOKEN, "incidentkit.github.repository=not a repo")
                    .run(context -> assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner/name"));
        }
    }

    @Test
    void settingsAreBoundWithDefaults() {
        runner.withUserConfiguration(FakeChat.class).run(context -> {
            IncidentKitProperties p = context.getBean(IncidentKitProperties.class);
            assertThat(p.enabled()).isTrue();
            assertThat(p.deliveryLease()).hasSeconds(15);
            assertThat(p.slack().path()).isEqualTo("/slack/events");
            assertThat(p.pagerduty().declareServiceIds()).isEmpty();
            assertThat(p.store().createSchema()).isTrue();
            assertThat(Map.of("github", p.github().path())).containsEntry("github", "/webhooks/github");
        });
    }

    @Nested
    @DisplayName("Slack through a Bolt app")
    final class SlackThroughBolt {
        private final FakeSlack fakeSlack = new FakeSlack();

        @AfterEach
        void stopFakeSlack() {
            fakeSlack.close();
        }

        /** An app whose Web API calls (Bolt asks auth.test when incidentkit is installed) go to the fake Slack. */
        private App app() {
            // Bolt's own check of its token, a form POST
            fakeSlack.server.stub("POST", "/api/auth.test", r -> ScriptedResponse.ok(
                    "{\"ok\":true,\"team_id\":\"T0FAKE\",\"user_id\":\"" + FakeSlack.BOT_USER + "\",\"bot_id\":\"B0FAKE\"}"));
            com.slack.api.SlackConfig sdk = new com.slack.api.SlackConfig();
            sdk.setMethodsEndpointUrlPrefix(fakeSlack.server.uri("/api/").toString());
            return new App(AppConfig.builder().singleTeamBotToken(FakeSlack.TOKEN).signingSecret(FakeSlack.SIGNING_SECRET)
                    .slack(com.slack.api.Slack.getInstance(sdk)).build());
        }

        @Test
        void incidentkitIsInstalledOnTheAppAndNoSlackEndpointIsMapped() {
            runner.withBean(App.class, this::app).withPropertyValues(slack()).run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(IncidentKitBolt.class).hasSingleBean(SlackChatGateway.class)
                        .hasSingleBean(SlackDirectory.class).doesNotHaveBean(SlackInbound.class)
                        .doesNotHaveBean(InboundEndpoint.class);
            });
        }

        @Test
        void theAppsTokenIsEnoughWithoutSlackSettings() {
            runner.withBean(App.class, this::app).run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(IncidentKitBolt.class).hasSingleBean(IncidentKit.class);
                assertThat(context.getBean(ChatGateway.class)).isInstanceOf(SlackChatGateway.class);
            });
        }

        @Test
        void withoutTheBoltModuleTheAppIsLeftAloneAndTheEndpointIsMapped() {
            runner.withBean(App.class, this::app).withPropertyValues(slack())
                    .withClassLoader(new FilteredClassLoader(IncidentKitBolt.class))
                    .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SlackInbound.class)
                            .hasSingleBean(InboundEndpoint.class));
        }
    }

    @Nested
    @DisplayName("the health indicator")
    final class HealthIndicatorTests {
        private final ApplicationContextRunner health = runner.withConfiguration(
                AutoConfigurations.of(IncidentKitHealthAutoConfiguration.class));

        private Health read(org.springframework.context.ApplicationContext context) {
            return context.getBean("incidentkitHealthIndicator", HealthIndicator.class).health();
        }

        @Test
        void isUpWhileTheStoreAnswersAndShowsParkedDeliveries() {
            RecordingChatGateway chat = new RecordingChatGateway();
            chat.failNext(1_000);
            health.withBean(RecordingChatGateway.class, () -> chat)
                    .withBean(IncidentKitCustomizer.class, () -> b -> b.retries(1, java.time.Duration.ofSeconds(1),
                            java.time.Duration.ofSeconds(1)).deliveryExecutor(Runnable::run))
                    .run(context -> {
                        assertThat(read(context).getStatus()).isEqualTo(Status.UP);
                        context.getBean(IncidentKit.class).handle(
                                new ChatRequest(PersonRef.of("alice"), "C0GENERAL", "declare sev2 Checkout is slow"));
                        Health h = read(context);
                        assertThat(h.getStatus()).as("a parked delivery is the vendor's trouble, not the kit's").isEqualTo(Status.UP);
                        assertThat(h.getDetails()).containsEntry("storeReachable", true)
                                .containsEntry("parkedDeliveries", Map.of("chat", 1));
                    });
        }

        @Test
        void isDownWhenTheStoreDoesNotAnswer() {
            IncidentStore broken = new ReleaseCountingStore(new InMemoryIncidentStore(), new AtomicInteger()) {
                @Override
                public List<dev.incidentkit.spi.PendingEffect> pendingEffects() {
                    throw new IllegalStateException("connection refused");
                }
            };
            health.withUserConfiguration(FakeChat.class).withBean(IncidentStore.class, () -> broken).run(context -> {
                Health h = read(context);
                assertThat(h.getStatus()).isEqualTo(Status.DOWN);
                assertThat(h.getDetails()).containsEntry("storeReachable", false).containsKey("storeProblem");
            });
        }

        @Test
        void canBeTurnedOff() {
            health.withUserConfiguration(FakeChat.class).withPropertyValues("management.health.incidentkit.enabled=false")
                    .run(context -> assertThat(context).hasSingleBean(IncidentKit.class)
                            .doesNotHaveBean("incidentkitHealthIndicator"));
        }
    }

    @Nested
    @DisplayName("the metrics")
    final class Metrics {
        private final ApplicationContextRunner metrics = runner.withConfiguration(AutoConfigurations.of(
                MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, IncidentKitMetricsAutoConfiguration.class));

        @Test
        void theKitsWorkIsCountedInTheRegistryAndItsGaugesReadTheKit() {
            metrics.withUserConfiguration(FakeChat.class, ListenersAtOnce.class).run(context -> {
                assertThat(context).hasSingleBean(IncidentKitMetrics.class);
                context.getBean(IncidentKit.class).handle(
                        new ChatRequest(PersonRef.of("alice"), "C0GENERAL", "declare sev2 Checkout is slow"));
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("incidentkit.incidents.declared").tag("severity", "sev2").counter().count())
                        .as("heard as a listener").isEqualTo(1.0);
                assertThat(registry.get("incidentkit.incidents.open").tag("severity", "sev2").tag("status", "investigating")
                        .gauge().value()).as("read from the attached kit").isEqualTo(1.0);
            });
        }

        @Test
        void areOffWithoutTheMicrometerModule() {
            metrics.withUserConfiguration(FakeChat.class).withClassLoader(new FilteredClassLoader(IncidentKitMetrics.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("incidentKitMetrics"));
        }

        @Test
        void areOffWithoutARegistry() {
            runner.withUserConfiguration(FakeChat.class).withConfiguration(AutoConfigurations.of(IncidentKitMetricsAutoConfiguration.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(IncidentKitMetrics.class));
        }
    }
}
