package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventEnvelope;

/**
 * One FHIR transaction per ChoiceApplied event: conditional creates of the clinician's Practitioner (on its
 * identifier), of the study's ImagingStudy (on its Study Instance UID), of the choice Provenance and of the "choice
 * received" AuditEvent (both on the source event id tag). Redelivering the event creates nothing new.
 */
final class ChoiceTransactionBuilder {

    private final ChoiceProvenanceMapper provenances = new ChoiceProvenanceMapper();
    private final ChoiceAuditEventMapper audits = new ChoiceAuditEventMapper();

    RecordTransaction transaction(EventEnvelope<ChoiceApplied> event) {
        ChoiceApplied choice = event.data();
        RecordTransaction transaction = new RecordTransaction();
        String practitioner = transaction.practitioner(choice.clinician());
        String study = transaction.study(choice.studyInstanceUid(), choice.patientPseudonym());
        String provenance = RecordTransaction.fullUrl("provenance", event.eventId());
        transaction.add(provenance, provenances.map(event, practitioner, study),
                RecordTags.eventIdCriterion(event.eventId()));
        transaction.add(RecordTransaction.fullUrl("audit-event", event.eventId()),
                audits.map(event, practitioner, provenance, study), RecordTags.eventIdCriterion(event.eventId()));
        return transaction;
    }

    Bundle build(EventEnvelope<ChoiceApplied> event) {
        return transaction(event).bundle();
    }
}
