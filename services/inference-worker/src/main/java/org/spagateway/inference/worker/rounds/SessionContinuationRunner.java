package org.spagateway.inference.worker.rounds;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.SessionContinuation;
import org.spagateway.spa.model.ModelOutputInvalidException;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.spa.model.SessionState;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.sessions.SessionView;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.inference.worker.task.ServedTask;
import org.spagateway.inference.worker.task.ServedTasks;

/**
 * Continues a session after a clinician's decision on its round r (a next-round request): checks the request against
 * the ledger (the decision must be the one recorded for round r), resumes the session from round r's stored state on
 * the session's image (from {@link PreparedImageCache}, or read and localised again exactly as round 1 did), and
 * <ul>
 *   <li>{@code CANDIDATE}: feeds the chosen candidate back ({@link SpaSession#choose}) and stores round r + 1;</li>
 *   <li>{@code REJECT_ALL}: runs round r + 1 away from what was shown ({@link SpaSession#rejectAll});</li>
 *   <li>{@code APPROVE}: writes the final SEG ({@link SessionApprover}).</li>
 * </ul>
 * Returns the events to publish: ChoiceApplied, then the round's CandidatesReady (or the SessionApproved). Every id,
 * UID and content time derives from the session and the recorded decision, so a redelivered request recomputes the
 * same round into the same files and the same event ids.
 */
final class SessionContinuationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SessionContinuationRunner.class);

    private final ServedTasks tasks;
    private final SessionLedger ledger;
    private final SessionStateStore states;
    private final RoundWriter rounds;
    private final SessionApprover approver;
    private final PreparedImageCache images;
    private final ModelInputPreparer preparer;
    private final Clock clock;

    SessionContinuationRunner(ServedTasks tasks, SessionLedger ledger, SessionStateStore states, RoundWriter rounds,
                              SessionApprover approver, PreparedImageCache images, Clock clock,
                              ModelInputPreparer preparer) {
        this.tasks = tasks;
        this.preparer = preparer;
        this.ledger = ledger;
        this.states = states;
        this.rounds = rounds;
        this.approver = approver;
        this.images = images;
        this.clock = clock;
    }

    /**
     * @throws RequestRejectedException the request cannot be served, ever (dead-lettered with its code)
     * @throws SourceImageException          the session's source image cannot be segmented any more (permanent)
     * @throws IOException                   reading or writing failed (may be retried)
     */
    List<EventEnvelope<?>> run(EventEnvelope<InferenceRequested> request,
                               Function<ServedTask, SpaPredictor> predictors)
            throws IOException, SourceImageException, RequestRejectedException {
        long started = System.nanoTime();
        RecordedDecision decision = resolve(request);
        if (decision.choice().decision() == ChoiceDecision.APPROVE) {
            List<EventEnvelope<?>> events = approver.approve(decision);
            LOG.info("Session {} approved on round {} by clinician {}: final SEG written in {} ms",
                    decision.sessionId(), decision.round(), decision.choice().clinician().id(),
                    (System.nanoTime() - started) / 1_000_000);
            return events;
        }
        Optional<PreparedImage> cached = images.get(decision.sessionId());
        PreparedImage image = cached.isPresent() ? cached.get()
                : preparer.prepare(decision.session().source(), decision.task());
        images.put(decision.sessionId(), image);
        SpaSession session = SpaSession.resume(predictors.apply(decision.task()), image.input(), decision.state());
        float[] piEstimate = null;
        RoundResult result;
        try {
            if (decision.choice().decision() == ChoiceDecision.CANDIDATE) {
                SessionState.PendingChoice chosen =
                        decision.state().choices().get(decision.choice().candidateRank() - 1);
                piEstimate = chosen.piEstimate();
                result = session.choose(decision.choice().candidateRank() - 1);
            } else {
                result = session.rejectAll();
            }
        } catch (ModelOutputInvalidException e) {
            throw RequestRejectedException.invalidModelOutput(decision.sessionId(), decision.round() + 1, e);
        }
        EventEnvelope<CandidatesReady> ready = rounds.store(decision.session(), decision.task(), result, image,
                request.data().requestId(), request.correlationId(), true, decision.decidedAt());
        List<EventEnvelope<?>> events = List.of(ChoiceAppliedMapper.map(decision, piEstimate, result.round(), null,
                clock.instant()), ready);
        LOG.info("Round {} of session {} ({} on round {}, request {}) stored as a SEG in {} ms (image {})",
                result.round(), decision.sessionId(), decision.choice().decision(), decision.round(),
                request.data().requestId(), (System.nanoTime() - started) / 1_000_000,
                cached.isPresent() ? "cached" : "read again");
        return events;
    }

    /** The request checked against the ledger and the stored round state. */
    private RecordedDecision resolve(EventEnvelope<InferenceRequested> request)
            throws IOException, RequestRejectedException {
        SessionContinuation continuation = request.data().continuation();
        String sessionId = continuation.sessionId();
        int round = continuation.fromRound();
        SessionView view = ledger.find(sessionId).orElseThrow(() -> new RequestRejectedException(
                "UNKNOWN_SESSION", "the ledger holds no session " + sessionId));
        ChoiceRecord choice = view.choices().get(round);
        if (choice == null || !choice.choiceEventId().equals(continuation.choiceEventId())) {
            throw new RequestRejectedException("CONTINUATION_NOT_RECORDED", "the ledger holds no decision "
                    + continuation.choiceEventId() + " on round " + round + " of session " + sessionId);
        }
        if (choice.decision() != continuation.decision()
                || !Objects.equals(choice.candidateRank(), continuation.candidateRank())) {
            throw new RequestRejectedException("CONTINUATION_NOT_RECORDED", "the request's decision on round "
                    + round + " of session " + sessionId + " is not the one recorded for choice "
                    + choice.choiceEventId());
        }
        RoundRecord shown = view.round(round).orElseThrow(() -> new RequestRejectedException(
                "CONTINUATION_NOT_RECORDED", "round " + round + " of session " + sessionId + " is not stored"));
        SessionRecord session = view.session();
        ServedTask task = tasks.find(session.task()).orElseThrow(() -> new RequestRejectedException(
                "TASK_NOT_SERVED", "no model for task '" + session.task() + "' of session " + sessionId));
        if (!task.model().version().equals(session.model().version())) {
            throw new RequestRejectedException("MODEL_VERSION_CHANGED", "session " + sessionId
                    + " runs model " + session.model().version() + ", this worker serves " + task.model().version());
        }
        SessionState state;
        try {
            state = states.load(sessionId, round);
        } catch (RoundStateMissingException e) {
            throw new RequestRejectedException("ROUND_STATE_MISSING", e.getMessage() + " for session " + sessionId);
        }
        if (choice.decision() == ChoiceDecision.CANDIDATE
                && (choice.candidateRank() == null || choice.candidateRank() < 1
                || choice.candidateRank() > state.choices().size())) {
            throw new RequestRejectedException("CANDIDATE_OUT_OF_RANGE", "round " + round + " of session "
                    + sessionId + " has " + state.choices().size() + " candidates, not " + choice.candidateRank());
        }
        return new RecordedDecision(request, session, choice, shown, task, state);
    }
}
