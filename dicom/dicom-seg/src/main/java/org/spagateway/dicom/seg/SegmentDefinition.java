package org.spagateway.dicom.seg;

/**
 * One segment of a SEG: its Segment Sequence item (PS3.3 C.8.20.4.1) and its mask.
 *
 * @param number        Segment Number (0062,0004), 1-based
 * @param label         Segment Label (0062,0005), LO
 * @param description   Segment Description (0062,0006), ST
 * @param algorithmType Segment Algorithm Type (0062,0008): AUTOMATIC or SEMIAUTOMATIC
 * @param mask          the segment's pixels on the source grid
 */
record SegmentDefinition(int number, String label, String description, String algorithmType, MaskGrid mask) {
}
