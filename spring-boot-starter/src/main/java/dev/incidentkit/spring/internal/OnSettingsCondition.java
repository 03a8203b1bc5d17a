package dev.incidentkit.spring.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Evaluates {@link ConditionalOnSettings}; the outcome names what is missing, for the conditions report. */
final class OnSettingsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = Objects.requireNonNull(
                metadata.getAnnotationAttributes(ConditionalOnSettings.class.getName()), "attributes");
        String prefix = (String) attributes.get("prefix");
        String[] allOf = (String[]) attributes.get("allOf");
        String[] anyOf = (String[]) attributes.get("anyOf");
        Environment env = context.getEnvironment();
        List<String> missing = new ArrayList<>();
        for (String name : allOf) {
            if (!set(env, prefix, name)) {
                missing.add(prefix + "." + name);
            }
        }
        if (anyOf.length > 0 && Arrays.stream(anyOf).noneMatch(name -> set(env, prefix, name))) {
            missing.add("one of " + Arrays.stream(anyOf).map(n -> prefix + "." + n).toList());
        }
        return missing.isEmpty()
                ? ConditionOutcome.match("incidentkit settings " + prefix + " are set")
                : ConditionOutcome.noMatch("incidentkit settings not set: " + String.join(", ", missing));
    }

    private static boolean set(Environment env, String prefix, String name) {
        String value = env.getProperty(prefix + "." + name);
        return value != null && !value.isBlank();
    }
}
