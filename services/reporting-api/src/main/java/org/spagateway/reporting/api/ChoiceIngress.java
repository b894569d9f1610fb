package org.spagateway.reporting.api;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.ChoiceVerdict;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionView;
import org.spagateway.kafka.support.EventPublisher;
import org.spagateway.kafka.support.CorrelationScope;

/**
 * A clinician's choice, however it arrived (HTTP or {@code spa.choice.made}): checked against the session, recorded
 * in the ledger, then continued with a next-round request on {@code spa.inference.interactive}. Plain Java: the
 * choice API and the choice topic route translate the outcome to their protocol.
 *
 * <p>Exactly-once by construction rather than by transaction: the ledger's claim admits one decision per round, and
 * the next-round request is derived from the recorded decision with a name-based request id. When publishing fails
 * after the claim, the caller reports a retriable failure (HTTP 503, or the offset stays uncommitted); the retry
 * finds the recorded decision, is judged a repeat and publishes the same request again, which the worker
 * deduplicates. Nothing is lost and nothing is applied twice.
 */
public final class ChoiceIngress {

    private static final Logger LOG = LoggerFactory.getLogger(ChoiceIngress.class);

    private final SessionLedger ledger;
    private final ChoiceValidator validator;
    private final InteractiveRequestMapper requests;
    private final EventPublisher publisher;
    private final SessionAccessPolicy policy = new SessionAccessPolicy();

    public ChoiceIngress(SessionLedger ledger, ChoiceValidator validator, InteractiveRequestMapper requests,
                         EventPublisher publisher) {
        this.ledger = ledger;
        this.validator = validator;
        this.requests = requests;
        this.publisher = publisher;
    }

    /**
     * Checks the caller may make this choice ({@link SessionAccessPolicy}), then judges, records and continues it. A
     * verified clinician's choice is recorded under the token's identity.
     *
     * @throws IOException           the ledger could not be read or written: retriable, nothing was recorded
     * @throws EventPublishException the next-round request was not acknowledged: retriable (a retry is a repeat)
     */
    public ChoiceOutcome submit(EventEnvelope<ChoiceMade> choice, Caller caller) throws IOException {
        try (CorrelationScope scope = CorrelationScope.open(choice.correlationId())) {
            ChoiceMade data = choice.data();
            Optional<SessionView> found = ledger.find(data.sessionId());
            Optional<SessionAccessPolicy.Refusal> refusal = policy.mayChoose(caller, data.clinician(), found);
            if (refusal.isPresent()) {
                LOG.info("Choice {} on session {} round {} by {} refused: {}", choice.eventId(), data.sessionId(),
                        data.round(), caller.subject(), refusal.get().rejection());
                return ChoiceOutcome.rejected(refusal.get().rejection(), refusal.get().message(), data.sessionId(),
                        data.round(), data.decision());
            }
            if (caller.verified() && !caller.has(Caller.Role.DELEGATE)) {
                choice = asClinician(choice, SessionAccessPolicy.acting(caller, data.clinician()));
            } else if (caller.verified()) {
                LOG.info("Choice {} on session {} round {}: delegate {} acts for clinician {}", choice.eventId(),
                        data.sessionId(), data.round(), caller.subject(), data.clinician().id());
                Optional<Clinician> owner = found.flatMap(SessionView::owner)
                        .filter(o -> SessionView.sameClinician(o, data.clinician()));
                if (owner.isPresent()) {
                    // Recorded as the owner's choice, as the owner is known to the ledger (their name included).
                    choice = asClinician(choice, owner.get());
                }
            }
            return submit(choice, found);
        }
    }

    /** The choice as the verified clinician's: the body named the same id and system, the token may add a name. */
    private static EventEnvelope<ChoiceMade> asClinician(EventEnvelope<ChoiceMade> choice, Clinician clinician) {
        ChoiceMade data = choice.data();
        return new EventEnvelope<>(choice.specVersion(), choice.eventId(), choice.source(), choice.type(),
                choice.subject(), choice.occurredAt(), choice.dataContentType(), choice.correlationId(),
                choice.schemaVersion(), new ChoiceMade(data.sessionId(), data.round(), data.decision(),
                data.candidate(), clinician));
    }

    /** Judges {@code choice} on {@code found}, the session as read just before; another choice may have won since. */
    ChoiceOutcome submit(EventEnvelope<ChoiceMade> choice, Optional<SessionView> found) throws IOException {
        ChoiceMade data = choice.data();
        ChoiceVerdict verdict = validator.check(data, found);
        if (verdict.outcome() == ChoiceVerdict.Outcome.REJECT) {
            LOG.info("Choice {} on session {} round {} rejected: {}", choice.eventId(), data.sessionId(),
                    data.round(), verdict.rejection());
            return ChoiceOutcome.rejected(verdict.rejection(), verdict.message(), data.sessionId(), data.round(),
                    data.decision());
        }
        SessionView session = found.orElseThrow();
        ChoiceVerdict.Outcome outcome = verdict.outcome();
        ChoiceRecord recorded;
        if (outcome == ChoiceVerdict.Outcome.ACCEPT) {
            ChoiceRecord submitted = toRecord(choice);
            recorded = ledger.claim(data.sessionId(), submitted);
            if (recorded != submitted) {
                Optional<ChoiceOutcome> lost = lostRace(choice, submitted, recorded);
                if (lost.isPresent()) {
                    return lost.get();
                }
                outcome = ChoiceVerdict.Outcome.REPEAT;
            }
        } else {
            recorded = session.choices().get(data.round());
        }
        EventEnvelope<InferenceRequested> request = requests.continuation(session.session(), recorded);
        // A repeat publishes the request again in case the first publish was lost, unless the round it asks for is
        // already stored: then the worker has served it and would only compute the same round once more.
        boolean served = session.latestRound() > recorded.round();
        if (!served) {
            publisher.publish(Topic.INFERENCE_INTERACTIVE, request);
        }
        LOG.info("Choice {} on session {} round {}: {} {}, next-round request {} {}", choice.eventId(),
                data.sessionId(), data.round(), outcome, recorded.decision(), request.data().requestId(),
                served ? "already served" : "published");
        String message = outcome == ChoiceVerdict.Outcome.ACCEPT ? "accepted"
                : "round " + recorded.round() + " already has this decision";
        return new ChoiceOutcome(outcome, null, message, data.sessionId(), recorded.round(), recorded.decision(),
                recorded.choiceEventId(), request.data().requestId());
    }

    /**
     * Another choice for the round was recorded between reading the session and claiming the round: the same
     * decision makes this one a repeat (empty); a different one is refused.
     */
    private static Optional<ChoiceOutcome> lostRace(EventEnvelope<ChoiceMade> choice, ChoiceRecord submitted,
                                                    ChoiceRecord recorded) {
        if (recorded.sameDecisionAs(submitted)) {
            return Optional.empty();
        }
        ChoiceMade data = choice.data();
        // A session nobody owned yet belongs to whoever claimed its first round.
        boolean otherClinician = !recorded.clinician().id().equals(submitted.clinician().id());
        ChoiceRejection rejection = otherClinician ? ChoiceRejection.CLINICIAN_MISMATCH
                : ChoiceRejection.DUPLICATE_CHOICE;
        String message = otherClinician ? "session " + data.sessionId() + " belongs to another clinician"
                : "round " + data.round() + " already has a different decision (" + describe(recorded) + ")";
        LOG.info("Choice {} on session {} round {} lost the claim to choice {}: {}", choice.eventId(),
                data.sessionId(), data.round(), recorded.choiceEventId(), rejection);
        return Optional.of(ChoiceOutcome.rejected(rejection, message, data.sessionId(), data.round(),
                data.decision()));
    }

    private static String describe(ChoiceRecord recorded) {
        return recorded.candidateRank() == null ? recorded.decision().name() : "candidate " + recorded.candidateRank();
    }

    private static ChoiceRecord toRecord(EventEnvelope<ChoiceMade> choice) {
        ChoiceMade data = choice.data();
        Integer rank = data.candidate() == null ? null : data.candidate().rank();
        return new ChoiceRecord(choice.eventId(), data.round(), data.decision(), rank, data.clinician(),
                choice.occurredAt(), choice.correlationId());
    }
}
