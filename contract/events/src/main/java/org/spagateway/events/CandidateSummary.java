package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One of the K representative candidates of a round (a K-means cluster of the N samples), as a reporting system
 * shows it: which segment of the SEG it is and how it relates to the other candidates.
 *
 * @param segmentNumber      Segment Number (0062,0004) in the SEG: rank + 1 (segment 1 is the recommendation)
 * @param rank               1 = the cluster representing most samples
 * @param samplesRepresented how many of the round's N samples fell into this cluster
 * @param areaPixels         foreground pixels on the source image grid
 * @param pairwiseDice       this candidate's row of the K x K Dice matrix, in rank order: element j is the Dice
 *                           coefficient with the candidate of rank j + 1, so the candidate's own entry is 1.0
 */
public record CandidateSummary(
        @JsonProperty("segmentNumber") int segmentNumber,
        @JsonProperty("rank") int rank,
        @JsonProperty("samplesRepresented") int samplesRepresented,
        @JsonProperty("areaPixels") long areaPixels,
        @JsonProperty("pairwiseDice") List<Double> pairwiseDice) {

    public CandidateSummary {
        pairwiseDice = List.copyOf(pairwiseDice);
    }
}
