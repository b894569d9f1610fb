package org.spagateway.fhir.adapter;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;

/**
 * The audit record of instances received over DICOM, as an R4 AuditEvent in the IHE Basic Audit Log Patterns
 * (BALP) shape with the DICOM audit vocabulary of PS3.15 A.5.3.4 "DICOM Instances Transferred": event type DCM
 * 110104, action C (the receiver created the instances), the sending AE as Source Role (DCM 110153), the listener as
 * Destination Role (DCM 110152), the study as entity (system object, role Report, what = the ImagingStudy) and the
 * patient as entity (role Patient, what = the study's pseudonymous subject).
 *
 * <p>The source event's id is a {@code meta.tag}: R4 AuditEvent has no identifier, so the conditional create that
 * makes redelivery harmless searches {@code _tag}.
 */
final class ImportAuditEventMapper {

    static final String EVENT_ID_TAG_SYSTEM = RecordTags.EVENT_ID;
    static final String AE_TITLE_SYSTEM = AuditEventParts.AE_TITLE_SYSTEM;
    static final String SERVICE_SYSTEM = AuditEventParts.SERVICE_SYSTEM;
    static final String OBJECT_TYPE = AuditEventParts.OBJECT_TYPE;
    static final String OBJECT_ROLE = AuditEventParts.OBJECT_ROLE;

    /**
     * @param event                  the StudyReceived event
     * @param imagingStudyReference  reference to the study's ImagingStudy (a {@code urn:uuid:} inside a transaction)
     */
    AuditEvent map(EventEnvelope<StudyReceived> event, String imagingStudyReference) {
        StudyReceived study = event.data();
        AuditEvent audit = new AuditEvent()
                .setType(new Coding(DicomIdentifiers.DCM_SYSTEM, "110104", "DICOM Instances Transferred"))
                .setAction(AuditEvent.AuditEventAction.C)
                .setRecorded(Date.from(event.occurredAt()))
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        RecordTags.source(audit, event);
        RecordTags.patient(audit, study.patientPseudonym());
        audit.addAgent(AuditEventParts.aeAgent(AuditEventParts.SOURCE_ROLE, study.callingAeTitle(), true));
        audit.addAgent(AuditEventParts.aeAgent(AuditEventParts.DESTINATION_ROLE, study.calledAeTitle(), false));
        audit.setSource(AuditEventParts.observer(event.source()));
        audit.addEntity(studyEntity(study, imagingStudyReference));
        audit.addEntity(AuditEventParts.patient(study.patientPseudonym()));
        return audit;
    }

    /** The study with its UID (DCM 110180 "Study Instance UID" as the entity's identifier) and the import counts. */
    private static AuditEvent.AuditEventEntityComponent studyEntity(StudyReceived study, String imagingStudyReference) {
        Reference what = new Reference(imagingStudyReference)
                .setIdentifier(DicomIdentifiers.uidIdentifier(study.studyInstanceUid()));
        AuditEvent.AuditEventEntityComponent entity = new AuditEvent.AuditEventEntityComponent()
                .setWhat(what)
                .setType(new Coding(OBJECT_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "3", "Report"))
                .setDescription("study version " + study.version() + ": " + study.addedInstanceCount()
                        + " instance(s) received, " + study.instanceCount() + " stored in total");
        entity.addDetail().setType("studyVersion").setValue(new StringType(Integer.toString(study.version())));
        entity.addDetail().setType("addedInstanceCount")
                .setValue(new StringType(Integer.toString(study.addedInstanceCount())));
        return entity;
    }
}
