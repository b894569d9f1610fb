package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;

/**
 * One FHIR transaction per CandidatesReady event: a conditional create of the model's Device (on its model
 * identifier), the round's SEG merged into the study's ImagingStudy as an instance of the session's candidate
 * series ({@link RecordTransaction#study(String, org.hl7.fhir.r4.model.ImagingStudy)}: the SEG joins the source's
 * study, so it is a series of the study's one ImagingStudy, never an ImagingStudy of its own) and a conditional
 * create of the candidate set's Provenance (on the source event id tag). The Provenance refers to the Device and the
 * ImagingStudy by their {@code urn:uuid:} full URLs, which the server resolves to the existing resources. Redelivering
 * the event creates and adds nothing new.
 *
 * <p>When the CandidatesReady is recorded before its study's StudyReceived (the two topics are consumed
 * independently) the ImagingStudy is created with the study UID, the pseudonymous subject and the SEG series; the
 * later StudyReceived merges the source series into it.
 */
final class CandidatesTransactionBuilder {

    private final CandidateSetProvenanceMapper provenances = new CandidateSetProvenanceMapper();
    private final ImagingStudyMapper imagingStudies = new ImagingStudyMapper();

    RecordTransaction transaction(EventEnvelope<CandidatesReady> event) {
        CandidatesReady ready = event.data();
        RecordTransaction transaction = new RecordTransaction();
        String device = transaction.device(ready.model(), ready.task());
        // Instance Number (0020,0013) of a round's SEG is the round (the worker's SegmentationWriter).
        String study = transaction.study(ready.studyInstanceUid(), imagingStudies.map(ready.segmentation(),
                ready.round(), "SPA candidates, session " + ready.sessionId(),
                "SPA round " + ready.round() + " candidates, " + ready.task(), ready.patientPseudonym()));
        transaction.add(RecordTransaction.fullUrl("provenance", event.eventId()),
                provenances.map(event, device, study), RecordTags.eventIdCriterion(event.eventId()));
        return transaction;
    }

    /** The transaction for a server that holds no ImagingStudy of the study yet. */
    Bundle build(EventEnvelope<CandidatesReady> event) {
        return transaction(event).bundle();
    }
}
