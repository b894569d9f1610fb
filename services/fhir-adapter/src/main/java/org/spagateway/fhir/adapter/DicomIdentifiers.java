package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;

/**
 * How DICOM UIDs and codes appear in FHIR R4. Per the ImagingStudy guidance (FHIR R4 ImagingStudy, "Notes"), a
 * DICOM UID is an Identifier with system {@value #DICOM_UID_SYSTEM} and value {@code urn:oid:<uid>}; modalities are
 * codes of the DICOM Controlled Terminology (PS3.16), SOP classes are {@code urn:oid:} URIs.
 */
final class DicomIdentifiers {

    static final String DICOM_UID_SYSTEM = "urn:dicom:uid";
    static final String DCM_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String URI_SYSTEM = "urn:ietf:rfc:3986";

    private DicomIdentifiers() {
    }

    static String oid(String uid) {
        return "urn:oid:" + uid;
    }

    static Identifier uidIdentifier(String uid) {
        return new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(DICOM_UID_SYSTEM).setValue(oid(uid));
    }

    /** The search token for {@link #uidIdentifier}: {@code urn:dicom:uid|urn:oid:<uid>}. */
    static String uidToken(String uid) {
        return DICOM_UID_SYSTEM + "|" + oid(uid);
    }

    static Coding modality(String code) {
        return new Coding(DCM_SYSTEM, code, null);
    }

    static Coding sopClass(String uid) {
        return new Coding(URI_SYSTEM, oid(uid), null);
    }
}
