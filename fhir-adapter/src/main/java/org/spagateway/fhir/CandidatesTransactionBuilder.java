package org.spagateway.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;

/**
 * One FHIR transaction per CandidatesReady event: conditional creates of the model's Device (on its model
 * identifier), of the study's ImagingStudy (on its Study Instance UID: the SEG joins the source's study, so no second
 * ImagingStudy is ever written) and of the candidate set's Provenance (on the source event id tag). The Provenance
 * refers to the Device and the ImagingStudy by their {@code urn:uuid:} full URLs, which the server resolves to the
 * existing resources when the conditional creates match. Redelivering the event creates nothing new.
 *
 * <p>The ImagingStudy entry only exists so that a CandidatesReady recorded before its study's StudyReceived (the two
 * topics are consumed independently) still has a source to point at; it carries the study UID and the pseudonymous
 * subject only. When StudyReceived was recorded first, as in the normal flow, it matches and nothing is written.
 */
final class CandidatesTransactionBuilder {

    private final CandidateSetProvenanceMapper provenances = new CandidateSetProvenanceMapper();

    Bundle build(EventEnvelope<CandidatesReady> event) {
        CandidatesReady ready = event.data();
        RecordTransaction transaction = new RecordTransaction();
        String device = transaction.device(ready.model(), ready.task());
        String study = transaction.study(ready.studyInstanceUid());
        transaction.add(RecordTransaction.fullUrl("provenance|" + event.eventId()),
                provenances.map(event, device, study), RecordTags.eventIdCriterion(event.eventId()));
        return transaction.bundle();
    }
}
