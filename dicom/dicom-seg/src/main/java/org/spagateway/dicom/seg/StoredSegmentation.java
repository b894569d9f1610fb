package org.spagateway.dicom.seg;

import java.util.List;
import java.util.Optional;

/**
 * A stored BINARY Segmentation read back: its grid and its segments in Segment Number order (for an SPA round,
 * segment 1 = the recommendation, 2..K+1 = the candidates by rank).
 *
 * @param columns  Columns (0028,0011) of every frame
 * @param rows     Rows (0028,0010) of every frame
 * @param segments the segments, by number
 */
public record StoredSegmentation(int columns, int rows, List<StoredSegment> segments) {

    public StoredSegmentation {
        segments = List.copyOf(segments);
    }

    public Optional<StoredSegment> segment(int number) {
        return segments.stream().filter(segment -> segment.number() == number).findFirst();
    }
}
