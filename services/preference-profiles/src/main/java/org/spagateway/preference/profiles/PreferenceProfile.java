package org.spagateway.preference.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.spagateway.events.ChoiceDecision;

/**
 * A clinician's preference profile for one task, as stored (JSON) in the {@code preference-profiles} store and
 * published in ProfileUpdated. See docs/profiles.md for the update rule.
 *
 * @param clinicianId       the clinician
 * @param task              the SPA task
 * @param modelVersion      the model whose M preference components {@code pi} is over
 * @param version           how many distinct choices have been applied to this profile
 * @param pi                mixture weights over the M components, summing to 1; empty while only REJECT_ALL
 *                          decisions have been applied (no evidence yet, nothing is published)
 * @param choiceCount       CANDIDATE and APPROVE choices averaged into {@code pi} under {@code modelVersion}
 * @param rejectionCount    REJECT_ALL decisions applied
 * @param lastChoiceEventId the ChoiceMade id of the choice that produced this version
 * @param lastSessionId     its session
 * @param lastRound         its round
 * @param lastDecision      its decision
 */
public record PreferenceProfile(
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

    /** Separates task and clinician in store keys; the event schemas forbid it in a clinician id. */
    static final char KEY_SEPARATOR = '|';

    public PreferenceProfile {
        Objects.requireNonNull(clinicianId, "clinicianId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(modelVersion, "modelVersion");
        pi = List.copyOf(pi);
        Objects.requireNonNull(lastDecision, "lastDecision");
    }

    /** The key of the {@code preference-profiles} store: {@code <task>|<clinicianId>}. */
    public static String storeKey(String clinicianId, String task) {
        return task + KEY_SEPARATOR + clinicianId;
    }

    /** Whether a CANDIDATE or APPROVE has given it a pi, so that it can be published and used as a prior. */
    @JsonIgnore
    public boolean hasPreference() {
        return !pi.isEmpty();
    }
}
