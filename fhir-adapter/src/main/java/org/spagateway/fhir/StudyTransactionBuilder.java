package org.spagateway.fhir;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;

/**
 * One FHIR transaction per StudyReceived event, so the study and its audit record are stored together or not at
 * all: a conditional create of the ImagingStudy on its Study Instance UID identifier, and a conditional create of the
 * AuditEvent on the source event id. Redelivering the event creates nothing new.
 *
 * <p>A conditional create, not an update: the server may already hold an ImagingStudy for the same study from the
 * hospital's RIS or PACS, with the real patient; the gateway must never overwrite it. So later study versions (more
 * instances) leave the ImagingStudy as first written, and their AuditEvents record what each version added.
 */
final class StudyTransactionBuilder {

    private final ImagingStudyMapper imagingStudies = new ImagingStudyMapper();
    private final ImportAuditEventMapper audits = new ImportAuditEventMapper();

    Bundle build(EventEnvelope<StudyReceived> event) {
        StudyReceived study = event.data();
        String studyFullUrl = "urn:uuid:" + UUID.nameUUIDFromBytes(
                ("imaging-study|" + study.studyInstanceUid()).getBytes(StandardCharsets.UTF_8));
        ImagingStudy imagingStudy = imagingStudies.map(study);
        AuditEvent audit = audits.map(event, studyFullUrl);

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry()
                .setFullUrl(studyFullUrl)
                .setResource(imagingStudy)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("ImagingStudy")
                .setIfNoneExist("identifier=" + DicomIdentifiers.uidToken(study.studyInstanceUid()));
        transaction.addEntry()
                .setFullUrl("urn:uuid:" + UUID.nameUUIDFromBytes(
                        ("audit-event|" + event.eventId()).getBytes(StandardCharsets.UTF_8)))
                .setResource(audit)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("AuditEvent")
                .setIfNoneExist("_tag=" + ImportAuditEventMapper.EVENT_ID_TAG_SYSTEM + "|" + event.eventId());
        return transaction;
    }
}
