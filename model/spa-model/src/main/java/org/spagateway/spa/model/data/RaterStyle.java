package org.spagateway.spa.model.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One simulated rater's consistent personal style, applied to a structure's soft inclusion map (the phantom's
 * probability that a rater would include each pixel). All distances are in pixels of the model's input grid.
 *
 * @param id               stable rater identifier, e.g. {@code cup-R1}
 * @param description      free text (what kind of reader this imitates)
 * @param threshold        level on the soft boundary: the rater includes a pixel where the (smoothed, perturbed)
 *                         inclusion is at least this; low = liberal (takes the whole rim), high = conservative
 * @param smoothingSigma   Gaussian blur (pixels) of the inclusion map before thresholding: a high value draws
 *                         smooth outlines that ignore wobbles and thin spicules; 0 = none
 * @param biasPixels       over-segmentation (positive: dilation) or under-segmentation (negative: erosion) of the
 *                         drawn mask, in pixels (Euclidean disk)
 * @param thresholdJitter  standard deviation of a per-image change of the threshold (day-to-day inconsistency)
 * @param boundaryNoise    amplitude of a smooth per-image random field added to the inclusion on the rim only, so
 *                         outlines wiggle a little from image to image; 0 = none
 * @param noiseWavelength  spatial wavelength (pixels) of that random field
 */
public record RaterStyle(@JsonProperty(required = true) String id,
                         String description,
                         @JsonProperty(required = true) double threshold,
                         @JsonProperty(required = true) double smoothingSigma,
                         @JsonProperty(required = true) double biasPixels,
                         @JsonProperty(required = true) double thresholdJitter,
                         @JsonProperty(required = true) double boundaryNoise,
                         @JsonProperty(required = true) double noiseWavelength) {

    public RaterStyle {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        require(threshold > 0 && threshold < 1, "threshold must be in (0, 1), was " + threshold, id);
        require(smoothingSigma >= 0 && smoothingSigma <= 8, "smoothingSigma must be in [0, 8], was " + smoothingSigma, id);
        require(Math.abs(biasPixels) <= 8, "biasPixels must be in [-8, 8], was " + biasPixels, id);
        require(thresholdJitter >= 0 && thresholdJitter <= 0.25,
                "thresholdJitter must be in [0, 0.25], was " + thresholdJitter, id);
        require(boundaryNoise >= 0 && boundaryNoise <= 0.5, "boundaryNoise must be in [0, 0.5], was " + boundaryNoise, id);
        require(noiseWavelength > 0, "noiseWavelength must be positive, was " + noiseWavelength, id);
    }

    /** The same rater drawing the same way: every field but the description equal. */
    public boolean sameStyle(RaterStyle other) {
        return equals(new RaterStyle(other.id, description, other.threshold, other.smoothingSigma, other.biasPixels,
                other.thresholdJitter, other.boundaryNoise, other.noiseWavelength));
    }

    private static void require(boolean condition, String message, String id) {
        if (!condition) {
            throw new IllegalArgumentException("rater " + id + ": " + message);
        }
    }
}
