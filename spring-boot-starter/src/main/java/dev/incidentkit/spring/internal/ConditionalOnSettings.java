package dev.incidentkit.spring.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when settings under {@link #prefix()} are set to a non-blank value: every one of {@link #allOf()},
 * and at least one of {@link #anyOf()} when it names any. Unlike {@code @ConditionalOnProperty}, a blank
 * value (e.g. {@code ${SLACK_BOT_TOKEN:}} with the variable unset) counts as unset.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnSettingsCondition.class)
public @interface ConditionalOnSettings {
    /**
     * The settings' prefix, e.g. {@code incidentkit.slack}.
     *
     * @return the prefix
     */
    String prefix();

    /**
     * Settings that must all be set, e.g. {@code bot-token}.
     *
     * @return the names, relative to the prefix
     */
    String[] allOf() default {};

    /**
     * Settings of which at least one must be set; none named means no such requirement.
     *
     * @return the names, relative to the prefix
     */
    String[] anyOf() default {};
}
