package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An SPA round finished: its candidate set is stored as one DICOM Segmentation instance (segment 1 = recommended,
 * segments 2..K+1 = candidates by rank). Carries references and numbers, never masks or pixel data. Key: session id.
 *
 * @param sessionId         the SPA session (one clinician, one image)
 * @param requestId         the InferenceRequested (or next-round request) this round answers
 * @param round             1-based round number within the session
 * @param studyInstanceUid  (0020,000D) of the source, which the SEG joins
 * @param task              the SPA task, e.g. {@code ct-lung-nodule}
 * @param model             model name and version
 * @param profileVersion    version of the clinician's preference profile the round started from; null when no
 *                          profile was used
 * @param sampleCount       N, the number of segmentations sampled in the round
 * @param segmentation      the SEG instance
 * @param sourceSeriesInstanceUid the series the task ran on
 * @param sources           the source image instance(s) the SEG references
 * @param recommended       segment 1
 * @param candidates        the K candidates in rank order
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidatesReady(
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("requestId") String requestId,
        @JsonProperty("round") int round,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("task") String task,
        @JsonProperty("model") ModelReference model,
        @JsonProperty("profileVersion") Integer profileVersion,
        @JsonProperty("sampleCount") int sampleCount,
        @JsonProperty("segmentation") SegmentationReference segmentation,
        @JsonProperty("sourceSeriesInstanceUid") String sourceSeriesInstanceUid,
        @JsonProperty("sources") List<InstanceReference> sources,
        @JsonProperty("recommended") RecommendedSegment recommended,
        @JsonProperty("candidates") List<CandidateSummary> candidates,
        @JsonProperty("patientPseudonym") String patientPseudonym) {

    public CandidatesReady {
        sources = List.copyOf(sources);
        candidates = List.copyOf(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            CandidateSummary candidate = candidates.get(i);
            if (candidate.rank() != i + 1) {
                throw new IllegalArgumentException("candidates must be in rank order 1.." + candidates.size()
                        + ", found rank " + candidate.rank() + " at position " + (i + 1));
            }
            if (candidate.pairwiseDice().size() != candidates.size()) {
                throw new IllegalArgumentException("candidate " + candidate.rank() + " has "
                        + candidate.pairwiseDice().size() + " Dice values for " + candidates.size() + " candidates");
            }
        }
    }
}
