package dev.incidentkit.incident;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.incidentkit.spi.ChatMessage;
import dev.incidentkit.spi.Effect;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Jackson support for incidentkit's values: every {@link IncidentEvent} and outbox
 * {@link Effect} subtype under its stable {@code type} name, {@link IncidentId} as a string, and incidentkit's enums in lower case.
 *
 * <p>Register it on a mapper that writes instants as ISO-8601 strings, as
 * {@link IncidentJson#newMapper()} does. It is also found by {@code ObjectMapper.findAndRegisterModules()}.
 *
 * @since 0.1
 */
public final class IncidentKitJacksonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public IncidentKitJacksonModule() {
        super("incidentkit", Version.unknownVersion());
        setMixInAnnotation(IncidentEvent.class, EventMixin.class);
        IncidentJson.typeNames().forEach((type, name) -> registerSubtypes(new NamedType(type, name)));
        setMixInAnnotation(Effect.class, EffectMixin.class);
        IncidentJson.effectTypeNames().forEach((type, name) -> registerSubtypes(new NamedType(type, name)));
        addSerializer(IncidentId.class, new StdScalarSerializer<>(IncidentId.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(IncidentId value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.value());
            }
        });
        addDeserializer(IncidentId.class, scalar(IncidentId.class,
                text -> IncidentId.parse(text).orElseThrow(() -> new IllegalArgumentException("not an incident id: " + text))));
        lowerCase(Severity.class);
        lowerCase(IncidentStatus.class);
        lowerCase(Role.class);
        lowerCase(Milestone.class);
        lowerCase(LinkKind.class);
        lowerCase(ChatMessage.Kind.class);
    }

    @Override
    public Object getTypeId() {
        return IncidentKitJacksonModule.class.getName();
    }

    private <E extends Enum<E>> void lowerCase(Class<E> type) {
        addSerializer(type, new StdScalarSerializer<E>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        });
        addDeserializer(type, scalar(type, text -> Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT))));
    }

    private static <T> StdScalarDeserializer<T> scalar(Class<T> type, Function<String, T> parse) {
        return new StdScalarDeserializer<T>(type) {
            private static final long serialVersionUID = 1L;

            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                if (text == null) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, "not a valid %s", type.getSimpleName()));
                }
            }
        };
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonPropertyOrder({"seq", "at", "by"})
    private interface EventMixin {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonPropertyOrder({"key"})
    private interface EffectMixin {}
}
