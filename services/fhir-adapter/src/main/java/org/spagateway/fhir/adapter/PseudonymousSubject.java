package org.spagateway.fhir.adapter;

import java.util.UUID;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.DeterministicIds;

/**
 * The subject of a study as the gateway knows it: not at all. Events carry no patient identifiers (DESIGN.md), yet
 * {@code ImagingStudy.subject} is 1..1. The gateway writes a logical reference (FHIR R4 Reference, "logical
 * references"): {@code type=Patient} and a pseudonymous identifier derived from the Study Instance UID, and creates
 * no Patient resource. The identifier says "the patient of study X" without naming anyone; the hospital's own
 * ImagingStudy (from its RIS/PACS) carries the real patient and joins ours by the Study Instance UID.
 */
final class PseudonymousSubject {

    /** One pseudonym per study: the patient of that study, known only to the PACS. */
    static final String SYSTEM = "urn:spa-gateway:study-subject";

    private PseudonymousSubject() {
    }

    static Reference forStudy(String studyInstanceUid) {
        UUID pseudonym = DeterministicIds.uuid("study-subject", studyInstanceUid);
        return new Reference()
                .setType("Patient")
                .setIdentifier(new Identifier().setSystem(SYSTEM).setValue("urn:uuid:" + pseudonym));
    }
}
