package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.Test;

/** The FHIR transaction written for a StudyReceived event, compared with a reviewed golden file. */
class StudyTransactionBuilderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bundle transaction = new StudyTransactionBuilder().build(StudyFixtures.goldenEvent());

    @Test
    void writesTheStudyAndItsImportAuditEventAsTheGoldenTransaction() throws IOException {
        String json = FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(transaction);

        assertThat(JSON.readTree(json)).isEqualTo(golden("golden/study-received-transaction.json"));
    }

    @Test
    void createsTheImagingStudyOnlyIfNoneHasItsStudyInstanceUid() {
        Bundle.BundleEntryRequestComponent request = transaction.getEntry().get(0).getRequest();

        assertThat(request.getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(request.getIfNoneExist())
                .isEqualTo("identifier=urn:dicom:uid|urn:oid:" + StudyFixtures.GOLDEN_STUDY_UID);
    }

    @Test
    void createsTheAuditEventOnlyIfNoneCarriesTheSourceEventId() {
        Bundle.BundleEntryRequestComponent request = transaction.getEntry().get(1).getRequest();

        assertThat(request.getIfNoneExist())
                .isEqualTo("_tag=urn:spa-gateway:event-id|" + StudyFixtures.GOLDEN_EVENT_ID);
    }

    @Test
    void refersToThePatientOnlyByAPseudonymAndPublishesNoStorageLocation() {
        ImagingStudy study = (ImagingStudy) transaction.getEntry().get(0).getResource();
        String json = FHIR.newJsonParser().encodeResourceToString(transaction);

        assertThat(study.getSubject().hasReference()).isFalse();
        assertThat(study.getSubject().getIdentifier().getSystem()).isEqualTo(PseudonymousSubject.SYSTEM);
        assertThat(json).doesNotContain("file://").doesNotContain("/var/lib/spa");
    }

    @Test
    void pointsTheAuditedStudyEntityAtTheImagingStudyOfTheSameTransaction() {
        AuditEvent audit = (AuditEvent) transaction.getEntry().get(1).getResource();

        assertThat(audit.getEntityFirstRep().getWhat().getReference())
                .isEqualTo(transaction.getEntry().get(0).getFullUrl());
    }

    private static JsonNode golden(String resource) throws IOException {
        try (InputStream in = StudyTransactionBuilderTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
