package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.Resource;
import org.spagateway.events.EventEnvelope;
import org.spagateway.kafka.support.TraceParent;

/**
 * The {@code meta.tag}s the adapter puts on what it writes. R4 Provenance and AuditEvent have no identifier, and the
 * search parameters that would find them by a logical reference ({@code target:identifier}, {@code entity:identifier})
 * are optional in R4 and rejected by HAPI FHIR JPA 8.8 (HAPI-2498); {@code _tag} is searchable on every server.
 */
final class RecordTags {

    /** The source event's CloudEvents id: the key of every conditional create of a Provenance or AuditEvent. */
    static final String EVENT_ID = "urn:spa-gateway:event-id";
    /** {@code urn:oid:<SOP Instance UID>} of the SEG a Provenance says how it was produced (audit query 1). */
    static final String PROVENANCE_TARGET = "urn:spa-gateway:provenance-target";
    /** The W3C trace id of the study arrival or session the record belongs to ({@code TraceParent}). */
    static final String TRACE_ID = "urn:spa-gateway:trace-id";
    /** The SPA session a record belongs to. */
    static final String SESSION = "urn:spa-gateway:session";
    /** The pseudonym of the patient a record is about ({@link PseudonymousSubject}): audit query 5. */
    static final String PATIENT = PseudonymousSubject.SYSTEM;

    private RecordTags() {
    }

    /** The source event's id, and the trace id of its correlation id. */
    static void source(Resource resource, EventEnvelope<?> event) {
        resource.getMeta().addTag(EVENT_ID, event.eventId(), null);
        resource.getMeta().addTag(TRACE_ID, TraceParent.traceId(event), null);
    }

    static void session(Resource resource, String sessionId) {
        resource.getMeta().addTag(SESSION, sessionId, null);
    }

    /** Tags {@code resource} with its patient's pseudonym; nothing when the event carried none. */
    static void patient(Resource resource, String patientPseudonym) {
        if (patientPseudonym != null) {
            resource.getMeta().addTag(PATIENT, patientPseudonym, null);
        }
    }

    static void provenanceTarget(Resource resource, String segSopInstanceUid) {
        resource.getMeta().addTag(PROVENANCE_TARGET, DicomIdentifiers.oid(segSopInstanceUid), null);
    }

    /** The conditional-create criterion on the event id tag. */
    static String eventIdCriterion(String eventId) {
        return "_tag=" + EVENT_ID + "|" + eventId;
    }
}
