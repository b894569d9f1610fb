package org.spagateway.dicom.seg;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One segment of a stored BINARY Segmentation, as {@link SegmentationReader} reads it back.
 *
 * @param number             Segment Number (0062,0004)
 * @param label              Segment Label (0062,0005)
 * @param description        Segment Description (0062,0006), empty when absent
 * @param mask               the segment's frame on the source grid
 * @param samplesRepresented for a candidate of an SPA round, how many of the round's samples it represents (from
 *                           the description {@link SegmentationWriter} writes); empty otherwise
 * @param sampleCount        N, the samples drawn in the round, read from the same description; empty otherwise
 */
public record StoredSegment(int number, String label, String description, MaskGrid mask,
                            OptionalInt samplesRepresented, OptionalInt sampleCount) {

    public StoredSegment {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(samplesRepresented, "samplesRepresented");
        Objects.requireNonNull(sampleCount, "sampleCount");
    }

    /** Foreground pixels of the segment. */
    public int areaPixels() {
        return mask.count();
    }
}
