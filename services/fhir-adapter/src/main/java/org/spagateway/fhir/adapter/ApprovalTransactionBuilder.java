package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.SessionApproved;

/**
 * One FHIR transaction per SessionApproved event: conditional creates of the model's Device and the approving
 * clinician's Practitioner, the final SEG merged into the study's ImagingStudy (the session's approved series, as
 * for a round's SEG) and a conditional create of the final SEG's Provenance (on the source event id tag).
 */
final class ApprovalTransactionBuilder {

    private final ApprovalProvenanceMapper provenances = new ApprovalProvenanceMapper();
    private final ImagingStudyMapper imagingStudies = new ImagingStudyMapper();

    RecordTransaction transaction(EventEnvelope<SessionApproved> event) {
        SessionApproved approved = event.data();
        RecordTransaction transaction = new RecordTransaction();
        String device = transaction.device(approved.model(), approved.task());
        String practitioner = transaction.practitioner(approved.approvedBy());
        // The final SEG is the only instance of its series, Instance Number 1 (the worker's SegmentationWriter).
        String study = transaction.study(approved.studyInstanceUid(), imagingStudies.map(approved.segmentation(), 1,
                "SPA approved segmentation, session " + approved.sessionId(),
                "SPA approved segmentation of round " + approved.round() + ", " + approved.task(),
                approved.patientPseudonym()));
        transaction.add(RecordTransaction.fullUrl("provenance", event.eventId()),
                provenances.map(event, device, practitioner, study), RecordTags.eventIdCriterion(event.eventId()));
        return transaction;
    }

    /** The transaction for a server that holds no ImagingStudy of the study yet. */
    Bundle build(EventEnvelope<SessionApproved> event) {
        return transaction(event).bundle();
    }
}
