package org.spagateway.reporting.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Optional;

/** JSON reading and writing of the choice API: strict on input (a repeated key is malformed), ISO-8601 times. */
final class ApiJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ApiJson() {
    }

    /** The body as a JSON tree; empty when it is not exactly one JSON value. */
    static Optional<JsonNode> read(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode tree = MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode() || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(tree);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
