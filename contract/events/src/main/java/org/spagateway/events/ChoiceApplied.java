package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A clinician's choice was applied to its session by the inference worker: the choice log that preference profiles
 * are built (and rebuilt) from, and what the FHIR choice Provenance records. Exactly one per session round; the
 * event id derives from the session and round, so a redelivery repeats the same event. Key: clinician id (profiles
 * are partitioned by clinician).
 *
 * @param choiceEventId   the accepted ChoiceMade's id
 * @param sessionId       the session
 * @param requestId       the first request of the session
 * @param round           the round decided on
 * @param decision        candidate, approve or reject-all
 * @param candidate       the chosen candidate for {@code CANDIDATE}, otherwise null
 * @param clinician       who decided
 * @param studyInstanceUid (0020,000D) of the source study
 * @param task            the SPA task
 * @param model           the model that produced the round
 * @param shownSegmentation the SEG of the round decided on (the candidates that were shown)
 * @param piEstimate      the EM estimate of the mixture weights pi from the chosen candidate (the recommended map
 *                        for {@code APPROVE}), over the model's M preference components; null for
 *                        {@code REJECT_ALL}, which carries no positive evidence
 * @param nextRound       the round the choice triggered; null for {@code APPROVE}
 * @param approvedSegmentation the final SEG for {@code APPROVE}, otherwise null
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChoiceApplied(
        @JsonProperty("choiceEventId") String choiceEventId,
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("requestId") String requestId,
        @JsonProperty("round") int round,
        @JsonProperty("decision") ChoiceDecision decision,
        @JsonProperty("candidate") ChosenCandidate candidate,
        @JsonProperty("clinician") Clinician clinician,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("task") String task,
        @JsonProperty("model") ModelReference model,
        @JsonProperty("shownSegmentation") SegmentationReference shownSegmentation,
        @JsonProperty("piEstimate") List<Double> piEstimate,
        @JsonProperty("nextRound") Integer nextRound,
        @JsonProperty("approvedSegmentation") SegmentationReference approvedSegmentation,
        @JsonProperty("patientPseudonym") String patientPseudonym) {

    public ChoiceApplied {
        piEstimate = piEstimate == null ? null : List.copyOf(piEstimate);
    }
}
