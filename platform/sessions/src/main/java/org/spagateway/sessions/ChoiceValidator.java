package org.spagateway.sessions;

import java.util.Optional;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.Clinician;

/**
 * Checks a schema-valid choice against its session, in the order a reporting system can act on: the session must
 * exist, belong to the clinician, be open, and the round must be its latest; a repeat of the recorded decision is
 * recognised before any conflict; the candidate must exist. Pure: the caller reads the session and records the
 * choice ({@link SessionLedger#claim}), which settles a race between two valid choices.
 */
public final class ChoiceValidator {

    public ChoiceVerdict check(ChoiceMade choice, Optional<SessionView> found) {
        if (found.isEmpty()) {
            return ChoiceVerdict.reject(ChoiceRejection.UNKNOWN_SESSION, "no session " + choice.sessionId());
        }
        SessionView session = found.get();
        Optional<Clinician> owner = session.owner();
        if (owner.isPresent() && !SessionView.sameClinician(owner.get(), choice.clinician())) {
            return ChoiceVerdict.reject(ChoiceRejection.CLINICIAN_MISMATCH, "session " + choice.sessionId()
                    + " belongs to another clinician");
        }
        ChoiceRecord recorded = session.choices().get(choice.round());
        if (recorded != null && recorded.sameDecisionAs(asRecord(choice, recorded))) {
            return ChoiceVerdict.repeat(choice.round());
        }
        if (session.approved()) {
            return ChoiceVerdict.reject(ChoiceRejection.SESSION_CLOSED, "session " + choice.sessionId()
                    + " was approved and is closed");
        }
        int latest = session.latestRound();
        if (choice.round() < latest) {
            return ChoiceVerdict.reject(ChoiceRejection.STALE_ROUND, "round " + choice.round() + " of session "
                    + choice.sessionId() + " was superseded; the latest round is " + latest);
        }
        if (choice.round() > latest) {
            return ChoiceVerdict.reject(ChoiceRejection.FUTURE_ROUND, "session " + choice.sessionId()
                    + " has no round " + choice.round() + " yet; the latest round is " + latest);
        }
        if (recorded != null) {
            return ChoiceVerdict.reject(ChoiceRejection.DUPLICATE_CHOICE, "round " + choice.round()
                    + " already has a different decision (" + describe(recorded) + ")");
        }
        if (choice.decision() == ChoiceDecision.CANDIDATE) {
            int candidates = session.round(latest).orElseThrow().candidateCount();
            int rank = choice.candidate().rank();
            if (rank < 1 || rank > candidates) {
                return ChoiceVerdict.reject(ChoiceRejection.CANDIDATE_OUT_OF_RANGE, "round " + choice.round()
                        + " has candidates 1.." + candidates + ", not " + rank);
            }
            if (choice.candidate().segmentNumber() != rank + 1) {
                return ChoiceVerdict.reject(ChoiceRejection.CANDIDATE_OUT_OF_RANGE, "candidate " + rank
                        + " is segment " + (rank + 1) + " of the round's SEG, not segment "
                        + choice.candidate().segmentNumber());
            }
        }
        return ChoiceVerdict.accept();
    }

    /** The choice as the ledger would record it (id and times do not matter for comparing decisions). */
    private static ChoiceRecord asRecord(ChoiceMade choice, ChoiceRecord recorded) {
        Integer rank = choice.candidate() == null ? null : choice.candidate().rank();
        return new ChoiceRecord(recorded.choiceEventId(), choice.round(), choice.decision(), rank,
                choice.clinician(), recorded.decidedAt(), recorded.correlationId());
    }

    private static String describe(ChoiceRecord recorded) {
        return recorded.decision() == ChoiceDecision.CANDIDATE
                ? "candidate " + recorded.candidateRank() : recorded.decision().name();
    }
}
