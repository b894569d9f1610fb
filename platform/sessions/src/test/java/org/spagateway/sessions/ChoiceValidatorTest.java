package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spagateway.sessions.SessionFixtures.OKAFOR;
import static org.spagateway.sessions.SessionFixtures.RIVERA;
import static org.spagateway.sessions.SessionFixtures.candidate;
import static org.spagateway.sessions.SessionFixtures.decision;
import static org.spagateway.sessions.SessionFixtures.recorded;
import static org.spagateway.sessions.SessionFixtures.view;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;

class ChoiceValidatorTest {

    private final ChoiceValidator validator = new ChoiceValidator();

    @Test
    void acceptsACandidateOfTheLatestRoundOfAnUnclaimedSession() {
        assertThat(validator.check(candidate(1, 2, RIVERA), Optional.of(view(null, 1, Map.of()))).outcome())
                .isEqualTo(ChoiceVerdict.Outcome.ACCEPT);
    }

    @Test
    void acceptsApproveAndRejectAllOfTheLatestRound() {
        SessionView session = view(null, 2, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 1, RIVERA)));
        assertThat(validator.check(decision(2, ChoiceDecision.APPROVE, RIVERA), Optional.of(session)).outcome())
                .isEqualTo(ChoiceVerdict.Outcome.ACCEPT);
        assertThat(validator.check(decision(2, ChoiceDecision.REJECT_ALL, RIVERA), Optional.of(session)).outcome())
                .isEqualTo(ChoiceVerdict.Outcome.ACCEPT);
    }

    @Test
    void rejectsAChoiceForAnUnknownSession() {
        assertRejected(candidate(1, 1, RIVERA), Optional.empty(), ChoiceRejection.UNKNOWN_SESSION, 404);
    }

    @Test
    void rejectsAClinicianChoosingInASessionStartedForAnother() {
        assertRejected(candidate(1, 1, OKAFOR), Optional.of(view(RIVERA, 1, Map.of())),
                ChoiceRejection.CLINICIAN_MISMATCH, 403);
    }

    @Test
    void rejectsAClinicianChoosingInASessionClaimedByAnotherFirstChoice() {
        SessionView session = view(null, 2, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA)));
        assertRejected(candidate(2, 1, OKAFOR), Optional.of(session), ChoiceRejection.CLINICIAN_MISMATCH, 403);
    }

    @Test
    void rejectsTheSameIdWithoutAnIdentifierSystemAsAnotherClinician() {
        SessionView session = view(RIVERA, 1, Map.of());
        assertRejected(candidate(1, 1, new Clinician("dr-rivera", null, null)), Optional.of(session),
                ChoiceRejection.CLINICIAN_MISMATCH, 403);
    }

    @Test
    void rejectsTheSameIdInAnotherIdentifierSystemAsAnotherClinician() {
        SessionView session = view(RIVERA, 1, Map.of());
        assertRejected(candidate(1, 1, new Clinician("dr-rivera", "https://other.example/ids", null)),
                Optional.of(session), ChoiceRejection.CLINICIAN_MISMATCH, 403);
    }

    @Test
    void acceptsTheSameIdAndSystemWhateverTheName() {
        SessionView session = view(RIVERA, 1, Map.of());
        assertThat(validator.check(candidate(1, 1, new Clinician("dr-rivera", RIVERA.system(), null)),
                Optional.of(session)).outcome()).isEqualTo(ChoiceVerdict.Outcome.ACCEPT);
    }

    @Test
    void rejectsAChoiceForASupersededRound() {
        SessionView session = view(null, 2, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA)));
        assertRejected(candidate(1, 2, RIVERA), Optional.of(session), ChoiceRejection.STALE_ROUND, 409);
    }

    @Test
    void rejectsAChoiceForARoundNotComputedYet() {
        SessionView session = view(null, 1, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA)));
        assertRejected(candidate(2, 1, RIVERA), Optional.of(session), ChoiceRejection.FUTURE_ROUND, 409);
    }

    @Test
    void rejectsACandidateRankOutsideTheRound() {
        assertRejected(candidate(1, 5, RIVERA), Optional.of(view(null, 1, Map.of())),
                ChoiceRejection.CANDIDATE_OUT_OF_RANGE, 422);
    }

    @Test
    void rejectsASegmentNumberThatDoesNotMatchTheRank() {
        ChoiceMade mismatched = new ChoiceMade(SessionFixtures.SESSION, 1, ChoiceDecision.CANDIDATE,
                new ChosenCandidate(2, 2), RIVERA);
        assertRejected(mismatched, Optional.of(view(null, 1, Map.of())), ChoiceRejection.CANDIDATE_OUT_OF_RANGE, 422);
    }

    @Test
    void rejectsADifferentDecisionForARoundAlreadyDecided() {
        SessionView session = view(null, 1, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA)));
        assertRejected(candidate(1, 2, RIVERA), Optional.of(session), ChoiceRejection.DUPLICATE_CHOICE, 409);
    }

    @Test
    void acknowledgesARepeatOfTheRecordedDecisionEvenAfterLaterRounds() {
        SessionView session = view(null, 3, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA),
                2, recorded(2, ChoiceDecision.REJECT_ALL, null, RIVERA)));
        assertThat(validator.check(candidate(1, 3, RIVERA), Optional.of(session)).outcome())
                .isEqualTo(ChoiceVerdict.Outcome.REPEAT);
        assertThat(validator.check(decision(2, ChoiceDecision.REJECT_ALL, RIVERA), Optional.of(session)).outcome())
                .isEqualTo(ChoiceVerdict.Outcome.REPEAT);
    }

    @Test
    void acknowledgesARepeatedApprovalButRefusesAnythingElseOnAClosedSession() {
        SessionView session = view(null, 2, Map.of(1, recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA),
                2, recorded(2, ChoiceDecision.APPROVE, null, RIVERA)));
        assertThat(validator.check(decision(2, ChoiceDecision.APPROVE, RIVERA), Optional.of(session)).outcome())
                .isEqualTo(ChoiceVerdict.Outcome.REPEAT);
        assertRejected(candidate(2, 1, RIVERA), Optional.of(session), ChoiceRejection.SESSION_CLOSED, 409);
    }

    private void assertRejected(ChoiceMade choice, Optional<SessionView> session, ChoiceRejection reason,
                                int httpStatus) {
        ChoiceVerdict verdict = validator.check(choice, session);
        assertThat(verdict.outcome()).isEqualTo(ChoiceVerdict.Outcome.REJECT);
        assertThat(verdict.rejection()).isEqualTo(reason);
        assertThat(verdict.rejection().httpStatus()).isEqualTo(httpStatus);
        assertThat(verdict.message()).isNotBlank();
    }
}
