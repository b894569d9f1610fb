package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ModelReference;

/** The FHIR transaction written for a CandidatesReady event, compared with a reviewed golden file. */
class CandidatesTransactionBuilderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bundle transaction = new CandidatesTransactionBuilder().build(CandidatesFixtures.goldenEvent());

    @Test
    void writesDeviceStudyAndProvenanceAsTheGoldenTransaction() throws IOException {
        String json = FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(transaction);

        assertThat(JSON.readTree(json)).isEqualTo(golden("golden/candidates-ready-transaction.json"));
    }

    @Test
    void createsEachResourceOnlyIfNoneHasItsKey() {
        assertThat(transaction.getEntry()).extracting(e -> e.getRequest().getIfNoneExist()).containsExactly(
                "identifier=urn:spa-gateway:model|spa-unet-small@0123456789ab",
                "identifier=urn:dicom:uid|urn:oid:" + StudyFixtures.GOLDEN_STUDY_UID,
                "_tag=urn:spa-gateway:event-id|" + CandidatesFixtures.GOLDEN_EVENT_ID);
        assertThat(transaction.getEntry()).extracting(e -> e.getRequest().getMethod())
                .containsOnly(Bundle.HTTPVerb.POST);
    }

    @Test
    void identifiesTheModelByNameAndVersionAndKeepsTheWeightsDigestPrefix() {
        Device device = (Device) transaction.getEntry().get(0).getResource();

        assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("spa-unet-small");
        assertThat(device.getVersion()).extracting(Device.DeviceVersionComponent::getValue)
                .containsExactly("spa-unet-small@0123456789ab", "0123456789ab");
        assertThat(device.getType().getText()).isEqualTo("AI segmentation model");
    }

    @Test
    void prefixesAVersionWithoutTheModelName() {
        ModelReference semver = new ModelReference("spa-unet-small", "1.2.0");

        assertThat(ModelDeviceMapper.modelId(semver)).isEqualTo("spa-unet-small@1.2.0");
        assertThat(ModelDeviceMapper.sha256Prefix(semver)).isNull();
    }

    @Test
    void provenanceTargetsTheSegBySopInstanceUidAndPointsAtDeviceAndStudyOfTheTransaction() {
        Provenance provenance = (Provenance) transaction.getEntry().get(2).getResource();
        String segUid = StudyFixtures.GOLDEN_STUDY_UID + ".900.1";

        assertThat(provenance.getTargetFirstRep().getIdentifier().getValue()).isEqualTo("urn:oid:" + segUid);
        assertThat(provenance.getAgentFirstRep().getWho().getReference())
                .isEqualTo(transaction.getEntry().get(0).getFullUrl());
        assertThat(provenance.getEntityFirstRep().getRole()).isEqualTo(Provenance.ProvenanceEntityRole.SOURCE);
        assertThat(provenance.getEntityFirstRep().getWhat().getReference())
                .isEqualTo(transaction.getEntry().get(1).getFullUrl());
        assertThat(provenance.getMeta().getTag(CandidateSetProvenanceMapper.TARGET_TAG_SYSTEM, "urn:oid:" + segUid))
                .as("the tag audit query 1 searches").isNotNull();
        assertThat(provenance.getMeta().getSecurity()).singleElement()
                .satisfies(c -> assertThat(c.getCode()).isEqualTo("AIAST"));
    }

    @Test
    void listsTheRoundsSegAsAnInstanceOfASegSeriesOfTheStudysImagingStudy() {
        ImagingStudy study = (ImagingStudy) transaction.getEntry().get(1).getResource();
        String segSeriesUid = StudyFixtures.GOLDEN_STUDY_UID + ".900";

        assertThat(study.getIdentifierFirstRep().getValue()).isEqualTo("urn:oid:" + StudyFixtures.GOLDEN_STUDY_UID);
        assertThat(study.getSeries()).singleElement().satisfies(series -> {
            assertThat(series.getUid()).isEqualTo(segSeriesUid);
            assertThat(series.getModality().getCode()).isEqualTo("SEG");
            assertThat(series.getInstance()).singleElement().satisfies(instance -> {
                assertThat(instance.getUid()).isEqualTo(segSeriesUid + ".1");
                assertThat(instance.getSopClass().getCode()).isEqualTo("urn:oid:" + CandidatesFixtures.SEG_STORAGE);
                assertThat(instance.getNumber()).as("the round").isEqualTo(1);
            });
        });
        assertThat(study.getNumberOfSeries()).isEqualTo(1);
        assertThat(study.getNumberOfInstances()).isEqualTo(1);
    }

    @Test
    void publishesNoStorageLocation() {
        assertThat(FHIR.newJsonParser().encodeResourceToString(transaction))
                .doesNotContain("file://").doesNotContain("/var/lib/spa");
    }

    private static JsonNode golden(String resource) throws IOException {
        try (InputStream in = CandidatesTransactionBuilderTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
