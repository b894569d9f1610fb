package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.sessions.ChoiceRejection;

/** docs/choice-api.yaml is what reporting systems code against: it must describe the API the server serves. */
class ChoiceApiDocumentationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static JsonNode openApi;
    private static JsonNode schemas;

    @BeforeAll
    static void parse() throws IOException {
        openApi = new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "..", "docs", "choice-api.yaml").toFile());
        schemas = openApi.path("components").path("schemas");
    }

    @Test
    void isOpenApi303() {
        assertThat(openApi.path("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void documentsEveryOperationTheServerServesAndNoOther() {
        List<String> documented = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (METHODS.contains(method)) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(ChoiceApi.OPERATIONS);
    }

    @Test
    void givesEveryOperationAnOperationIdAndEveryErrorAJsonBody() {
        openApi.path("paths").forEach(path -> path.fields().forEachRemaining(operation -> {
            assertThat(operation.getValue().path("operationId").asText()).as(operation.getKey()).isNotEmpty();
            operation.getValue().path("responses").fields().forEachRemaining(response -> {
                JsonNode resolved = resolve(response.getValue());
                String what = operation.getKey() + " " + response.getKey();
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(resolved.path("content").has("application/json")).as(what).isTrue();
                } else if (!response.getKey().equals("304")) {
                    // The picker's page, images and event stream answer in their own media types.
                    assertThat(resolved.path("content").size()).as(what).isPositive();
                }
            });
        }));
    }

    @Test
    void theChoiceBodyIsTheChoiceMadeSchemasChoiceDefinition() throws IOException {
        JsonNode choice = classpathJson("schemas/choice-made.schema.json").path("$defs").path("choice");
        JsonNode documented = schemas.path("Choice");

        assertThat(names(documented.path("required"))).isEqualTo(names(choice.path("required")));
        assertThat(fieldNames(documented.path("properties"))).isEqualTo(fieldNames(choice.path("properties")));
        assertThat(documented.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(documented.path("properties").path("round").path("minimum"))
                .isEqualTo(choice.path("properties").path("round").path("minimum"));
        JsonNode shared = classpathJson("schemas/spa.schema.json").path("$defs");
        assertThat(schemas.path("SessionId")).isEqualTo(shared.path("sessionId"));
        assertThat(schemas.path("Clinician")).isEqualTo(shared.path("clinician"));
        assertThat(schemas.path("ChosenCandidate")).isEqualTo(shared.path("chosenCandidate"));
        assertThat(names(documented.path("properties").path("decision").path("enum")))
                .isEqualTo(names(shared.path("decision").path("enum")));
    }

    @Test
    void theSessionStartBodyIsTheSessionStartSchema() throws IOException {
        JsonNode start = classpathJson("choice-api/session-start.schema.json");
        JsonNode documented = schemas.path("SessionStart");

        assertThat(names(documented.path("required"))).isEqualTo(names(start.path("required")));
        assertThat(fieldNames(documented.path("properties"))).isEqualTo(fieldNames(start.path("properties")));
    }

    @Test
    void listsEveryRejectionCodeAmongTheErrorCodes() {
        assertThat(names(schemas.path("Error").path("properties").path("code").path("enum")))
                .containsAll(Arrays.stream(ChoiceRejection.values()).map(Enum::name).toList());
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = openApi;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static JsonNode classpathJson(String resource) throws IOException {
        try (InputStream in = ChoiceApiDocumentationTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(item -> names.add(item.asText()));
        return names;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
