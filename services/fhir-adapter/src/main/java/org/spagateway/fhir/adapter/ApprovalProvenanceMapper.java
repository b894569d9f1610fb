package org.spagateway.fhir.adapter;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SessionApproved;

/**
 * A session's final SEG as an AI-Provenance (HL7 AI Transparency on FHIR) with a human verifier, as in the IG's
 * AI-drafted, human-verified example: target = the final SEG (logical reference by SOP Instance UID, like every SEG
 * the gateway writes), agents = the model's Device ({@code author}, role Artificial-Intelligence: the mask is the
 * recommended prediction the model computed) and the approving clinician's Practitioner ({@code verifier}),
 * entities with role source = the study's ImagingStudy and the source image instance(s), reason and
 * {@code meta.security} AIAST, activity = create.
 *
 * <p>Tagged like the candidate set's Provenance ({@link RecordTags#PROVENANCE_TARGET} = the final SEG), so audit
 * query 1 answers for the final SEG exactly as for a round's SEG.
 */
final class ApprovalProvenanceMapper {

    static final String VERIFIER = "verifier";

    Provenance map(EventEnvelope<SessionApproved> event, String deviceRef, String practitionerRef, String studyRef) {
        SessionApproved approved = event.data();
        Date time = Date.from(event.occurredAt());
        Provenance provenance = new Provenance()
                .setOccurred(new DateTimeType(time))
                .setRecorded(time)
                .setActivity(new CodeableConcept(new Coding(CandidateSetProvenanceMapper.DATA_OPERATION, "CREATE",
                        "create")).setText("Final SEG of SPA session " + approved.sessionId()
                        + ": the recommended segmentation of round " + approved.round() + ", approved by "
                        + approved.approvedBy().id() + ", task " + approved.task()));
        RecordTags.source(provenance, event);
        RecordTags.provenanceTarget(provenance, approved.segmentation().sopInstanceUid());
        RecordTags.session(provenance, approved.sessionId());
        RecordTags.patient(provenance, approved.patientPseudonym());
        provenance.getMeta().addSecurity(CandidateSetProvenanceMapper.OBSERVATION_VALUE,
                CandidateSetProvenanceMapper.AIAST, CandidateSetProvenanceMapper.AIAST_DISPLAY);
        provenance.addTarget(CandidateSetProvenanceMapper.segTarget(approved.segmentation()));
        provenance.addReason(new CodeableConcept(new Coding(CandidateSetProvenanceMapper.OBSERVATION_VALUE,
                CandidateSetProvenanceMapper.AIAST, CandidateSetProvenanceMapper.AIAST_DISPLAY)));
        provenance.addAgent(CandidateSetProvenanceMapper.aiAuthor(deviceRef, approved.model()));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(CandidateSetProvenanceMapper.PARTICIPANT_TYPE, VERIFIER,
                        "Verifier")))
                .setWho(new Reference(practitionerRef).setType("Practitioner")
                        .setIdentifier(PractitionerMapper.identifier(approved.approvedBy())));
        provenance.addEntity()
                .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference(studyRef).setType("ImagingStudy")
                        .setIdentifier(DicomIdentifiers.uidIdentifier(approved.studyInstanceUid())));
        for (InstanceReference source : approved.sources()) {
            provenance.addEntity(CandidateSetProvenanceMapper.sourceImage(source,
                    approved.sourceSeriesInstanceUid()));
        }
        return provenance;
    }
}
