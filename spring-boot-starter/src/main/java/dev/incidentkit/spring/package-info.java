/**
 * Spring Boot auto-configuration for incidentkit. Add {@code incidentkit-spring-boot-starter} and the adapters
 * you use; {@link dev.incidentkit.spring.IncidentKitAutoConfiguration} builds an {@code IncidentKit} from the
 * {@code incidentkit.*} settings ({@link dev.incidentkit.spring.IncidentKitProperties}) and the beans in the
 * context, {@link dev.incidentkit.spring.IncidentKitWebMvcAutoConfiguration} serves the adapters'
 * {@link dev.incidentkit.spring.InboundEndpoint}s in Spring MVC, and the health and metrics configurations add
 * the kit to the actuator. Every bean can be replaced by declaring one of the same type.
 *
 * <pre>{@code
 * incidentkit:
 *   slack:
 *     bot-token: ${SLACK_BOT_TOKEN:}
 *     signing-secret: ${SLACK_SIGNING_SECRET:}
 * }</pre>
 */
@NullMarked
package dev.incidentkit.spring;

import org.jspecify.annotations.NullMarked;
