package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ExportOutcome;

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

    @Test
    void theImagingStudyMergedWithTheSegsOfASessionIsValidR4() {
        SessionFixtures session = SessionFixtures.golden();
        ImagingStudy stored = new ImagingStudyMapper().map(StudyFixtures.ctChest(session.studyUid(), 2));
        stored.setIdElement(new IdType("ImagingStudy", "1000", "1"));
        stored.getMeta().setVersionId("1");
        RecordTransaction round1 = new CandidatesTransactionBuilder().transaction(session.candidates(1));
        Bundle merged = round1.mergedInto(stored);
        ImagingStudy withRound1 = (ImagingStudy) merged.getEntry().get(round1.studyEntry()).getResource();
        withRound1.getMeta().setVersionId("2");

        assertValid(merged);
        assertValid(new ApprovalTransactionBuilder().transaction(session.approved(2)).mergedInto(withRound1));
    }

    @Test
    void theChoiceTransactionsOfEveryDecisionAndEachOfTheirResourcesAreValidR4() {
        SessionFixtures session = SessionFixtures.golden();
        assertValid(new ChoiceTransactionBuilder().build(session.choiceCandidate(1, 2)));
        assertValid(new ChoiceTransactionBuilder().build(session.choiceApprove(2)));
    }

    @Test
    void theApprovalExportAndAccessTransactionsAndEachOfTheirResourcesAreValidR4() {
        SessionFixtures session = SessionFixtures.golden();
        assertValid(new ApprovalTransactionBuilder().build(session.approved(2)));
        assertValid(new ExportTransactionBuilder().build(session.exported(session.seg(1), 1,
                ExportOutcome.STORED_WITH_WARNING)));
        assertValid(new AccessTransactionBuilder().build(session.read("dr-rivera", 100)));
        assertValid(new AccessTransactionBuilder().build(session.query("api-client", 120)));
    }

    @Test
    void theChosenCandidateExtensionIsCheckedAgainstItsDefinition() {
        Provenance provenance = (Provenance) new ChoiceTransactionBuilder()
                .build(SessionFixtures.golden().choiceCandidate(1, 2)).getEntry().get(2).getResource();
        provenance.getEntityFirstRep().getExtensionByUrl(ChosenCandidateExtension.URL)
                .addExtension("colour", new StringType("blue"));

        assertThat(validator.errors(provenance)).isNotEmpty();
    }

    private static void assertValid(Bundle transaction) {
        assertThat(validator.errors(transaction)).as(validator.messages(transaction).toString()).isEmpty();
        for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
            assertThat(validator.errors(entry.getResource()))
                    .as(entry.getResource().fhirType() + ": " + validator.messages(entry.getResource())).isEmpty();
        }
    }
}
