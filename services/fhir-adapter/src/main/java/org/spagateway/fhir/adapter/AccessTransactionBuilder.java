package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.RecordsAccessed;

/**
 * One FHIR transaction per RecordsAccessed event: the read/query AuditEvent and, when the API named the study, the
 * study's ImagingStudy (if none) for the AuditEvent to point at.
 */
final class AccessTransactionBuilder {

    private final AccessAuditEventMapper audits = new AccessAuditEventMapper();

    RecordTransaction transaction(EventEnvelope<RecordsAccessed> event) {
        RecordTransaction transaction = new RecordTransaction();
        String studyUid = event.data().studyInstanceUid();
        String study = studyUid == null ? null : transaction.study(studyUid, event.data().patientPseudonym());
        transaction.add(RecordTransaction.fullUrl("audit-event", event.eventId()), audits.map(event, study),
                RecordTags.eventIdCriterion(event.eventId()));
        return transaction;
    }

    Bundle build(EventEnvelope<RecordsAccessed> event) {
        return transaction(event).bundle();
    }
}
