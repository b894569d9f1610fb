package org.spagateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Everything the adapter writes is valid base FHIR R4 according to HAPI's validator. */
class WrittenResourcesValidationTest {

    private static R4ResourceValidator validator;

    @BeforeAll
    static void loadTheR4Definitions() {
        validator = new R4ResourceValidator(FhirContext.forR4Cached());
    }

    @Test
    void theStudyReceivedTransactionAndEachOfItsResourcesAreValidR4() {
        assertValid(new StudyTransactionBuilder().build(StudyFixtures.goldenEvent()));
    }

    @Test
    void theCandidatesReadyTransactionAndEachOfItsResourcesAreValidR4() {
        assertValid(new CandidatesTransactionBuilder().build(CandidatesFixtures.goldenEvent()));
    }

    private static void assertValid(Bundle transaction) {
        assertThat(validator.errors(transaction)).as(validator.messages(transaction).toString()).isEmpty();
        for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
            assertThat(validator.errors(entry.getResource()))
                    .as(entry.getResource().fhirType() + ": " + validator.messages(entry.getResource())).isEmpty();
        }
    }
}
