package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceLane;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.ChoiceVerdict;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.sessions.SessionView;
import org.spagateway.kafka.support.EventPublishException;

class ChoiceIngressTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:17:05Z");

    @TempDir
    Path root;

    private SessionLedger ledger;
    private final RecordingPublisher publisher = new RecordingPublisher();
    private ChoiceIngress ingress;
    private SessionRecord owned;
    private SessionRecord unowned;

    @BeforeEach
    void openSessions() throws IOException {
        ledger = SessionLedgerConfig.embedded(root).ledger();
        ingress = new ChoiceIngress(ledger, new ChoiceValidator(),
                new InteractiveRequestMapper(Clock.fixed(NOW, ZoneOffset.UTC)), publisher);
        owned = LedgerFixtures.open(ledger, "owned", LedgerFixtures.RIVERA, 2);
        unowned = LedgerFixtures.open(ledger, "unowned", null, 1);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void acceptsAValidChoiceRecordsItAndPublishesTheNextRoundRequest() throws IOException {
        EventEnvelope<ChoiceMade> choice = LedgerFixtures.event(
                LedgerFixtures.candidate(owned.sessionId(), 2, 3, LedgerFixtures.RIVERA));

        ChoiceOutcome outcome = submit(choice);

        assertThat(outcome.outcome()).isEqualTo(ChoiceVerdict.Outcome.ACCEPT);
        assertThat(outcome.choiceEventId()).isEqualTo(choice.eventId());
        assertThat(outcome.requestId()).isEqualTo(SessionIds.continuationRequestId(owned.sessionId(), 2));
        assertThat(outcome.nextRound()).contains(3);
        assertThat(recorded(owned, 2)).hasValueSatisfying(r -> {
            assertThat(r.choiceEventId()).isEqualTo(choice.eventId());
            assertThat(r.candidateRank()).isEqualTo(3);
            assertThat(r.decidedAt()).isEqualTo(LedgerFixtures.T0);
        });
        assertThat(publisher.published).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(Topic.INFERENCE_INTERACTIVE);
            EventEnvelope<?> event = p.event();
            assertThat(event.subject()).isEqualTo(owned.studyInstanceUid());
            assertThat(event.correlationId()).isEqualTo(owned.correlationId());
            InferenceRequested request = (InferenceRequested) event.data();
            assertThat(request.requestId()).isEqualTo(outcome.requestId());
            assertThat(request.lane()).isEqualTo(InferenceLane.INTERACTIVE);
            assertThat(request.studyInstanceUid()).isEqualTo(owned.studyInstanceUid());
            assertThat(request.task()).isEqualTo(owned.task());
            assertThat(request.ruleName()).isEqualTo(owned.ruleName());
            assertThat(request.seriesInstanceUid()).isEqualTo(owned.seriesInstanceUid());
            assertThat(request.instances()).isEqualTo(owned.instances());
            assertThat(request.clinician()).isEqualTo(LedgerFixtures.RIVERA);
            assertThat(request.continuation().sessionId()).isEqualTo(owned.sessionId());
            assertThat(request.continuation().fromRound()).isEqualTo(2);
            assertThat(request.continuation().decision()).isEqualTo(ChoiceDecision.CANDIDATE);
            assertThat(request.continuation().candidateRank()).isEqualTo(3);
            assertThat(request.continuation().choiceEventId()).isEqualTo(choice.eventId());
            assertThat(request.continuation().decidedAt()).isEqualTo(LedgerFixtures.T0);
        });
    }

    @Test
    void anApprovalContinuesWithoutANextRound() throws IOException {
        ChoiceOutcome outcome = submit(LedgerFixtures.event(
                LedgerFixtures.decision(owned.sessionId(), 2, ChoiceDecision.APPROVE, LedgerFixtures.RIVERA)));

        assertThat(outcome.outcome()).isEqualTo(ChoiceVerdict.Outcome.ACCEPT);
        assertThat(outcome.nextRound()).isEmpty();
        assertThat(continuation(0).continuation().decision()).isEqualTo(ChoiceDecision.APPROVE);
        assertThat(continuation(0).continuation().candidateRank()).isNull();
    }

    @Test
    void theFirstChoiceOnASessionStartedByRoutingMakesItsClinicianTheOwner() throws IOException {
        submit(LedgerFixtures.event(
                LedgerFixtures.decision(unowned.sessionId(), 1, ChoiceDecision.REJECT_ALL, LedgerFixtures.OKAFOR)));

        assertThat(ledger.find(unowned.sessionId()).orElseThrow().owner()).contains(LedgerFixtures.OKAFOR);
    }

    @Test
    void aRepeatOfAChoiceWhoseNextRoundIsStoredIsAcknowledgedWithoutPublishingAgain() throws IOException {
        ChoiceMade choice = LedgerFixtures.candidate(owned.sessionId(), 2, 1, LedgerFixtures.RIVERA);
        ChoiceOutcome first = submit(LedgerFixtures.event(choice));
        LedgerFixtures.addRound(ledger, owned, 3);

        ChoiceOutcome repeat = submit(LedgerFixtures.event(choice));

        assertThat(repeat.outcome()).isEqualTo(ChoiceVerdict.Outcome.REPEAT);
        assertThat(repeat.requestId()).isEqualTo(first.requestId());
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void aRepeatedChoiceIsAcknowledgedAndRepublishesTheSameRequestWithTheRecordedChoice() throws IOException {
        ChoiceMade choice = LedgerFixtures.candidate(owned.sessionId(), 2, 1, LedgerFixtures.RIVERA);
        EventEnvelope<ChoiceMade> first = LedgerFixtures.event(choice);
        submit(first);

        ChoiceOutcome repeat = submit(LedgerFixtures.event(choice));

        assertThat(repeat.outcome()).isEqualTo(ChoiceVerdict.Outcome.REPEAT);
        assertThat(repeat.choiceEventId()).isEqualTo(first.eventId());
        assertThat(publisher.published).hasSize(2);
        assertThat(publisher.published.get(1).event()).usingRecursiveComparison().ignoringFields("occurredAt")
                .isEqualTo(publisher.published.get(0).event());
        assertThat(recorded(owned, 2)).map(ChoiceRecord::choiceEventId).contains(first.eventId());
    }

    @Test
    void refusesAChoiceOnAnUnknownSession() throws IOException {
        assertRefused(LedgerFixtures.candidate("spa-nobody", 1, 1, LedgerFixtures.RIVERA),
                ChoiceRejection.UNKNOWN_SESSION);
    }

    @Test
    void refusesAChoiceByAnotherClinicianThanTheOwner() throws IOException {
        assertRefused(LedgerFixtures.candidate(owned.sessionId(), 2, 1, LedgerFixtures.OKAFOR),
                ChoiceRejection.CLINICIAN_MISMATCH);
    }

    @Test
    void refusesAChoiceOnASupersededRound() throws IOException {
        assertRefused(LedgerFixtures.candidate(owned.sessionId(), 1, 1, LedgerFixtures.RIVERA),
                ChoiceRejection.STALE_ROUND);
    }

    @Test
    void refusesAChoiceOnARoundNotComputedYet() throws IOException {
        assertRefused(LedgerFixtures.candidate(owned.sessionId(), 3, 1, LedgerFixtures.RIVERA),
                ChoiceRejection.FUTURE_ROUND);
    }

    @Test
    void refusesACandidateTheRoundDoesNotHave() throws IOException {
        assertRefused(LedgerFixtures.candidate(owned.sessionId(), 2, 5, LedgerFixtures.RIVERA),
                ChoiceRejection.CANDIDATE_OUT_OF_RANGE);
    }

    @Test
    void refusesADifferentDecisionOnARoundAlreadyDecided() throws IOException {
        submit(LedgerFixtures.event(LedgerFixtures.candidate(owned.sessionId(), 2, 1, LedgerFixtures.RIVERA)));
        publisher.published.clear();

        assertRefused(LedgerFixtures.candidate(owned.sessionId(), 2, 2, LedgerFixtures.RIVERA),
                ChoiceRejection.DUPLICATE_CHOICE);
        assertThat(recorded(owned, 2)).map(ChoiceRecord::candidateRank).contains(1);
    }

    @Test
    void refusesAnyNewDecisionOnAnApprovedSession() throws IOException {
        submit(LedgerFixtures.event(
                LedgerFixtures.decision(owned.sessionId(), 2, ChoiceDecision.APPROVE, LedgerFixtures.RIVERA)));
        LedgerFixtures.addRound(ledger, owned, 3);
        publisher.published.clear();

        assertRefused(LedgerFixtures.candidate(owned.sessionId(), 3, 1, LedgerFixtures.RIVERA),
                ChoiceRejection.SESSION_CLOSED);
    }

    @Test
    void aChoiceThatLosesTheClaimToADifferentDecisionIsRefusedAsDuplicate() throws IOException {
        Optional<SessionView> readBeforeTheOtherClaim = ledger.find(owned.sessionId());
        EventEnvelope<ChoiceMade> winner = LedgerFixtures.event(
                LedgerFixtures.candidate(owned.sessionId(), 2, 1, LedgerFixtures.RIVERA));
        submit(winner);
        publisher.published.clear();

        ChoiceOutcome loser = ingress.submit(LedgerFixtures.event(
                LedgerFixtures.candidate(owned.sessionId(), 2, 4, LedgerFixtures.RIVERA)), readBeforeTheOtherClaim);

        assertThat(loser.rejection()).isEqualTo(ChoiceRejection.DUPLICATE_CHOICE);
        assertThat(publisher.published).isEmpty();
        assertThat(recorded(owned, 2)).map(ChoiceRecord::choiceEventId).contains(winner.eventId());
    }

    @Test
    void aChoiceThatLosesTheClaimToTheSameDecisionIsARepeatOfTheWinner() throws IOException {
        Optional<SessionView> readBeforeTheOtherClaim = ledger.find(owned.sessionId());
        ChoiceMade choice = LedgerFixtures.candidate(owned.sessionId(), 2, 2, LedgerFixtures.RIVERA);
        EventEnvelope<ChoiceMade> winner = LedgerFixtures.event(choice);
        submit(winner);

        ChoiceOutcome loser = ingress.submit(LedgerFixtures.event(choice), readBeforeTheOtherClaim);

        assertThat(loser.outcome()).isEqualTo(ChoiceVerdict.Outcome.REPEAT);
        assertThat(loser.choiceEventId()).isEqualTo(winner.eventId());
        assertThat(continuation(1).continuation().choiceEventId()).isEqualTo(winner.eventId());
    }

    @Test
    void aChoiceThatLosesTheFirstClaimOfAnUnownedSessionToAnotherClinicianIsRefused() throws IOException {
        Optional<SessionView> readBeforeTheOtherClaim = ledger.find(unowned.sessionId());
        submit(LedgerFixtures.event(
                LedgerFixtures.candidate(unowned.sessionId(), 1, 1, LedgerFixtures.OKAFOR)));

        ChoiceOutcome loser = ingress.submit(LedgerFixtures.event(
                LedgerFixtures.candidate(unowned.sessionId(), 1, 1, LedgerFixtures.RIVERA)), readBeforeTheOtherClaim);

        assertThat(loser.rejection()).isEqualTo(ChoiceRejection.CLINICIAN_MISMATCH);
    }

    @Test
    void aPublishFailureAfterTheClaimIsRetriedAsARepeatWithOneClaimAndTheSameRequest() throws IOException {
        ChoiceMade choice = LedgerFixtures.candidate(owned.sessionId(), 2, 3, LedgerFixtures.RIVERA);
        EventEnvelope<ChoiceMade> first = LedgerFixtures.event(choice);
        publisher.failNext.set(1);

        assertThatThrownBy(() -> submit(first)).isInstanceOf(EventPublishException.class);
        assertThat(recorded(owned, 2)).map(ChoiceRecord::choiceEventId).contains(first.eventId());
        assertThat(publisher.published).isEmpty();

        // An HTTP client repeats the request: a new event id for the same decision.
        ChoiceOutcome retry = submit(LedgerFixtures.event(choice));

        assertThat(retry.outcome()).isEqualTo(ChoiceVerdict.Outcome.REPEAT);
        assertThat(retry.choiceEventId()).isEqualTo(first.eventId());
        assertThat(retry.requestId()).isEqualTo(SessionIds.continuationRequestId(owned.sessionId(), 2));
        assertThat(publisher.published).singleElement().satisfies(p -> assertThat(
                ((InferenceRequested) p.event().data()).continuation().choiceEventId()).isEqualTo(first.eventId()));
        assertThat(recorded(owned, 2)).map(ChoiceRecord::choiceEventId).contains(first.eventId());
    }

    /** Development mode: the body's clinician is believed (the verified rules: {@link SessionAccessPolicyTest}). */
    private ChoiceOutcome submit(EventEnvelope<ChoiceMade> choice) throws IOException {
        return ingress.submit(choice, Caller.unverified("test"));
    }

    private void assertRefused(ChoiceMade choice, ChoiceRejection expected) throws IOException {
        Optional<SessionView> before = ledger.find(choice.sessionId());

        ChoiceOutcome outcome = submit(LedgerFixtures.event(choice));

        assertThat(outcome.rejection()).isEqualTo(expected);
        assertThat(outcome.requestId()).isNull();
        assertThat(outcome.message()).isNotBlank();
        assertThat(publisher.published).isEmpty();
        assertThat(ledger.find(choice.sessionId()).map(SessionView::choices))
                .isEqualTo(before.map(SessionView::choices));
    }

    private Optional<ChoiceRecord> recorded(SessionRecord session, int round) throws IOException {
        return Optional.ofNullable(ledger.find(session.sessionId()).orElseThrow().choices().get(round));
    }

    private InferenceRequested continuation(int index) {
        return (InferenceRequested) publisher.published.get(index).event().data();
    }
}
