package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A study version was routed to an SPA task. Key: StudyInstanceUID.
 *
 * @param requestId         deterministic: the same study version and task always give the same id
 * @param studyInstanceUid  (0020,000D)
 * @param studyVersion      the StudyReceived version this request is for
 * @param task              the SPA task, e.g. {@code fundus-optic-cup}, {@code ct-lung-nodule}
 * @param ruleName          the routing rule that matched
 * @param lane              the worker lane
 * @param seriesInstanceUid the series the task runs on
 * @param modality          that series' modality
 * @param instances         that series' instances
 * @param clinician         the clinician the session is for: on a first-round request started for a clinician, the
 *                          worker starts from their preference profile; on a next-round request, who decided.
 *                          Null on auto-routed new studies (the first choice then claims the session)
 * @param continuation      on next-round requests (lane INTERACTIVE), the session and decision it continues; null
 *                          on first-round requests
 * @param patientPseudonym   the patient's pseudonym (a keyed HMAC of Patient ID and issuer, never reversible without
 *                           the deployment's key; see {@code PatientPseudonym}); null when the sender did not know it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceRequested(
        @JsonProperty("requestId") String requestId,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("studyVersion") int studyVersion,
        @JsonProperty("task") String task,
        @JsonProperty("ruleName") String ruleName,
        @JsonProperty("lane") InferenceLane lane,
        @JsonProperty("seriesInstanceUid") String seriesInstanceUid,
        @JsonProperty("modality") String modality,
        @JsonProperty("instances") List<InstanceReference> instances,
        @JsonProperty("clinician") Clinician clinician,
        @JsonProperty("continuation") SessionContinuation continuation,
        @JsonProperty("patientPseudonym") String patientPseudonym) {

    public InferenceRequested {
        instances = List.copyOf(instances);
    }

    /** A first-round request for a new study, for no particular clinician. */
    public InferenceRequested(String requestId, String studyInstanceUid, int studyVersion, String task,
                              String ruleName, InferenceLane lane, String seriesInstanceUid, String modality,
                              List<InstanceReference> instances, String patientPseudonym) {
        this(requestId, studyInstanceUid, studyVersion, task, ruleName, lane, seriesInstanceUid, modality, instances,
                null, null, patientPseudonym);
    }
}
