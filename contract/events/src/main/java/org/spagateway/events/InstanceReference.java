package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where one stored DICOM instance lies. A reference, never the bytes.
 *
 * @param sopInstanceUid    (0008,0018)
 * @param sopClassUid       (0008,0016)
 * @param transferSyntaxUid the transfer syntax the file is stored in
 * @param location          URI of the stored Part 10 file, e.g. {@code file:///var/lib/spa/dicom/1.2/1.3/1.4.dcm}
 * @param sizeBytes         file size
 */
public record InstanceReference(
        @JsonProperty("sopInstanceUid") String sopInstanceUid,
        @JsonProperty("sopClassUid") String sopClassUid,
        @JsonProperty("transferSyntaxUid") String transferSyntaxUid,
        @JsonProperty("location") String location,
        @JsonProperty("sizeBytes") long sizeBytes) {
}
