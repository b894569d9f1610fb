package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a next-round request continues: an existing session and the clinician's decision on its last round.
 *
 * @param sessionId     the session to continue
 * @param fromRound     the round the decision was made on; the request computes round {@code fromRound + 1}, or
 *                      for {@code APPROVE} writes the final SEG of {@code fromRound}
 * @param decision      the decision
 * @param candidateRank the chosen candidate's rank (1..K) for {@code CANDIDATE}, otherwise null
 * @param choiceEventId the id of the ChoiceMade event that was accepted
 * @param decidedAt     when the clinician decided (the ChoiceMade time)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionContinuation(
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("fromRound") int fromRound,
        @JsonProperty("decision") ChoiceDecision decision,
        @JsonProperty("candidateRank") Integer candidateRank,
        @JsonProperty("choiceEventId") String choiceEventId,
        @JsonProperty("decidedAt") java.time.Instant decidedAt) {
}
