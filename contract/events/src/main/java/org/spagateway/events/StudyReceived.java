package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A study (or a later addition to it) has been stored completely by the DICOM listener. Carries references and
 * counts, never pixel data or patient identifiers. Key: StudyInstanceUID.
 *
 * <p>Version 1 is the first completion; each batch of instances arriving after a completion yields the next
 * version, which lists every instance stored so far ({@code addedInstanceCount} of them new).
 *
 * @param studyInstanceUid   (0020,000D)
 * @param version            1, 2, ... per study
 * @param callingAeTitle     the AE that sent the instances of this version
 * @param calledAeTitle      the listener's AE title
 * @param modalities         distinct modalities of the study
 * @param seriesCount        number of series
 * @param instanceCount      number of instances stored for the study so far
 * @param addedInstanceCount instances new in this version
 * @param completionReason   why the study was considered complete
 * @param firstReceivedAt    first instance of this version stored
 * @param lastReceivedAt     last instance of this version stored
 * @param series             per-series references
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyReceived(
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("version") int version,
        @JsonProperty("callingAeTitle") String callingAeTitle,
        @JsonProperty("calledAeTitle") String calledAeTitle,
        @JsonProperty("modalities") List<String> modalities,
        @JsonProperty("seriesCount") int seriesCount,
        @JsonProperty("instanceCount") int instanceCount,
        @JsonProperty("addedInstanceCount") int addedInstanceCount,
        @JsonProperty("completionReason") CompletionReason completionReason,
        @JsonProperty("firstReceivedAt") Instant firstReceivedAt,
        @JsonProperty("lastReceivedAt") Instant lastReceivedAt,
        @JsonProperty("series") List<SeriesReference> series,
        @JsonProperty("patientPseudonym") String patientPseudonym) {

    public StudyReceived {
        modalities = List.copyOf(modalities);
        series = List.copyOf(series);
    }
}
