package org.spagateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JSON encoding of events, and validation against their JSON Schemas. Decoding validates first, so a consumer never
 * sees an event that breaks the published contract. Thread-safe; create one and share it.
 */
public final class EventCodec {

    /** The {@code $id} prefix of every published schema. */
    public static final String SCHEMA_BASE_URI = "https://spa-gateway.org/schemas/";

    private final ObjectMapper mapper;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventCodec() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // Schemas refer to each other by their $id; resolve those from the classpath, never the network.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_URI, "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            schemas.put(type, factory.getSchema(SchemaLocation.of(SCHEMA_BASE_URI + type.schemaFileName()), config));
        }
    }

    public String encode(EventEnvelope<?> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.type(), e);
        }
    }

    public byte[] encodeBytes(EventEnvelope<?> event) {
        return encode(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads and validates an event of the expected type.
     *
     * @throws InvalidEventException with a reason code when the JSON is malformed, of another type, or schema-invalid
     */
    public <T> EventEnvelope<T> decode(String json, EventType expected) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.Reason.MALFORMED_JSON,
                    "not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(InvalidEventException.Reason.MALFORMED_JSON, "not a JSON object");
        }
        String type = tree.path("type").asText("");
        if (!expected.typeName().equals(type)) {
            throw new InvalidEventException(InvalidEventException.Reason.UNEXPECTED_TYPE,
                    "expected type " + expected.typeName() + " but got '" + type + "'");
        }
        Set<ValidationMessage> problems = schemas.get(expected).validate(tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                    problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        JavaType javaType = mapper.getTypeFactory()
                .constructParametricType(EventEnvelope.class, expected.payloadType());
        try {
            return mapper.readValue(mapper.treeAsTokens(tree), javaType);
        } catch (IOException e) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                    "does not map onto " + expected.payloadType().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Validation problems of {@code json} against the schema of {@code type}; empty when valid. */
    public Set<String> validate(String json, EventType type) {
        try {
            return schemas.get(type).validate(mapper.readTree(json)).stream()
                    .map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (JsonProcessingException e) {
            return Set.of("not JSON: " + e.getOriginalMessage());
        }
    }

}
