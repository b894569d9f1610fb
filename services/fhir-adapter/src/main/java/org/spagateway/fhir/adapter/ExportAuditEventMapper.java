package org.spagateway.fhir.adapter;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.SegmentationExported;

/**
 * A SEG stored in a PACS by C-STORE, as an AuditEvent with DICOM's "Export" message (PS3.15 A.5.3.6, DCM 110106,
 * action R): data leaving the gateway for another system, as IHE ITI audits a document source's send (ITI-41) while
 * the receiving PACS audits its own import. Agents: the gateway's AE (Source Role ID, requestor: the gateway started
 * the transfer; no human did) and the destination AE (Destination Role ID, named by its configured destination
 * name). Entities: the study (its ImagingStudy, role Report), the SEG instance (logical reference by SOP Instance
 * UID, role Report, details: SOP class, series, round, attempts, C-STORE status), the pseudonymous patient.
 *
 * <p>Outcome 0 (success) for both STORED and STORED_WITH_WARNING: the PACS holds the instance either way; the warning
 * status is in {@code outcomeDesc}.
 */
final class ExportAuditEventMapper {

    static final String EXPORT = "110106";

    AuditEvent map(EventEnvelope<SegmentationExported> event, String studyRef) {
        SegmentationExported exported = event.data();
        AuditEvent audit = new AuditEvent()
                .setType(new Coding(DicomIdentifiers.DCM_SYSTEM, EXPORT, "Export"))
                .setAction(AuditEvent.AuditEventAction.R)
                .setRecorded(Date.from(event.occurredAt()))
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        if (exported.outcome() == ExportOutcome.STORED_WITH_WARNING) {
            audit.setOutcomeDesc("stored with warning status " + hex(exported.dimseStatus()));
        }
        RecordTags.source(audit, event);
        RecordTags.session(audit, exported.sessionId());
        RecordTags.patient(audit, exported.patientPseudonym());
        audit.addAgent(AuditEventParts.aeAgent(AuditEventParts.SOURCE_ROLE, exported.callingAeTitle(), true));
        audit.addAgent(AuditEventParts.aeAgent(AuditEventParts.DESTINATION_ROLE, exported.destinationAeTitle(), false)
                .setName(exported.destination()));
        audit.setSource(AuditEventParts.observer(event.source()));
        audit.addEntity(AuditEventParts.study(studyRef, exported.studyInstanceUid()));
        AuditEvent.AuditEventEntityComponent seg = audit.addEntity()
                .setWhat(new Reference().setIdentifier(DicomIdentifiers.uidIdentifier(exported.sopInstanceUid()))
                        .setDisplay("DICOM Segmentation " + exported.sopInstanceUid()))
                .setType(new Coding(AuditEventParts.OBJECT_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditEventParts.OBJECT_ROLE, "3", "Report"))
                .setDescription("SEG of SPA round " + exported.round() + " of session " + exported.sessionId()
                        + " stored in " + exported.destination() + " (" + exported.destinationAeTitle() + ")");
        seg.addDetail(AuditEventParts.detail("sopClassUid", exported.sopClassUid()));
        seg.addDetail(AuditEventParts.detail("seriesInstanceUid", exported.seriesInstanceUid()));
        seg.addDetail(AuditEventParts.detail("round", Integer.toString(exported.round())));
        seg.addDetail(AuditEventParts.detail("attempts", Integer.toString(exported.attempts())));
        seg.addDetail(AuditEventParts.detail("dimseStatus", hex(exported.dimseStatus())));
        audit.addEntity(AuditEventParts.patient(exported.patientPseudonym()));
        return audit;
    }

    private static String hex(int status) {
        return String.format("%04X", status & 0xFFFF);
    }
}
