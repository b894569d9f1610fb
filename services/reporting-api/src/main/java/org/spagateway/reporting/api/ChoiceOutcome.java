package org.spagateway.reporting.api;

import java.util.Objects;
import java.util.Optional;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.ChoiceVerdict;

/**
 * What became of a submitted choice.
 *
 * @param outcome       accepted (recorded now), repeat (already recorded) or rejected (nothing changed)
 * @param rejection     why it was rejected; null otherwise
 * @param message       a sentence for the reporting system (no patient data)
 * @param sessionId     the session
 * @param round         the round decided on
 * @param decision      the decision the round now has (for a rejection: the submitted one)
 * @param choiceEventId the ChoiceMade event recorded for the round; null when rejected
 * @param requestId     the next-round request published for it; null when rejected
 */
public record ChoiceOutcome(ChoiceVerdict.Outcome outcome, ChoiceRejection rejection, String message,
                            String sessionId, int round, ChoiceDecision decision, String choiceEventId,
                            String requestId) {

    public ChoiceOutcome {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == ChoiceVerdict.Outcome.REJECT) != (rejection != null)) {
            throw new IllegalArgumentException("a rejection reason goes with REJECT and only with it");
        }
    }

    static ChoiceOutcome rejected(ChoiceRejection rejection, String message, String sessionId, int round,
                                  ChoiceDecision decision) {
        return new ChoiceOutcome(ChoiceVerdict.Outcome.REJECT, rejection, message, sessionId, round, decision, null,
                null);
    }

    public boolean rejected() {
        return outcome == ChoiceVerdict.Outcome.REJECT;
    }

    /** The round the choice leads to; empty for APPROVE (the session ends) and for a rejection. */
    public Optional<Integer> nextRound() {
        return rejected() || decision == ChoiceDecision.APPROVE ? Optional.empty() : Optional.of(round + 1);
    }
}
