package org.spagateway.events;

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
 */
public record InferenceRequested(
        @JsonProperty("requestId") String requestId,
        @JsonProperty("studyInstanceUid") String studyInstanceUid,
        @JsonProperty("studyVersion") int studyVersion,
        @JsonProperty("task") String task,
        @JsonProperty("ruleName") String ruleName,
        @JsonProperty("lane") InferenceLane lane,
        @JsonProperty("seriesInstanceUid") String seriesInstanceUid,
        @JsonProperty("modality") String modality,
        @JsonProperty("instances") List<InstanceReference> instances) {

    public InferenceRequested {
        instances = List.copyOf(instances);
    }
}
