package dev.incidentkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.adapters.http.InboundResponse;
import dev.incidentkit.testkit.fakes.RecordingChatGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/** When the endpoints are mapped into Spring MVC, and when not. */
final class IncidentKitWebMvcAutoConfigurationTest {
    private static final AutoConfigurations STARTER = AutoConfigurations.of(IncidentKitAutoConfiguration.class,
            IncidentKitWebMvcAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues("incidentkit.tick-every=0")
            .withBean(RecordingChatGateway.class, RecordingChatGateway::new);

    private static InboundEndpoint endpoint(String name, String path) {
        return new InboundEndpoint(name, path, request -> InboundResponse.text(200, name), 1024);
    }

    @Test
    void everyEndpointIsMappedAtItsPath() {
        web.withBean("a", InboundEndpoint.class, () -> endpoint("slack", "/slack/events"))
                .withBean("b", InboundEndpoint.class, () -> endpoint("custom", "/hooks/custom"))
                .run(context -> {
                    SimpleUrlHandlerMapping mapping = context.getBean("incidentKitHandlerMapping", SimpleUrlHandlerMapping.class);
                    assertThat(mapping.getUrlMap()).containsOnlyKeys("/slack/events", "/hooks/custom");
                    assertThat(mapping.getOrder()).isLessThan(0);
                });
    }

    @Test
    void twoEndpointsOnOnePathFailTheStartNamingBoth() {
        web.withBean("a", InboundEndpoint.class, () -> endpoint("slack", "/hooks"))
                .withBean("b", InboundEndpoint.class, () -> endpoint("github", "/hooks"))
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("slack and github are both at /hooks"));
    }

    @Test
    void nothingIsMappedWithoutEndpoints() {
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("incidentKitHandlerMapping"));
    }

    @Test
    void nothingIsMappedOutsideAWebApplication() {
        new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues("incidentkit.tick-every=0")
                .withBean(RecordingChatGateway.class, RecordingChatGateway::new)
                .withBean(InboundEndpoint.class, () -> endpoint("slack", "/slack/events"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("incidentKitHandlerMapping"));
    }
}
