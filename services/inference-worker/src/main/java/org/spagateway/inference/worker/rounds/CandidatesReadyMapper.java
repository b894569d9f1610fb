package org.spagateway.inference.worker.rounds;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ModelReference;
import org.spagateway.events.RecommendedSegment;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.dicom.seg.CandidateMask;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.WrittenSegmentation;

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

    /**
     * @param session       the session as the ledger records it (study, task, series, source, profile version)
     * @param requestId     the request this round answers (the first-round request, or a next-round request)
     * @param correlationId that request's correlation id
     */
    public static EventEnvelope<CandidatesReady> map(SessionRecord session, String requestId, String correlationId,
                                                     CandidateSetSegmentation round, WrittenSegmentation written,
                                                     Instant now) throws IOException {
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
        CandidatesReady ready = new CandidatesReady(round.sessionId(), requestId, round.round(),
                session.studyInstanceUid(), session.task(),
                new ModelReference(round.model().name(), round.model().version()), session.profileVersion(),
                round.sampleCount(), reference(written), session.seriesInstanceUid(), List.of(session.source()),
                new RecommendedSegment(1, round.recommended().count()), summaries, session.patientPseudonym());
        return EventEnvelope.withId(SessionIds.candidatesReadyEventId(round.sessionId(), round.round()),
                EventType.CANDIDATES_READY, SOURCE, round.sessionId(), correlationId, now, ready);
    }

    /** The event reference of a written SEG: its UIDs, transfer syntax, file URI and size. */
    static SegmentationReference reference(WrittenSegmentation written) throws IOException {
        return new SegmentationReference(written.studyInstanceUid(), written.seriesInstanceUid(),
                written.sopInstanceUid(), written.sopClassUid(), EXPLICIT_VR_LITTLE_ENDIAN,
                written.file().toUri().toString(), Files.size(written.file()));
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
