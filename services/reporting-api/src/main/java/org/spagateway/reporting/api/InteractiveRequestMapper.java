package org.spagateway.reporting.api;

import java.time.Clock;
import java.util.List;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.SessionContinuation;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.events.DeterministicIds;

/**
 * The requests a clinician's action puts on {@code spa.inference.interactive}, built from the session as the ledger
 * holds it. Request ids and event ids are name-based, so a repeated choice or a repeated session start publishes the
 * very same request and the worker deduplicates it.
 */
public final class InteractiveRequestMapper {

    static final String SOURCE = "/spa-gateway/routes/choice-ingress";

    private final Clock clock;

    public InteractiveRequestMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * The request that continues {@code session} after {@code recorded}, the decision the ledger holds for the round
     * (not necessarily the one just submitted: a repeat continues with the recorded one).
     */
    public EventEnvelope<InferenceRequested> continuation(SessionRecord session, ChoiceRecord recorded) {
        String requestId = SessionIds.continuationRequestId(session.sessionId(), recorded.round());
        SessionContinuation continuation = new SessionContinuation(session.sessionId(), recorded.round(),
                recorded.decision(), recorded.candidateRank(), recorded.choiceEventId(), recorded.decidedAt());
        InferenceRequested request = new InferenceRequested(requestId, session.studyInstanceUid(),
                session.studyVersion(), session.task(), session.ruleName(), InferenceLane.INTERACTIVE,
                session.seriesInstanceUid(), session.modality(), session.instances(), recorded.clinician(),
                continuation, session.patientPseudonym());
        return envelope(session, request, recorded.correlationId());
    }

    /**
     * The first-round request of a new session for {@code clinician} on the image {@code from} segments: only that
     * image, so the worker starts exactly one session, from the clinician's preference profile.
     */
    public EventEnvelope<InferenceRequested> clinicianSession(SessionRecord from, Clinician clinician) {
        String requestId = SessionIds.clinicianSessionRequestId(from.sessionId(), clinician.id());
        InferenceRequested request = new InferenceRequested(requestId, from.studyInstanceUid(), from.studyVersion(),
                from.task(), from.ruleName(), InferenceLane.INTERACTIVE, from.seriesInstanceUid(), from.modality(),
                List.of(from.source()), clinician, null, from.patientPseudonym());
        return envelope(from, request, null);
    }

    /** The session a {@link #clinicianSession} request starts, as the worker names it. */
    public static String startedSessionId(EventEnvelope<InferenceRequested> request) {
        return SessionIds.sessionId(request.data().requestId(), request.data().instances().get(0).sopInstanceUid());
    }

    private EventEnvelope<InferenceRequested> envelope(SessionRecord session, InferenceRequested request,
                                                       String fallbackCorrelationId) {
        // The session's correlation id ties the next round to the study arrival that started it.
        String correlationId = session.correlationId() != null ? session.correlationId()
                : fallbackCorrelationId != null ? fallbackCorrelationId : request.requestId();
        String eventId = DeterministicIds.id("inference-requested", request.requestId());
        return EventEnvelope.withId(eventId, EventType.INFERENCE_REQUESTED, SOURCE, request.studyInstanceUid(),
                correlationId, clock.instant(), request);
    }
}
