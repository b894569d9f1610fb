package org.spagateway.fhir.adapter;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventEnvelope;

/**
 * "Choice received" as an AuditEvent in the shape of IHE BALP's PatientCreate ({@code IHE.BasicAudit.PatientCreate}):
 * type {@code audit-event-type#rest}, subtype {@code restful-interaction#create}, action C: the clinician's choice
 * created a record in the gateway. Agents: the clinician (type {@code v3-ParticipationType#AUT} "author (originator)",
 * requestor, a resolvable Practitioner reference) and the gateway service that applied it (Destination Role ID).
 * Entities: the created record (the choice Provenance of the same transaction; System Object, role Domain Resource,
 * with the ChoiceMade id, round and decision as details), the study (Report) and the study's pseudonymous patient.
 *
 * <p>Not claimed: BALP's {@code client} agent (Source Role ID, the reporting system that sent the choice): ChoiceApplied
 * does not say which system submitted the ChoiceMade.
 */
final class ChoiceAuditEventMapper {

    AuditEvent map(EventEnvelope<ChoiceApplied> event, String practitionerRef, String choiceProvenanceRef,
                   String studyRef) {
        ChoiceApplied choice = event.data();
        AuditEvent audit = new AuditEvent()
                .setType(new Coding(AuditEventParts.AUDIT_EVENT_TYPE, "rest", "Restful Operation"))
                .addSubtype(new Coding(AuditEventParts.RESTFUL_INTERACTION, "create", "create"))
                .setAction(AuditEvent.AuditEventAction.C)
                .setRecorded(Date.from(event.occurredAt()))
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        RecordTags.source(audit, event);
        RecordTags.session(audit, choice.sessionId());
        RecordTags.patient(audit, choice.patientPseudonym());
        audit.addAgent()
                .setType(new CodeableConcept(new Coding(AuditEventParts.PARTICIPATION_TYPE, "AUT",
                        "author (originator)")))
                .setWho(new Reference(practitionerRef).setType("Practitioner")
                        .setIdentifier(PractitionerMapper.identifier(choice.clinician())))
                .setRequestor(true);
        audit.addAgent(AuditEventParts.serviceAgent(AuditEventParts.DESTINATION_ROLE, event.source(), false));
        audit.setSource(AuditEventParts.observer(event.source()));
        AuditEvent.AuditEventEntityComponent data = audit.addEntity()
                .setWhat(new Reference(choiceProvenanceRef).setType("Provenance"))
                .setType(new Coding(AuditEventParts.OBJECT_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditEventParts.OBJECT_ROLE, "4", "Domain Resource"))
                .setDescription("choice on SPA round " + choice.round() + " of session " + choice.sessionId() + ": "
                        + ChoiceProvenanceMapper.chosenDisplay(choice));
        data.addDetail(AuditEventParts.detail("choiceEventId", choice.choiceEventId()));
        data.addDetail(AuditEventParts.detail("round", Integer.toString(choice.round())));
        data.addDetail(AuditEventParts.detail("decision", choice.decision().name()));
        audit.addEntity(AuditEventParts.study(studyRef, choice.studyInstanceUid()));
        audit.addEntity(AuditEventParts.patient(choice.patientPseudonym()));
        return audit;
    }
}
