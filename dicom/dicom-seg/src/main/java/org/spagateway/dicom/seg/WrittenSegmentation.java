package org.spagateway.dicom.seg;

import java.nio.file.Path;

/**
 * A SEG instance on disk and the identifiers a CandidatesReady event or a C-STORE needs.
 *
 * @param file              the Part 10 file
 * @param studyInstanceUid  the source's study (the SEG joins it)
 * @param seriesInstanceUid the session's SEG series
 * @param sopInstanceUid    deterministic: same inputs, same UID
 * @param sopClassUid       Segmentation Storage
 * @param segmentCount      number of segments (1 + K for a round, 1 for an approved result)
 */
public record WrittenSegmentation(Path file, String studyInstanceUid, String seriesInstanceUid,
                                  String sopInstanceUid, String sopClassUid, int segmentCount) {
}
