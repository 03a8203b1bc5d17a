package dev.incidentkit.spring;

import dev.incidentkit.spring.internal.ServletInbound;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Serves every {@link InboundEndpoint} bean (Slack's, PagerDuty's and GitHub's, when on) at its path in
 * Spring MVC, handing the adapter the request body byte for byte. The mapping is ordered before
 * {@code @RequestMapping} controllers, so a catch-all controller does not shadow an endpoint.
 *
 * <p>With Spring Security, permit these paths and exempt them from CSRF: each adapter checks its vendor's
 * signature itself.
 *
 * @since 0.1
 */
@AutoConfiguration(after = IncidentKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SimpleUrlHandlerMapping.class, HttpServletRequest.class})
@ConditionalOnBean(InboundEndpoint.class)
public class IncidentKitWebMvcAutoConfiguration {
    /** The order of the endpoints' handler mapping: before {@code @RequestMapping} (order 0). */
    public static final int ORDER = -10;

    /** Made by Spring. */
    public IncidentKitWebMvcAutoConfiguration() {}

    /**
     * Maps each endpoint's path to it.
     *
     * @param endpoints the endpoints
     * @return the handler mapping
     * @throws IllegalStateException if two endpoints share a path
     */
    @Bean
    @ConditionalOnMissingBean(name = "incidentKitHandlerMapping")
    SimpleUrlHandlerMapping incidentKitHandlerMapping(ObjectProvider<InboundEndpoint> endpoints) {
        Map<String, Object> urls = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        endpoints.orderedStream().forEach(e -> {
            String earlier = names.putIfAbsent(e.path(), e.name());
            if (earlier != null) {
                throw new IllegalStateException("the incidentkit endpoints " + earlier + " and " + e.name()
                        + " are both at " + e.path() + "; give one another path (incidentkit." + e.name() + ".path)");
            }
            urls.put(e.path(), new ServletInbound(e));
        });
        return new SimpleUrlHandlerMapping(urls, ORDER);
    }
}
