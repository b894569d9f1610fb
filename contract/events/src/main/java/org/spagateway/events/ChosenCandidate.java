package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The candidate a clinician chose, named both ways a reporting system may know it; the two must agree.
 *
 * @param rank          the candidate's rank in the round, 1..K (CandidatesReady {@code candidates[].rank})
 * @param segmentNumber its Segment Number (0062,0004) in the round's SEG: rank + 1
 */
public record ChosenCandidate(
        @JsonProperty("rank") int rank,
        @JsonProperty("segmentNumber") int segmentNumber) {
}
