package dev.incidentkit.spring;

import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What incidentkit adds to Spring Boot Actuator: the secret settings masked in {@code /configprops} and
 * {@code /env} even when {@code management.endpoint.*.show-values} shows values.
 *
 * @since 0.1
 */
@AutoConfiguration(after = IncidentKitAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnBooleanProperty(name = "incidentkit.enabled", matchIfMissing = true)
public class IncidentKitActuatorAutoConfiguration {
    /** The keys of incidentkit's secret settings, in any of the forms the endpoints show them. */
    static final Pattern SECRET_KEYS = Pattern.compile(
            "incidentkit\\.(slack\\.(bot-?token|signing-?secret)|pagerduty\\.(token|routing-?key|webhook-?secret)"
                    + "|statuspage\\.token|github\\.(token|webhook-?secret))", Pattern.CASE_INSENSITIVE);

    /** Made by Spring. */
    public IncidentKitActuatorAutoConfiguration() {}

    /**
     * Masks incidentkit's secret settings.
     *
     * @return the sanitizing function
     */
    @Bean
    SanitizingFunction incidentKitSecrets() {
        return SanitizingFunction.sanitizeValue().ifKeyMatches(SECRET_KEYS);
    }
}
