package org.spagateway.inference.worker.rounds;

import java.time.Instant;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceRequested;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.spa.model.SessionState;
import org.spagateway.inference.worker.task.ServedTask;

/**
 * A next-round request checked against the ledger: the decision it continues is the one recorded for the round.
 *
 * @param request   the next-round request
 * @param session   the session as recorded
 * @param choice    the decision recorded for the round (the ledger's, which the request must match)
 * @param shown     the round decided on, as recorded (its SEG is what the clinician saw)
 * @param task      the task that serves the session, with the session's model version
 * @param state     the session state after the round decided on
 */
record RecordedDecision(EventEnvelope<InferenceRequested> request, SessionRecord session, ChoiceRecord choice,
                        RoundRecord shown, ServedTask task, SessionState state) {

    String sessionId() {
        return session.sessionId();
    }

    int round() {
        return shown.round();
    }

    /**
     * When the clinician decided: the content time of what the decision produces, so a redelivered request writes
     * the same bytes. The ledger's time first (written once), then the request's.
     */
    Instant decidedAt() {
        if (choice.decidedAt() != null) {
            return choice.decidedAt();
        }
        Instant requested = request.data().continuation().decidedAt();
        return requested != null ? requested : request.occurredAt();
    }
}
