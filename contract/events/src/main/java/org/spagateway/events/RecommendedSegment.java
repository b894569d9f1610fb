package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The recommended (aggregated) prediction of a round: the mean of the N sampled probability maps thresholded at
 * 0.5. Always segment 1 of the round's SEG.
 *
 * @param segmentNumber Segment Number (0062,0004) in the SEG, always 1
 * @param areaPixels    foreground pixels on the source image grid
 */
public record RecommendedSegment(
        @JsonProperty("segmentNumber") int segmentNumber,
        @JsonProperty("areaPixels") long areaPixels) {
}
