package org.spagateway.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.Clinician;

/**
 * The decision accepted for one round of a session: at most one per round, claimed atomically.
 *
 * @param choiceEventId the ChoiceMade event id that was accepted
 * @param round         the round decided on
 * @param decision      the decision
 * @param candidateRank the chosen candidate (1..K) for CANDIDATE, otherwise null
 * @param clinician     who decided
 * @param decidedAt     the ChoiceMade time
 * @param correlationId the ChoiceMade correlation id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChoiceRecord(String choiceEventId, int round, ChoiceDecision decision, Integer candidateRank,
                           Clinician clinician, Instant decidedAt, String correlationId) {

    public ChoiceRecord {
        Objects.requireNonNull(choiceEventId, "choiceEventId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(clinician, "clinician");
    }

    /** Whether {@code other} is the same decision by the same clinician (a repeat, not a conflict). */
    public boolean sameDecisionAs(ChoiceRecord other) {
        return round == other.round && decision == other.decision
                && Objects.equals(candidateRank, other.candidateRank)
                && SessionView.sameClinician(clinician, other.clinician);
    }
}
