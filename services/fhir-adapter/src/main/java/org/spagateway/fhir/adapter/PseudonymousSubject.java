package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The subject of a study as the gateway knows it: by pseudonym only. Events carry no patient identifiers (DESIGN.md),
 * yet {@code ImagingStudy.subject} is 1..1. The gateway writes a logical reference (FHIR R4 Reference, "logical
 * references"): {@code type=Patient} and the patient's pseudonym ({@code PatientPseudonym}: a keyed HMAC of the
 * Patient ID and its issuer, made by the DICOM listener), and creates no Patient resource. The same patient has the
 * same pseudonym in every study, so whoever holds the deployment's key can list everything recorded about one patient
 * ({@code AuditEvent?entity.identifier=}{@value #SYSTEM}{@code |<pseudonym>}); nobody else can tell who it is.
 */
final class PseudonymousSubject {

    /** The identifier system of patient pseudonyms. */
    static final String SYSTEM = "urn:spa-gateway:patient-pseudonym";
    /** For events that carry no pseudonym (written before pseudonyms existed): a reference naming nobody. */
    static final String NOT_IDENTIFIED = "patient not identified";

    private PseudonymousSubject() {
    }

    /** @param pseudonym the event's {@code patientPseudonym}; null gives a reference that identifies nobody */
    static Reference of(String pseudonym) {
        Reference reference = new Reference().setType("Patient");
        if (pseudonym == null) {
            return reference.setDisplay(NOT_IDENTIFIED);
        }
        return reference.setIdentifier(new Identifier().setSystem(SYSTEM).setValue(pseudonym));
    }
}
