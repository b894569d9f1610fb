package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The pieces every AuditEvent of the adapter shares, in the IHE Basic Audit Log Patterns (BALP) shape with the DICOM
 * audit vocabulary (PS3.15 A.5): the observing service as {@code source}, agents in the DICOM roles (Source Role ID
 * 110153 = the requesting side, Destination Role ID 110152 = the serving side; BALP keeps that convention for
 * queries too), the study as a System Object in role Report, the patient as a Person in role Patient (by the study's
 * pseudonym: events carry no patient data).
 */
final class AuditEventParts {

    static final String AE_TITLE_SYSTEM = "urn:spa-gateway:dicom-ae-title";
    static final String SERVICE_SYSTEM = "urn:spa-gateway:service";
    static final String SECURITY_SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String OBJECT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String SOURCE_ROLE = "110153";
    static final String DESTINATION_ROLE = "110152";

    private AuditEventParts() {
    }

    /** The gateway service that observed the event (the CloudEvents {@code source}), an application server. */
    static AuditEvent.AuditEventSourceComponent observer(String eventSource) {
        return new AuditEvent.AuditEventSourceComponent()
                .setObserver(new Reference().setIdentifier(service(eventSource)))
                .addType(new Coding(SECURITY_SOURCE_TYPE, "4", "Application Server"));
    }

    static Identifier service(String eventSource) {
        return new Identifier().setSystem(SERVICE_SYSTEM).setValue(eventSource);
    }

    static CodeableConcept dicomRole(String code) {
        return new CodeableConcept(new Coding(DicomIdentifiers.DCM_SYSTEM, code,
                SOURCE_ROLE.equals(code) ? "Source Role ID" : "Destination Role ID"));
    }

    /** A DICOM application entity in a DICOM role, identified by its AE title. */
    static AuditEvent.AuditEventAgentComponent aeAgent(String roleCode, String aeTitle, boolean requestor) {
        return new AuditEvent.AuditEventAgentComponent()
                .setType(dicomRole(roleCode))
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(AE_TITLE_SYSTEM).setValue(aeTitle)))
                .setRequestor(requestor);
    }

    /** A gateway service in a DICOM role, identified by its CloudEvents source. */
    static AuditEvent.AuditEventAgentComponent serviceAgent(String roleCode, String eventSource, boolean requestor) {
        return new AuditEvent.AuditEventAgentComponent()
                .setType(dicomRole(roleCode))
                .setWho(new Reference().setIdentifier(service(eventSource)))
                .setRequestor(requestor);
    }

    /** The study: its ImagingStudy (a resolvable reference, so chained searches on {@code entity} work) and UID. */
    static AuditEvent.AuditEventEntityComponent study(String imagingStudyReference, String studyInstanceUid) {
        return new AuditEvent.AuditEventEntityComponent()
                .setWhat(new Reference(imagingStudyReference).setType("ImagingStudy")
                        .setIdentifier(DicomIdentifiers.uidIdentifier(studyInstanceUid)))
                .setType(new Coding(OBJECT_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "3", "Report"));
    }

    /** The study's patient, by pseudonym only ({@link PseudonymousSubject}). */
    static AuditEvent.AuditEventEntityComponent patient(String patientPseudonym) {
        return new AuditEvent.AuditEventEntityComponent()
                .setWhat(PseudonymousSubject.of(patientPseudonym))
                .setType(new Coding(OBJECT_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
    }

    static AuditEvent.AuditEventEntityDetailComponent detail(String type, String value) {
        return new AuditEvent.AuditEventEntityDetailComponent().setType(type)
                .setValue(new StringType(value));
    }
}
