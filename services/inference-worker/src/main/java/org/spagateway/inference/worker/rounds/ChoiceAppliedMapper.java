package org.spagateway.inference.worker.rounds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionRecord;

/**
 * The ChoiceApplied event of a decision the worker applied: the choice log entry profiles are built from. One per
 * session round (the id derives from session and round); keyed by the clinician who decided.
 */
final class ChoiceAppliedMapper {

    private ChoiceAppliedMapper() {
    }

    /**
     * @param piEstimate the EM estimate of pi the decision carries (chosen candidate, or the recommended map on
     *                   approval); null for a rejection, which carries no positive evidence
     * @param nextRound  the round the decision triggered; null on approval
     * @param approved   the final SEG on approval, otherwise null
     */
    static EventEnvelope<ChoiceApplied> map(RecordedDecision decision, float[] piEstimate, Integer nextRound,
                                            SegmentationReference approved, Instant now) {
        SessionRecord session = decision.session();
        ChoiceRecord choice = decision.choice();
        ChosenCandidate candidate = choice.decision() == ChoiceDecision.CANDIDATE
                ? new ChosenCandidate(choice.candidateRank(), choice.candidateRank() + 1) : null;
        ChoiceApplied applied = new ChoiceApplied(choice.choiceEventId(), session.sessionId(), session.requestId(),
                choice.round(), choice.decision(), candidate, choice.clinician(), session.studyInstanceUid(),
                session.task(), session.model(), decision.shown().segmentation(), weights(piEstimate), nextRound,
                approved, session.patientPseudonym());
        return EventEnvelope.withId(SessionIds.choiceAppliedEventId(session.sessionId(), choice.round()),
                EventType.CHOICE_APPLIED, CandidatesReadyMapper.SOURCE, choice.clinician().id(),
                decision.request().correlationId(), now, applied);
    }

    /** Float weights as the shortest decimals that read back as the same floats, within the schema's [0, 1]. */
    static List<Double> weights(float[] pi) {
        if (pi == null) {
            return null;
        }
        List<Double> out = new ArrayList<>(pi.length);
        for (float v : pi) {
            out.add(Math.min(1.0, Math.max(0.0, Double.parseDouble(Float.toString(v)))));
        }
        return out;
    }
}
