package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A clinician's decision on one round of an SPA session, as a reporting system submits it (over HTTP, or as this
 * event on {@code spa.choice.made}). Validated against the session before anything changes; accepted choices
 * are recorded as {@link ChoiceApplied}. Key: session id.
 *
 * @param sessionId the SPA session (CandidatesReady {@code sessionId})
 * @param round     the round the decision is about
 * @param decision  candidate, approve or reject-all
 * @param candidate the chosen candidate; present exactly when {@code decision} is {@code CANDIDATE}
 * @param clinician who decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChoiceMade(
        @JsonProperty("sessionId") String sessionId,
        @JsonProperty("round") int round,
        @JsonProperty("decision") ChoiceDecision decision,
        @JsonProperty("candidate") ChosenCandidate candidate,
        @JsonProperty("clinician") Clinician clinician) {
}
