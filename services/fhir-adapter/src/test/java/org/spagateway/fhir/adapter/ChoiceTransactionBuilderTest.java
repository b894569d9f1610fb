package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.spagateway.test.harness.ExampleEvents;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;

/** The FHIR transaction written for a ChoiceApplied event, compared with a reviewed golden file. */
class ChoiceTransactionBuilderTest {

    private final SessionFixtures session = SessionFixtures.golden();
    private final Bundle transaction = new ChoiceTransactionBuilder().build(session.choiceCandidate(1, 2));

    @Test
    void writesPractitionerStudyProvenanceAndAuditEventAsTheGoldenTransaction() throws IOException {
        GoldenTransactions.assertMatches(transaction, "choice-applied-transaction.json");
    }

    @Test
    void createsEachResourceOnlyIfNoneHasItsKey() {
        assertThat(transaction.getEntry()).extracting(e -> e.getRequest().getIfNoneExist()).containsExactly(
                "identifier=urn:oid:2.16.840.1.113883.4.6|dr-rivera",
                "identifier=urn:dicom:uid|urn:oid:" + session.studyUid(),
                "_tag=urn:spa-gateway:event-id|evt-choice-spa-golden-session-1",
                "_tag=urn:spa-gateway:event-id|evt-choice-spa-golden-session-1");
    }

    @Test
    void namesTheChosenCandidateByRoundSegmentNumberAndRankOnTheShownSeg() {
        Provenance provenance = (Provenance) transaction.getEntry().get(2).getResource();
        Provenance.ProvenanceEntityComponent chosen = provenance.getEntityFirstRep();

        assertThat(provenance.getTargetFirstRep().getIdentifier().getValue()).isEqualTo("urn:oid:" + session.segUid(1));
        assertThat(chosen.getWhat().getIdentifier().getValue()).isEqualTo("urn:oid:" + session.segUid(1));
        Extension extension = chosen.getExtensionByUrl(ChosenCandidateExtension.URL);
        assertThat(intValue(extension, "round")).isEqualTo(1);
        assertThat(intValue(extension, "segmentNumber")).isEqualTo(3);
        assertThat(intValue(extension, "rank")).isEqualTo(2);
        assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("CANDIDATE");
    }

    @Test
    void makesTheClinicianThePerformerOfTheChoiceAndTheAuthorOfTheAuditedCreate() {
        Provenance provenance = (Provenance) transaction.getEntry().get(2).getResource();
        AuditEvent audit = (AuditEvent) transaction.getEntry().get(3).getResource();
        String practitioner = transaction.getEntry().get(0).getFullUrl();

        assertThat(provenance.getAgent()).singleElement().satisfies(agent -> {
            assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("performer");
            assertThat(agent.getWho().getReference()).isEqualTo(practitioner);
        });
        assertThat(audit.getAgentFirstRep().getWho().getReference()).isEqualTo(practitioner);
        assertThat(audit.getAgentFirstRep().getRequestor()).isTrue();
        assertThat(audit.getEntityFirstRep().getWhat().getReference())
                .isEqualTo(transaction.getEntry().get(2).getFullUrl());
    }

    @Test
    void recordsAnApprovalAsSegmentOneWithoutRankAndARejectionWithoutSegment() {
        Provenance approval = choiceProvenance(session.choiceApprove(2));
        Extension approved = approval.getEntityFirstRep().getExtensionByUrl(ChosenCandidateExtension.URL);
        assertThat(intValue(approved, "segmentNumber")).isEqualTo(ChosenCandidateExtension.RECOMMENDED_SEGMENT);
        assertThat(approved.getExtensionByUrl("rank")).isNull();

        ChoiceApplied candidate = session.choiceCandidate(1, 2).data();
        ChoiceApplied rejection = new ChoiceApplied(candidate.choiceEventId(), candidate.sessionId(),
                candidate.requestId(), 1, ChoiceDecision.REJECT_ALL, null, candidate.clinician(),
                candidate.studyInstanceUid(), candidate.task(), candidate.model(), candidate.shownSegmentation(), null,
                2, null, ExampleEvents.PATIENT_PSEUDONYM);
        Provenance rejected = choiceProvenance(EventEnvelope.withId("evt-reject", EventType.CHOICE_APPLIED,
                SessionFixtures.WORKER, "dr-rivera", "corr", session.t0(), rejection));
        Extension none = rejected.getEntityFirstRep().getExtensionByUrl(ChosenCandidateExtension.URL);
        assertThat(intValue(none, "round")).isEqualTo(1);
        assertThat(none.getExtensionByUrl("segmentNumber")).isNull();
        assertThat(rejected.getActivity().getCodingFirstRep().getCode()).isEqualTo("REJECT_ALL");
    }

    @Test
    void namesThePractitionerFromTheDicomPersonName() {
        Practitioner practitioner = (Practitioner) transaction.getEntry().get(0).getResource();

        assertThat(practitioner.getNameFirstRep().getFamily()).isEqualTo("Rivera");
        assertThat(practitioner.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Ana");
        assertThat(practitioner.getNameFirstRep().getPrefixAsSingleString()).isEqualTo("Dr");
    }

    @Test
    void publishesNoStorageLocation() {
        assertThat(GoldenTransactions.json(transaction)).doesNotContain("file://").doesNotContain("/var/lib/spa");
    }

    private static Provenance choiceProvenance(EventEnvelope<ChoiceApplied> event) {
        return (Provenance) new ChoiceTransactionBuilder().build(event).getEntry().get(2).getResource();
    }

    private static int intValue(Extension complex, String url) {
        return ((PositiveIntType) complex.getExtensionByUrl(url).getValue()).getValue();
    }
}
