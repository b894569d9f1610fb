package org.spagateway.worker.service;

import java.nio.file.Files;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.spagateway.sessions.SessionIds;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.RecommendedSegment;
import org.spagateway.events.SegmentationReference;
import org.spagateway.worker.seg.CandidateSetSegmentation;
import org.spagateway.worker.seg.CandidateMask;
import org.spagateway.worker.seg.MaskGrid;
import org.spagateway.worker.seg.WrittenSegmentation;

/**
 * Builds the CandidatesReady event of a round from what was written: areas and pairwise Dice are computed on the
 * source image grid (the masks as stored in the SEG), the event id derives from session and round.
 */
public final class CandidatesReadyMapper {

    static final String SOURCE = "/spa-gateway/inference-worker";
    /** Explicit VR Little Endian: what the SEG writer stores (PS3.5 A.2). */
    static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private CandidatesReadyMapper() {
    }

    public static EventEnvelope<CandidatesReady> map(EventEnvelope<InferenceRequested> request, String requestId,
                                                     InstanceReference sourceInstance, CandidateSetSegmentation round,
                                                     WrittenSegmentation written, Instant now) throws IOException {
        InferenceRequested data = request.data();
        List<CandidateMask> candidates = round.candidates();
        List<CandidateSummary> summaries = new ArrayList<>();
        for (CandidateMask candidate : candidates) {
            List<Double> dice = new ArrayList<>();
            for (CandidateMask other : candidates) {
                dice.add(dice(candidate.mask(), other.mask()));
            }
            summaries.add(new CandidateSummary(candidate.rank() + 1, candidate.rank(), candidate.samplesRepresented(),
                    candidate.mask().count(), dice));
        }
        SegmentationReference segmentation = new SegmentationReference(written.studyInstanceUid(),
                written.seriesInstanceUid(), written.sopInstanceUid(), written.sopClassUid(),
                EXPLICIT_VR_LITTLE_ENDIAN, written.file().toUri().toString(), Files.size(written.file()));
        CandidatesReady ready = new CandidatesReady(round.sessionId(), requestId, round.round(),
                data.studyInstanceUid(), data.task(), new ModelReference(round.model().name(), round.model().version()),
                null, round.sampleCount(), segmentation, data.seriesInstanceUid(), List.of(sourceInstance),
                new RecommendedSegment(1, round.recommended().count()), summaries);
        return EventEnvelope.withId(SessionIds.candidatesReadyEventId(round.sessionId(), round.round()),
                EventType.CANDIDATES_READY, SOURCE, round.sessionId(), request.correlationId(), now, ready);
    }

    /** Dice 2|A and B| / (|A| + |B|); two empty masks agree completely. Rounded to 4 decimals for the event. */
    static double dice(MaskGrid a, MaskGrid b) {
        BitSet both = a.bits();
        both.and(b.bits());
        int sum = a.count() + b.count();
        double dice = sum == 0 ? 1.0 : 2.0 * both.cardinality() / sum;
        return Math.round(dice * 10_000) / 10_000.0;
    }
}
