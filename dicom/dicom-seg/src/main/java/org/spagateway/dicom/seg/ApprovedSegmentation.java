package org.spagateway.dicom.seg;

import java.time.Instant;
import java.util.Objects;

/**
 * The segmentation a clinician approved at the end of a session: written as a single-segment SEG in the session's
 * approved-result series, with the approver as Content Creator's Name (0070,0084).
 *
 * @param sessionId      the SPA session
 * @param round          the round whose candidate (or recommendation) was approved
 * @param model          the model that produced it
 * @param task           the SPA task (selects the coded property)
 * @param approvedOrigin what was approved, in words, e.g. {@code candidate 2 of round 3}
 * @param mask           the approved mask on the source grid
 * @param approvedBy     who approved it
 * @param approvedAt     when (the approval event's occurredAt); Content Date/Time come from it
 */
public record ApprovedSegmentation(String sessionId, int round, ModelIdentity model, String task,
                                   String approvedOrigin, MaskGrid mask, ClinicianIdentity approvedBy,
                                   Instant approvedAt) {

    public ApprovedSegmentation {
        Texts.requireText(sessionId, "sessionId", 64);
        if (round < 1) {
            throw new IllegalArgumentException("round must be at least 1, was " + round);
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Texts.requireText(approvedOrigin, "approvedOrigin", 200);
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }
}
