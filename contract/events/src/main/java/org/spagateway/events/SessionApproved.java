package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A clinician approved a round's recommended segmentation: the session is closed and its final single-segment SEG
 * (approver in Content Creator's Name) is stored; the export route sends it to PACS like a round's SEG.
 * Key: session id.
 *
 * @param sessionId       the session
 * @param requestId       the first request of the session
 * @param round           the round whose recommendation was approved
 * @param studyInstanceUid (0020,000D)
 * @param task            the SPA task
 * @param model           the model that produced the approved mask
 * @param approvedBy      the clinician
 * @param choiceEventId   the ChoiceMade that approved
 * @param segmentation    the final SEG
 * @param sourceSeriesInstanceUid the series the task ran on
 * @param sources         the source image(s) the SEG references
 * @param areaPixels      foreground pixels of the approved mask on the source grid
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionApproved(
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("requestId") String requestId,
        @JsonProperty("round") int round,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("task") String task,
        @JsonProperty("model") ModelReference model,
        @JsonProperty("approvedBy") Clinician approvedBy,
        @JsonProperty("choiceEventId") String choiceEventId,
        @JsonProperty("segmentation") SegmentationReference segmentation,
        @JsonProperty("sourceSeriesInstanceUid") String sourceSeriesInstanceUid,
        @JsonProperty("sources") List<InstanceReference> sources,
        @JsonProperty("areaPixels") long areaPixels,
        @JsonProperty("patientPseudonym") String patientPseudonym) {

    public SessionApproved {
        sources = List.copyOf(sources);
    }
}
