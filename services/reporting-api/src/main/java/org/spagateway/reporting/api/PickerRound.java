package org.spagateway.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.spagateway.dicom.seg.StoredSegment;
import org.spagateway.dicom.seg.StoredSegmentation;
import org.spagateway.events.Clinician;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionView;

/**
 * {@code GET /sessions/{id}/rounds/{n}}: one round as its SEG holds it, for the candidate picker. Every number comes
 * from the stored DICOM object (areas counted in its frames, samples from its Segment Descriptions), none from the
 * events.
 *
 * @param sessionId   the session
 * @param round       the round
 * @param latestRound the session's latest stored round (a choice on an earlier one is refused STALE_ROUND)
 * @param status      {@code OPEN} or {@code APPROVED}
 * @param task        the SPA task
 * @param modality    the source's modality (CT, OP)
 * @param owner       the session's clinician; absent until it is claimed
 * @param columns     the grid's width (the source's Columns)
 * @param rows        the grid's height (Rows)
 * @param sampleCount N, the samples the round drew, when the SEG says
 * @param recommended segment 1
 * @param candidates  segments 2..K+1, by rank
 * @param decision    the decision recorded on the round; absent while undecided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PickerRound(String sessionId, int round, int latestRound, String status, String task, String modality,
                   Clinician owner, int columns, int rows, Integer sampleCount, Segment recommended,
                   List<Segment> candidates, SessionSummary.Decision decision) {

    static PickerRound of(SessionView view, RoundRecord round, StoredSegmentation seg) {
        Segment recommended = seg.segment(1).map(segment -> Segment.of(segment, null)).orElse(null);
        List<Segment> candidates = seg.segments().stream().filter(segment -> segment.number() > 1)
                .map(segment -> Segment.of(segment, segment.number() - 1)).toList();
        Integer sampleCount = seg.segments().stream().filter(segment -> segment.sampleCount().isPresent())
                .map(segment -> segment.sampleCount().getAsInt()).findFirst().orElse(null);
        ChoiceRecord choice = view.choices().get(round.round());
        return new PickerRound(view.session().sessionId(), round.round(), view.latestRound(),
                view.approved() ? SessionSummary.APPROVED : SessionSummary.OPEN, view.session().task(),
                view.session().modality(), view.owner().orElse(null), seg.columns(), seg.rows(), sampleCount,
                recommended, candidates, choice == null ? null : new SessionSummary.Decision(choice.decision(),
                        choice.candidateRank(), choice.clinician().id(), choice.choiceEventId(), choice.decidedAt()));
    }

    /**
     * One segment.
     *
     * @param segmentNumber      Segment Number in the SEG
     * @param rank               the candidate's rank (segment number - 1); absent for the recommendation
     * @param label              Segment Label
     * @param samplesRepresented the samples the candidate represents; absent for the recommendation
     * @param areaPixels         foreground pixels of its frame
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Segment(int segmentNumber, Integer rank, String label, Integer samplesRepresented, long areaPixels) {

        static Segment of(StoredSegment segment, Integer rank) {
            return new Segment(segment.number(), rank, segment.label(),
                    segment.samplesRepresented().isPresent() ? segment.samplesRepresented().getAsInt() : null,
                    segment.areaPixels());
        }
    }
}
