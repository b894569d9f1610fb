package org.spagateway.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.SessionApproved;

/**
 * What a picker page learns live about a session: a round is ready, or the session was approved. Only ids and
 * numbers (no UIDs, no patient pseudonym): the page reads the round itself with {@code GET /sessions/{id}/rounds/{n}}
 * under the same access rules as every read.
 *
 * @param type           {@value #CANDIDATES_READY} or {@value #SESSION_APPROVED} (the SSE event name)
 * @param eventId        the CloudEvent id it was published with (the SSE id)
 * @param sessionId      the session
 * @param round          the round that is ready, or whose recommendation was approved
 * @param candidateCount K of a ready round
 * @param approvedBy     the approving clinician's id
 * @param occurredAt     when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionEvent(String type, String eventId, String sessionId, int round, Integer candidateCount,
                    String approvedBy, Instant occurredAt) {

    static final String CANDIDATES_READY = "candidates-ready";
    static final String SESSION_APPROVED = "session-approved";

    static SessionEvent of(EventEnvelope<?> envelope) {
        if (envelope.data() instanceof CandidatesReady ready) {
            return new SessionEvent(CANDIDATES_READY, envelope.eventId(), ready.sessionId(), ready.round(),
                    ready.candidates().size(), null, envelope.occurredAt());
        }
        if (envelope.data() instanceof SessionApproved approved) {
            return new SessionEvent(SESSION_APPROVED, envelope.eventId(), approved.sessionId(), approved.round(),
                    null, approved.approvedBy() == null ? null : approved.approvedBy().id(), envelope.occurredAt());
        }
        throw new IllegalArgumentException("not a session event: " + envelope.data().getClass().getSimpleName());
    }

    ServerSentEvent toServerSentEvent() {
        return new ServerSentEvent(type, eventId.replaceAll("[\r\n\0]", ""),
                new String(ApiJson.write(this), StandardCharsets.UTF_8));
    }
}
