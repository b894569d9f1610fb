package org.spagateway.events;

/** What a clinician decided about a round's candidate set. */
public enum ChoiceDecision {
    /** One candidate is closest to what the clinician wants: it steers the next round. */
    CANDIDATE,
    /** The round's recommended segmentation (segment 1) is accepted: the session ends with a final SEG. */
    APPROVE,
    /** None of the candidates is acceptable: recorded, and the session continues with a new round. */
    REJECT_ALL
}
