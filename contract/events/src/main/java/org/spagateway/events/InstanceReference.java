package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * Where one stored DICOM instance lies, and what its bytes must hash to. A reference, never the bytes: a consumer on
 * the same host reads a {@code file:} location; one on another host fetches an {@code https:} location from the edge
 * (WADO-RS, PS3.18 10.4) and checks the size and digest before using what it got.
 *
 * @param sopInstanceUid    (0008,0018)
 * @param sopClassUid       (0008,0016)
 * @param transferSyntaxUid the transfer syntax the file is stored in
 * @param location          URI of the stored Part 10 file, e.g. {@code file:///var/lib/spa/dicom/1.2/1.3/1.4.dcm}, or
 *                          of its WADO-RS resource, {@code https://edge/dicom-web/studies/1.2/series/1.3/instances/1.4}
 * @param sizeBytes         file size
 * @param sha256            SHA-256 of the whole stored Part 10 file, 64 lower-case hex digits; null in events from
 *                          before it was recorded (it is optional in the schema)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceReference(
        @JsonProperty("sopInstanceUid") String sopInstanceUid,
        @JsonProperty("sopClassUid") String sopClassUid,
        @JsonProperty("transferSyntaxUid") String transferSyntaxUid,
        @JsonProperty("location") String location,
        @JsonProperty("sizeBytes") long sizeBytes,
        @JsonProperty("sha256") String sha256) {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    @JsonCreator
    public InstanceReference {
        if (sha256 != null && !SHA_256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** A reference without a digest (an instance whose bytes were not hashed when stored). */
    public InstanceReference(String sopInstanceUid, String sopClassUid, String transferSyntaxUid, String location,
                             long sizeBytes) {
        this(sopInstanceUid, sopClassUid, transferSyntaxUid, location, sizeBytes, null);
    }
}
