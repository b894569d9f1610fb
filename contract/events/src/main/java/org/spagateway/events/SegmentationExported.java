package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A round's SEG was stored in one export destination: a PACS by C-STORE, or a DICOMweb server by STOW-RS. One event per destination; a destination
 * that gave up is recorded on {@link Topic#DEAD_LETTER} instead. Key: session id.
 *
 * @param sessionId           the SPA session
 * @param requestId           the request the round answered
 * @param round               the round
 * @param studyInstanceUid    (0020,000D)
 * @param seriesInstanceUid   the SEG's series
 * @param sopInstanceUid      the SEG instance
 * @param sopClassUid         Segmentation Storage
 * @param destination         the configured destination name
 * @param destinationAeTitle  its AE title (the called AE; for STOW-RS, the configured one)
 * @param callingAeTitle      the gateway's AE title in the association
 * @param attempts            C-STORE (or STOW-RS) attempts it took, 1 when the first succeeded
 * @param outcome             stored, or stored with a warning
 * @param dimseStatus         the C-STORE response Status (0000,0900); for STOW-RS the response's Warning Reason
 *                            (0008,1196), which uses the same codes, or 0
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentationExported(
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("requestId") String requestId,
        @JsonProperty("round") int round,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("seriesInstanceUid") String seriesInstanceUid,
        @JsonProperty("sopInstanceUid") String sopInstanceUid,
        @JsonProperty("sopClassUid") String sopClassUid,
        @JsonProperty("destination") String destination,
        @JsonProperty("destinationAeTitle") String destinationAeTitle,
        @JsonProperty("callingAeTitle") String callingAeTitle,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("outcome") ExportOutcome outcome,
        @JsonProperty("dimseStatus") int dimseStatus,
        @JsonProperty("patientPseudonym") String patientPseudonym) {
}
