package org.spagateway.dicom.seg;

import java.util.Objects;

/**
 * One representative candidate of an SPA round (a K-means cluster of the N sampled segmentations).
 *
 * @param rank               1 = the cluster representing most samples; ranks of one round are 1..K
 * @param mask               the cluster's mask, on the source image grid
 * @param samplesRepresented how many of the round's N samples fell into this cluster
 */
public record CandidateMask(int rank, MaskGrid mask, int samplesRepresented) {

    public CandidateMask {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, was " + rank);
        }
        Objects.requireNonNull(mask, "mask");
        if (samplesRepresented < 0) {
            throw new IllegalArgumentException("samplesRepresented must not be negative, was " + samplesRepresented);
        }
    }
}
