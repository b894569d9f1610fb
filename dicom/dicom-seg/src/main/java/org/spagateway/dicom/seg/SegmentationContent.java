package org.spagateway.dicom.seg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything instance-specific a SEG carries beyond what it copies from its source: identifiers, the content
 * identification (PS3.3 Table 10-12), the algorithm, the coded property and the segments.
 */
record SegmentationContent(String seriesInstanceUid, int seriesNumber, String seriesDescription,
                           String sopInstanceUid, int instanceNumber, String contentLabel,
                           String contentDescription, Optional<String> contentCreatorName, Instant contentTime,
                           ModelIdentity model, SegmentedProperty property, List<SegmentDefinition> segments) {

    SegmentationContent {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a Segmentation needs at least one segment");
        }
    }
}
