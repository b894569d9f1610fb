package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.SegmentationExported;

/** One FHIR transaction per SegmentationExported event: the study's ImagingStudy (if none) and the export AuditEvent. */
final class ExportTransactionBuilder {

    private final ExportAuditEventMapper audits = new ExportAuditEventMapper();

    RecordTransaction transaction(EventEnvelope<SegmentationExported> event) {
        RecordTransaction transaction = new RecordTransaction();
        String study = transaction.study(event.data().studyInstanceUid(), event.data().patientPseudonym());
        transaction.add(RecordTransaction.fullUrl("audit-event", event.eventId()), audits.map(event, study),
                RecordTags.eventIdCriterion(event.eventId()));
        return transaction;
    }

    Bundle build(EventEnvelope<SegmentationExported> event) {
        return transaction(event).bundle();
    }
}
