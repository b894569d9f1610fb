package org.spagateway.inference.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.SessionContinuation;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;

/**
 * What the choice ingress does before a next-round request reaches the worker: claim the decision in the ledger,
 * then publish the request that continues the session. Plus decoding of what the worker publishes.
 */
public final class SessionRequests {

    public static final Clinician RIVERA = new Clinician("dr-rivera", "urn:oid:2.16.840.1.113883.4.6", "Rivera^Ana^^Dr");
    public static final Clinician OKAFOR = new Clinician("dr-okafor", null, null);
    public static final Instant DECIDED_AT = Instant.parse("2026-11-27T10:17:04.002Z");
    private static final EventCodec CODEC = new EventCodec();

    private SessionRequests() {
    }

    /** The same first-round request for a named clinician (a session started for them). */
    public static EventEnvelope<InferenceRequested> forClinician(EventEnvelope<InferenceRequested> request,
                                                          Clinician clinician) {
        InferenceRequested d = request.data();
        return EventEnvelope.withId(request.eventId(), EventType.INFERENCE_REQUESTED, request.source(),
                request.subject(), request.correlationId(), request.occurredAt(), new InferenceRequested(
                        d.requestId(), d.studyInstanceUid(), d.studyVersion(), d.task(), d.ruleName(), d.lane(),
                        d.seriesInstanceUid(), d.modality(), d.instances(), clinician, null, d.patientPseudonym()));
    }

    /** Records the decision on {@code round} as the choice ingress does, with a fresh ChoiceMade id. */
    public static ChoiceRecord claim(SessionLedger ledger, String sessionId, int round, ChoiceDecision decision,
                              Integer rank, Clinician clinician) throws IOException {
        return ledger.claim(sessionId, new ChoiceRecord(UUID.randomUUID().toString(), round, decision, rank,
                clinician, DECIDED_AT.plusSeconds(round), "corr-1"));
    }

    /** The next-round request continuing {@code sessionId} after {@code choice}, repeating the first one's study. */
    public static EventEnvelope<InferenceRequested> continuation(EventEnvelope<InferenceRequested> first, String sessionId,
                                                          ChoiceRecord choice) {
        InferenceRequested d = first.data();
        String requestId = SessionIds.continuationRequestId(sessionId, choice.round());
        return EventEnvelope.withId("evt-" + requestId, EventType.INFERENCE_REQUESTED, "/spa-gateway/routes/choices",
                d.studyInstanceUid(), "corr-1", choice.decidedAt(), new InferenceRequested(requestId,
                        d.studyInstanceUid(), d.studyVersion(), d.task(), d.ruleName(), InferenceLane.INTERACTIVE,
                        d.seriesInstanceUid(), d.modality(), d.instances(), choice.clinician(),
                        new SessionContinuation(sessionId, choice.round(), choice.decision(), choice.candidateRank(),
                                choice.choiceEventId(), choice.decidedAt()), d.patientPseudonym()));
    }

    public static <T> EventEnvelope<T> decode(OutboundRecord record, EventType type) {
        return CODEC.decode(new String(record.value(), StandardCharsets.UTF_8), type);
    }

    public static <T> EventEnvelope<T> decode(byte[] value, EventType type) {
        return CODEC.decode(new String(value, StandardCharsets.UTF_8), type);
    }
}
