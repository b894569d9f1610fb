package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a DICOM Segmentation instance the gateway wrote lies, and the UIDs a PACS knows it by. A reference, never
 * the bytes.
 *
 * @param studyInstanceUid  (0020,000D): the source's study, which the SEG joins
 * @param seriesInstanceUid (0020,000E): the session's SEG series
 * @param sopInstanceUid    (0008,0018): deterministic, so a redelivered request writes the same instance
 * @param sopClassUid       (0008,0016): Segmentation Storage
 * @param transferSyntaxUid the transfer syntax the file is stored in
 * @param location          URI of the producing worker's own copy of the Part 10 file, e.g.
 *                          {@code file:///var/lib/spa-gateway/seg/2.25.1.dcm}: informative (that worker's host);
 *                          services read the SEG's bytes from the session ledger's database by SOP Instance UID
 * @param sizeBytes         file size
 */
public record SegmentationReference(
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("seriesInstanceUid") String seriesInstanceUid,
        @JsonProperty("sopInstanceUid") String sopInstanceUid,
        @JsonProperty("sopClassUid") String sopClassUid,
        @JsonProperty("transferSyntaxUid") String transferSyntaxUid,
        @JsonProperty("location") String location,
        @JsonProperty("sizeBytes") long sizeBytes) {
}
