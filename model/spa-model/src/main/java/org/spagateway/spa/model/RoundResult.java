package org.spagateway.spa.model;

import java.util.List;

/**
 * One round as shown to the clinician.
 *
 * @param round        1-based round number
 * @param recommended  the aggregated prediction: mean probability of the N samples &gt;= 0.5
 * @param candidates   the K representative candidates, largest cluster first
 * @param pairwiseDice Dice between the binarised candidates, K x K
 * @param theta        the preference distribution used in this round
 * @param state        the session state after this round (serialise it to continue elsewhere)
 * @param analysis     the full analysis (sample membership, centroids, mean probability maps) for evaluation
 * @param timings      where the round's time went, stage by stage
 */
public record RoundResult(int round, BinaryMask recommended, List<Candidate> candidates, double[][] pairwiseDice,
                          Theta theta, SessionState state, CandidateAnalysis.Analysis analysis,
                          RoundTimings timings) {

    /**
     * A representative candidate.
     *
     * @param index       its position (what {@code choose(k)} takes)
     * @param mask        the cluster's mean probability map binarised at 0.5
     * @param sampleCount how many of the N samples it represents
     */
    public record Candidate(int index, BinaryMask mask, int sampleCount) {
    }

    public RoundResult {
        candidates = List.copyOf(candidates);
    }
}
