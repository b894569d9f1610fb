package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.r4.model.Bundle;

/** Compares a built transaction with a reviewed golden JSON file under {@code src/test/resources/golden}. */
final class GoldenTransactions {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenTransactions() {
    }

    static String json(Bundle transaction) {
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(transaction);
    }

    static void assertMatches(Bundle transaction, String goldenFile) throws IOException {
        String resource = "golden/" + goldenFile;
        try (InputStream in = GoldenTransactions.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            assertThat(JSON.readTree(json(transaction))).as(resource).isEqualTo(JSON.readTree(in));
        }
    }

    static JsonNode tree(Bundle transaction) throws IOException {
        return JSON.readTree(json(transaction));
    }
}
