package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A clinician's preference profile for one task changed: one event per applied choice, in the order the choices
 * were applied. The event id derives from (clinician, task, version), so rebuilding profiles from the choice log
 * repeats the same events. Key: clinician id.
 *
 * @param clinicianId    the clinician
 * @param task           the SPA task
 * @param modelVersion   the model whose M preference components pi is over (a choice under another model version
 *                       restarts pi)
 * @param version        1 for the first applied choice, +1 per applied choice
 * @param pi             mixture weights over the M components; the prior of the clinician's next session
 * @param choiceCount    applied CANDIDATE and APPROVE choices that moved pi under this model version
 * @param rejectionCount applied REJECT_ALL decisions
 * @param lastChoiceEventId the ChoiceMade id of the choice that produced this version
 * @param lastSessionId  its session
 * @param lastRound      its round
 * @param lastDecision   its decision
 */
public record ProfileUpdated(
        @JsonProperty("clinicianId") String clinicianId,
        @JsonProperty("task") String task,
        @JsonProperty("modelVersion") String modelVersion,
        @JsonProperty("version") long version,
        @JsonProperty("pi") List<Double> pi,
        @JsonProperty("choiceCount") long choiceCount,
        @JsonProperty("rejectionCount") long rejectionCount,
        @JsonProperty("lastChoiceEventId") String lastChoiceEventId,
        @JsonProperty("lastSessionId") String lastSessionId,
        @JsonProperty("lastRound") int lastRound,
        @JsonProperty("lastDecision") ChoiceDecision lastDecision) {

    public ProfileUpdated {
        pi = List.copyOf(pi);
    }
}
