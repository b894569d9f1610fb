package org.spagateway.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.SessionApproved;

/**
 * One FHIR transaction per SessionApproved event: conditional creates of the model's Device, the approving
 * clinician's Practitioner, the study's ImagingStudy and the final SEG's Provenance (on the source event id tag).
 */
final class ApprovalTransactionBuilder {

    private final ApprovalProvenanceMapper provenances = new ApprovalProvenanceMapper();

    Bundle build(EventEnvelope<SessionApproved> event) {
        SessionApproved approved = event.data();
        RecordTransaction transaction = new RecordTransaction();
        String device = transaction.device(approved.model(), approved.task());
        String practitioner = transaction.practitioner(approved.approvedBy());
        String study = transaction.study(approved.studyInstanceUid());
        transaction.add(RecordTransaction.fullUrl("provenance|" + event.eventId()),
                provenances.map(event, device, practitioner, study), RecordTags.eventIdCriterion(event.eventId()));
        return transaction.bundle();
    }
}
