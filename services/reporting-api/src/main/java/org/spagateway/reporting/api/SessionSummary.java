package org.spagateway.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.Clinician;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionView;

/**
 * What a reporting system needs to know about a session ({@code GET /sessions/{sessionId}}): whose it is, whether it
 * is still open, and per round the SEG to show and the decision taken. References and numbers only.
 *
 * @param sessionId        the session
 * @param task             the SPA task
 * @param studyInstanceUid (0020,000D) of the source image
 * @param ownerClinicianId who the session belongs to; absent until it was started for or claimed by a clinician
 * @param status           {@code OPEN}, or {@code APPROVED} once a round's recommendation was approved
 * @param latestRound      the latest stored round; 0 before the first
 * @param rounds           the stored rounds in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSummary(String sessionId, String task, String studyInstanceUid, String ownerClinicianId,
                             String status, int latestRound, List<Round> rounds) {

    public static final String OPEN = "OPEN";
    public static final String APPROVED = "APPROVED";

    public static SessionSummary of(SessionView view) {
        List<Round> rounds = view.rounds().stream()
                .map(round -> Round.of(round, view.choices().get(round.round()))).toList();
        return new SessionSummary(view.session().sessionId(), view.session().task(),
                view.session().studyInstanceUid(), view.owner().map(Clinician::id).orElse(null),
                view.approved() ? APPROVED : OPEN, view.latestRound(), rounds);
    }

    /**
     * One round.
     *
     * @param round             1-based
     * @param candidateCount    K, the candidates shown (segments 2..K+1 of the SEG)
     * @param studyInstanceUid  the study the SEG joins
     * @param seriesInstanceUid the SEG's series
     * @param sopInstanceUid    the SEG instance
     * @param decision          the decision taken on it; absent while undecided
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Round(int round, int candidateCount, String studyInstanceUid, String seriesInstanceUid,
                        String sopInstanceUid, Decision decision) {

        static Round of(RoundRecord round, ChoiceRecord choice) {
            return new Round(round.round(), round.candidateCount(), round.segmentation().studyInstanceUid(),
                    round.segmentation().seriesInstanceUid(), round.segmentation().sopInstanceUid(),
                    choice == null ? null : new Decision(choice.decision(), choice.candidateRank(),
                            choice.clinician().id(), choice.choiceEventId(), choice.decidedAt()));
        }
    }

    /**
     * The decision recorded for a round.
     *
     * @param decision      candidate, approve or reject-all
     * @param candidateRank the chosen candidate for CANDIDATE
     * @param clinicianId   who decided
     * @param choiceEventId the ChoiceMade event that was recorded
     * @param decidedAt     when
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(ChoiceDecision decision, Integer candidateRank, String clinicianId, String choiceEventId,
                           Instant decidedAt) {
    }
}
