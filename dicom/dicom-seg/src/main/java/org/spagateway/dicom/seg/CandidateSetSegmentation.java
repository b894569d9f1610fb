package org.spagateway.dicom.seg;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one SPA round produced, ready to be written as one BINARY Segmentation instance: segment 1 = the
 * recommended prediction, segments 2..K+1 = the candidates in rank order (DESIGN.md, "One SEG instance per round").
 *
 * @param sessionId      the SPA session; all rounds of a session share one SEG series
 * @param round          1-based round number; becomes Instance Number (0020,0013)
 * @param model          model name and version (algorithm identification)
 * @param task           the SPA task, e.g. {@code fundus-optic-cup}, {@code ct-lung-nodule}; selects the coded
 *                       Segmented Property Category and Type
 * @param followsChoice  whether the round was conditioned on a clinician's choice: SEMIAUTOMATIC instead of
 *                       AUTOMATIC Segment Algorithm Type (0062,0008)
 * @param recommended    the recommended (aggregated) prediction on the source grid
 * @param candidates     the K candidates, ranks 1..K
 * @param sampleCount    N, the number of samples drawn in the round
 * @param requestedAt    when the request was made (the request event's occurredAt): Content and Instance Creation
 *                       Date/Time come from it, never from the clock, so a redelivered request writes the same bytes
 */
public record CandidateSetSegmentation(String sessionId, int round, ModelIdentity model, String task,
                                       boolean followsChoice, MaskGrid recommended, List<CandidateMask> candidates,
                                       int sampleCount, Instant requestedAt) {

    public CandidateSetSegmentation {
        Texts.requireText(sessionId, "sessionId", 64);
        if (round < 1) {
            throw new IllegalArgumentException("round must be at least 1, was " + round);
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(recommended, "recommended");
        Objects.requireNonNull(requestedAt, "requestedAt");
        candidates = candidates.stream().sorted(Comparator.comparingInt(CandidateMask::rank)).toList();
        if (sampleCount < 1) {
            throw new IllegalArgumentException("sampleCount must be at least 1, was " + sampleCount);
        }
        for (int i = 0; i < candidates.size(); i++) {
            CandidateMask candidate = candidates.get(i);
            if (candidate.rank() != i + 1) {
                throw new IllegalArgumentException("candidate ranks must be 1.." + candidates.size()
                        + " without gaps, found rank " + candidate.rank() + " at position " + (i + 1));
            }
            if (candidate.samplesRepresented() > sampleCount) {
                throw new IllegalArgumentException("candidate " + candidate.rank() + " represents "
                        + candidate.samplesRepresented() + " samples, more than the " + sampleCount + " drawn");
            }
            candidate.mask().requireSize(recommended.width(), recommended.height(),
                    "candidate " + candidate.rank());
        }
        int represented = candidates.stream().mapToInt(CandidateMask::samplesRepresented).sum();
        if (represented > sampleCount) {
            throw new IllegalArgumentException("candidates represent " + represented + " samples in all, more than the "
                    + sampleCount + " drawn");
        }
    }
}
