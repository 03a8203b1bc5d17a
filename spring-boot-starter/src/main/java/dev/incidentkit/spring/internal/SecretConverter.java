package dev.incidentkit.spring.internal;

import dev.incidentkit.adapters.Secret;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds a setting to a {@link Secret}; a blank value binds to nothing (unset), so a placeholder with an empty
 * default, such as {@code ${SLACK_BOT_TOKEN:}}, leaves the adapter off instead of failing the start.
 */
public final class SecretConverter implements Converter<String, @Nullable Secret> {

    @Override
    public @Nullable Secret convert(String source) {
        return source.isBlank() ? null : Secret.of(source.strip());
    }
}
