package org.spagateway.sessions;

import org.spagateway.events.SegmentationReference;

/**
 * One stored round of a session, written after its SEG and state are stored and before its CandidatesReady is
 * published: from then on a choice for it can be accepted.
 *
 * @param round                  1-based
 * @param requestId              the request the round answered
 * @param candidateCount         K, the candidates shown
 * @param segmentation           the round's SEG
 * @param candidatesReadyEventId the CandidatesReady event that announced it
 */
public record RoundRecord(int round, String requestId, int candidateCount, SegmentationReference segmentation,
                          String candidatesReadyEventId) {
}
