package org.spagateway.fhir.adapter;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.RecordsAccessed;

/**
 * A read or query of session records through the gateway's own API, as an AuditEvent in the shape of IHE BALP's
 * PatientRead / PatientQuery ({@code IHE.BasicAudit.PatientRead}, {@code .PatientQuery}): type
 * {@code audit-event-type#rest}; READ = subtype {@code restful-interaction#read}, action R, the session record as
 * the data entity (System Object, role Domain Resource); QUERY = subtype {@code restful-interaction#search}, action E,
 * a query entity (role Query, {@code query} = the request path, base64 as R4 requires). Agents: the user (type
 * {@code v3-ParticipationType#IRCP} "information recipient", requestor, named and identified by the user the API
 * saw), the client (Source Role ID, with its network address) and the API (Destination Role ID: the DICOM/IHE
 * convention BALP keeps, although data flows the other way). The study and its pseudonymous patient are entities
 * when the API named the study, which is what "who accessed study Y's records" searches.
 *
 * <p>Outcome from the HTTP status: 0 success below 400, 4 minor failure for 4xx (refused or not found), 8 serious
 * failure for 5xx.
 */
final class AccessAuditEventMapper {

    static final String API_USER_SYSTEM = "urn:spa-gateway:api-user";
    static final String SESSION_SYSTEM = RecordTags.SESSION;
    static final String NETWORK_IP_ADDRESS = "2";

    AuditEvent map(EventEnvelope<RecordsAccessed> event, String studyRef) {
        RecordsAccessed access = event.data();
        boolean query = isQuery(access.action());
        AuditEvent audit = new AuditEvent()
                .setType(new Coding(AuditEventParts.AUDIT_EVENT_TYPE, "rest", "Restful Operation"))
                .addSubtype(query ? new Coding(AuditEventParts.RESTFUL_INTERACTION, "search", "search")
                        : new Coding(AuditEventParts.RESTFUL_INTERACTION, "read", "read"))
                .setAction(query ? AuditEvent.AuditEventAction.E : AuditEvent.AuditEventAction.R)
                .setRecorded(Date.from(event.occurredAt()))
                .setOutcome(outcome(access.httpStatus()));
        if (access.httpStatus() >= 400) {
            audit.setOutcomeDesc("HTTP " + access.httpStatus());
        }
        RecordTags.source(audit, event);
        RecordTags.patient(audit, access.patientPseudonym());
        if (access.sessionId() != null) {
            RecordTags.session(audit, access.sessionId());
        }
        audit.addAgent()
                .setType(new CodeableConcept(new Coding(AuditEventParts.PARTICIPATION_TYPE, "IRCP",
                        "information recipient")))
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(API_USER_SYSTEM)
                        .setValue(access.user())))
                .setName(access.user())
                .setRequestor(true);
        AuditEvent.AuditEventAgentComponent client = audit.addAgent()
                .setType(AuditEventParts.dicomRole(AuditEventParts.SOURCE_ROLE))
                .setRequestor(false);
        if (access.clientAddress() != null) {
            client.getNetwork().setAddress(access.clientAddress())
                    .setType(AuditEvent.AuditEventAgentNetworkType.fromCode(NETWORK_IP_ADDRESS));
        }
        audit.addAgent(AuditEventParts.serviceAgent(AuditEventParts.DESTINATION_ROLE, event.source(), false)
                .setName(access.api()));
        audit.setSource(AuditEventParts.observer(event.source()));
        audit.addEntity(query ? queryEntity(access) : dataEntity(access));
        if (access.studyInstanceUid() != null) {
            audit.addEntity(AuditEventParts.study(studyRef, access.studyInstanceUid()));
            audit.addEntity(AuditEventParts.patient(access.patientPseudonym()));
        }
        return audit;
    }

    static boolean isQuery(String action) {
        return switch (action.toUpperCase(Locale.ROOT)) {
            case "READ" -> false;
            case "QUERY" -> true;
            default -> throw new IllegalArgumentException("unknown access action '" + action
                    + "': expected READ or QUERY");
        };
    }

    private static AuditEvent.AuditEventEntityComponent dataEntity(RecordsAccessed access) {
        Reference what = new Reference().setDisplay(access.api() + " " + access.path());
        if (access.sessionId() != null) {
            what.setIdentifier(new Identifier().setSystem(SESSION_SYSTEM).setValue(access.sessionId()));
        }
        return new AuditEvent.AuditEventEntityComponent()
                .setWhat(what)
                .setType(new Coding(AuditEventParts.OBJECT_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditEventParts.OBJECT_ROLE, "4", "Domain Resource"))
                .setDescription("GET " + access.path() + " (HTTP " + access.httpStatus() + ")");
    }

    private static AuditEvent.AuditEventEntityComponent queryEntity(RecordsAccessed access) {
        return new AuditEvent.AuditEventEntityComponent()
                .setType(new Coding(AuditEventParts.OBJECT_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditEventParts.OBJECT_ROLE, "24", "Query"))
                .setQuery(access.path().getBytes(StandardCharsets.UTF_8))
                .setDescription("GET " + access.path() + " (HTTP " + access.httpStatus() + ")");
    }

    private static AuditEvent.AuditEventOutcome outcome(int httpStatus) {
        if (httpStatus >= 500) {
            return AuditEvent.AuditEventOutcome._8;
        }
        return httpStatus >= 400 ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0;
    }
}
