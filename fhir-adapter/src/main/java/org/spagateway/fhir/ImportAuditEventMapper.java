package org.spagateway.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
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

    static final String EVENT_ID_TAG_SYSTEM = "urn:spa-gateway:event-id";
    static final String AE_TITLE_SYSTEM = "urn:spa-gateway:dicom-ae-title";
    static final String SERVICE_SYSTEM = "urn:spa-gateway:service";
    static final String SECURITY_SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String OBJECT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String NETWORK_TYPE_MACHINE_NAME = "1";

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
        audit.getMeta().addTag(EVENT_ID_TAG_SYSTEM, event.eventId(), null);
        audit.addAgent(aeAgent("110153", "Source Role ID", study.callingAeTitle(), true));
        audit.addAgent(aeAgent("110152", "Destination Role ID", study.calledAeTitle(), false));
        audit.setSource(new AuditEvent.AuditEventSourceComponent()
                .setObserver(new Reference().setIdentifier(
                        new Identifier().setSystem(SERVICE_SYSTEM).setValue(event.source())))
                .addType(new Coding(SECURITY_SOURCE_TYPE, "4", "Application Server")));
        audit.addEntity(studyEntity(study, imagingStudyReference));
        audit.addEntity(new AuditEvent.AuditEventEntityComponent()
                .setWhat(PseudonymousSubject.forStudy(study.studyInstanceUid()))
                .setType(new Coding(OBJECT_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient")));
        return audit;
    }

    private static AuditEvent.AuditEventAgentComponent aeAgent(String roleCode, String roleDisplay, String aeTitle,
                                                               boolean requestor) {
        return new AuditEvent.AuditEventAgentComponent()
                .setType(new CodeableConcept(new Coding(DicomIdentifiers.DCM_SYSTEM, roleCode, roleDisplay)))
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(AE_TITLE_SYSTEM).setValue(aeTitle)))
                .setRequestor(requestor);
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
