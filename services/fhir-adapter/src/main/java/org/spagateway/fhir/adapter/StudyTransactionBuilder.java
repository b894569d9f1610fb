package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;

/**
 * One FHIR transaction per StudyReceived event, so the study and its audit record are stored together or not at
 * all: the study's ImagingStudy with the received series, and a conditional create of the AuditEvent on the source
 * event id. Redelivering the event creates nothing new.
 *
 * <p>The series are merged, never overwritten ({@link RecordTransaction#mergedInto}, {@link ImagingStudyMerger}):
 * when the study's ImagingStudy exists already (a SEG event was recorded first and created the minimal one, or the
 * server holds the hospital's own from its RIS or PACS) the series and instances it lacks are added and nothing it
 * holds is changed; when none exists it is created with the series. So a later study version adds its new instances,
 * and each version's AuditEvent records what it added.
 */
final class StudyTransactionBuilder {

    private final ImagingStudyMapper imagingStudies = new ImagingStudyMapper();
    private final ImportAuditEventMapper audits = new ImportAuditEventMapper();

    RecordTransaction transaction(EventEnvelope<StudyReceived> event) {
        StudyReceived study = event.data();
        RecordTransaction transaction = new RecordTransaction();
        String studyFullUrl = transaction.study(study.studyInstanceUid(), imagingStudies.map(study));
        AuditEvent audit = audits.map(event, studyFullUrl);
        transaction.add(RecordTransaction.fullUrl("audit-event", event.eventId()), audit,
                "_tag=" + ImportAuditEventMapper.EVENT_ID_TAG_SYSTEM + "|" + event.eventId());
        return transaction;
    }

    /** The transaction for a server that holds no ImagingStudy of the study yet. */
    Bundle build(EventEnvelope<StudyReceived> event) {
        return transaction(event).bundle();
    }
}
