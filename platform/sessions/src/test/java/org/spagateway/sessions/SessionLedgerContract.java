package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spagateway.sessions.SessionFixtures.OKAFOR;
import static org.spagateway.sessions.SessionFixtures.RIVERA;
import static org.spagateway.sessions.SessionFixtures.SESSION;
import static org.spagateway.sessions.SessionFixtures.recorded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ChoiceDecision;

/**
 * What the session ledger promises, whichever database holds it: run on the embedded default
 * ({@link SessionLedgerTest}, H2) and on production's ({@link SessionLedgerPostgresIT}, a real PostgreSQL server),
 * through the same class and SQL.
 */
abstract class SessionLedgerContract {

    private final List<SessionLedger> opened = new ArrayList<>();
    SessionLedger ledger;

    /** The ledger's configuration on a database that exists for this test. */
    abstract SessionLedgerConfig database() throws Exception;

    @BeforeEach
    void openLedger() throws Exception {
        ledger = connect();
    }

    @AfterEach
    void closeLedgers() {
        opened.forEach(SessionLedger::close);
    }

    /** Another ledger (its own connection pool) on the same database, as another process would have. */
    SessionLedger connect() throws Exception {
        SessionLedger another = database().ledger();
        opened.add(another);
        return another;
    }

    @Test
    void readsBackTheSessionItsRoundsAndItsChoices() throws Exception {
        ledger.open(SessionFixtures.session(null));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        ledger.claim(SESSION, recorded(1, ChoiceDecision.CANDIDATE, 2, RIVERA));
        ledger.addRound(SESSION, SessionFixtures.round(2));

        SessionView view = ledger.find(SESSION).orElseThrow();

        assertThat(view.session()).isEqualTo(SessionFixtures.session(null));
        assertThat(view.latestRound()).isEqualTo(2);
        assertThat(view.round(1)).contains(SessionFixtures.round(1));
        assertThat(view.choices().get(1)).isEqualTo(recorded(1, ChoiceDecision.CANDIDATE, 2, RIVERA));
        assertThat(view.owner()).contains(RIVERA);
    }

    @Test
    void findsNothingForAnUnknownOrUnsafeSessionId() throws Exception {
        assertThat(ledger.find("spa-unknown")).isEmpty();
        assertThat(ledger.find("../etc")).isEmpty();
        assertThat(ledger.find("x'; DROP TABLE ledger_session; --")).isEmpty();
        assertThat(ledger.find(null)).isEmpty();
    }

    @Test
    void refusesToRecordUnderAnIdThatIsNotASessionId() {
        assertThatThrownBy(() -> ledger.addRound("../etc", SessionFixtures.round(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheFirstRecordWhenASessionOrRoundIsWrittenAgain() throws Exception {
        ledger.open(SessionFixtures.session(null));
        ledger.open(SessionFixtures.session(RIVERA));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        ledger.addRound(SESSION, SessionFixtures.round(1));

        SessionView view = ledger.find(SESSION).orElseThrow();
        assertThat(view.session().clinician()).isNull();
        assertThat(view.rounds()).containsExactly(SessionFixtures.round(1));
    }

    @Test
    void aRepeatedClaimReturnsTheDecisionRecordedFirst() throws Exception {
        ledger.open(SessionFixtures.session(null));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        ChoiceRecord first = recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA);

        assertThat(ledger.claim(SESSION, first)).isEqualTo(first);
        assertThat(ledger.claim(SESSION, recorded(1, ChoiceDecision.APPROVE, null, OKAFOR))).isEqualTo(first);
        assertThat(ledger.find(SESSION).orElseThrow().choices()).containsOnlyKeys(1).containsValue(first);
    }

    @Test
    void recordsExactlyOneOfManyChoicesRacingForTheSameRound() throws Exception {
        ledger.open(SessionFixtures.session(null));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        List<SessionLedger> ledgers = List.of(ledger, connect(), connect());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<ChoiceRecord>> results = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                ChoiceRecord choice = new ChoiceRecord("choice-" + i, 1, ChoiceDecision.CANDIDATE, 1 + i % 4,
                        i % 2 == 0 ? RIVERA : OKAFOR, SessionFixtures.T0, "corr-" + i);
                SessionLedger claimant = ledgers.get(i % ledgers.size());
                results.add(pool.submit(() -> claimant.claim(SESSION, choice)));
            }
            List<ChoiceRecord> returned = new ArrayList<>();
            for (Future<ChoiceRecord> result : results) {
                returned.add(result.get());
            }
            ChoiceRecord winner = ledger.find(SESSION).orElseThrow().choices().get(1);
            assertThat(returned).hasSize(48).containsOnly(winner);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void whatOneProcessRecordsAnotherReadsAndItOutlivesBothConnections() throws Exception {
        SessionLedger worker = connect();
        worker.open(SessionFixtures.session(RIVERA));
        worker.addRound(SESSION, SessionFixtures.round(1));
        ledger.claim(SESSION, recorded(1, ChoiceDecision.CANDIDATE, 2, RIVERA));
        worker.close();
        ledger.close();

        SessionView view = connect().find(SESSION).orElseThrow();

        assertThat(view.session()).isEqualTo(SessionFixtures.session(RIVERA));
        assertThat(view.latestRound()).isEqualTo(1);
        assertThat(view.choices().get(1)).isEqualTo(recorded(1, ChoiceDecision.CANDIDATE, 2, RIVERA));
    }

    @Test
    void listsTheSessionsNoClinicianHasApprovedWithOwnerTaskAndLatestRound() throws Exception {
        SessionRecord routed = SessionFixtures.session(null);
        SessionRecord started = SessionFixtures.session("spa-00000000-0000-0000-0000-000000000002", RIVERA);
        SessionRecord approved = SessionFixtures.session("spa-00000000-0000-0000-0000-000000000003", OKAFOR);
        for (SessionRecord session : List.of(routed, started, approved)) {
            ledger.open(session);
            ledger.addRound(session.sessionId(), SessionFixtures.round(1));
        }
        ledger.claim(routed.sessionId(), recorded(1, ChoiceDecision.CANDIDATE, 2, OKAFOR));
        ledger.addRound(routed.sessionId(), SessionFixtures.round(2));
        ledger.claim(approved.sessionId(), recorded(1, ChoiceDecision.APPROVE, null, OKAFOR));

        ledger.open(SessionFixtures.session("spa-00000000-0000-0000-0000-000000000004", RIVERA));

        List<SessionView> open = ledger.openSessions(view -> true, 10);

        // Newest activity first (the routed session's round 2 came last); a session without a round is not listed.
        assertThat(open).extracting(view -> view.session().sessionId())
                .containsExactly(routed.sessionId(), started.sessionId());
        SessionView first = open.stream().filter(view -> view.session().equals(routed)).findFirst().orElseThrow();
        assertThat(first.owner()).contains(OKAFOR);
        assertThat(first.session().task()).isEqualTo("fundus-optic-cup");
        assertThat(first.latestRound()).isEqualTo(2);
        SessionView second = open.stream().filter(view -> view.session().equals(started)).findFirst().orElseThrow();
        assertThat(second.owner()).contains(RIVERA);
        assertThat(second.latestRound()).isEqualTo(1);
        assertThat(second.choices()).isEmpty();
    }

    @Test
    void theListingAppliesTheFilterBeforeTheLimit() throws Exception {
        SessionRecord mine = SessionFixtures.session("spa-00000000-0000-0000-0000-000000000005", RIVERA);
        SessionRecord theirs = SessionFixtures.session("spa-00000000-0000-0000-0000-000000000006", OKAFOR);
        for (SessionRecord session : List.of(mine, theirs)) {
            ledger.open(session);
            ledger.addRound(session.sessionId(), SessionFixtures.round(1));
        }

        assertThat(ledger.openSessions(view -> view.owner().equals(java.util.Optional.of(RIVERA)), 1))
                .extracting(view -> view.session().sessionId()).containsExactly(mine.sessionId());
        assertThat(ledger.openSessions(view -> true, 1)).hasSize(1);
        assertThatThrownBy(() -> ledger.openSessions(view -> true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWritableDatabasePassesTheProbe() throws Exception {
        ledger.probeWritable();
        ledger.probeWritable();
    }

    @Test
    void namesItsDatabaseWithoutCredentials() throws Exception {
        assertThat(ledger.location()).startsWith("jdbc:").doesNotContain(";", "?", "password");
    }

    @Test
    void aRoundStateIsReadBackByAnotherProcessAndWrittenOnce() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        ledger.artifacts().saveRoundState(SESSION, 1, "{\"round\":1}", png);
        ledger.artifacts().saveRoundState(SESSION, 1, "{\"round\":\"again\"}", new byte[] {1});

        SessionArtifacts other = connect().artifacts();
        assertThat(other.roundState(SESSION, 1)).contains("{\"round\":1}");
        assertThat(other.recommendedMask(SESSION, 1)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(png));
        assertThat(other.roundState(SESSION, 2)).isEmpty();
        assertThat(other.recommendedMask(SESSION, 2)).isEmpty();
        assertThat(other.roundState("not a session", 1)).isEmpty();
    }

    @Test
    void theFirstPriorClaimedForASessionHoldsForEveryProcess() throws Exception {
        assertThat(ledger.artifacts().claimPrior(SESSION, "{\"profileVersion\":3}"))
                .isEqualTo("{\"profileVersion\":3}");
        assertThat(connect().artifacts().claimPrior(SESSION, "{\"profileVersion\":4}"))
                .isEqualTo("{\"profileVersion\":3}");
    }

    @Test
    void aSegIsReadBackByItsSopInstanceUidAndNeverRewritten() throws Exception {
        byte[] part10 = new byte[300_000];
        new java.util.Random(7).nextBytes(part10);
        ledger.artifacts().saveSegmentation("2.25.42", SESSION, 1, part10);
        ledger.artifacts().saveSegmentation("2.25.42", SESSION, 1, new byte[] {0});

        SessionArtifacts other = connect().artifacts();
        assertThat(other.segmentation("2.25.42")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(part10));
        assertThat(other.segmentation("2.25.43")).isEmpty();
        assertThat(other.segmentation("")).isEmpty();
        assertThatThrownBy(() -> other.saveSegmentation("", SESSION, 1, part10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> other.saveSegmentation("2.25.44", null, 1, part10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
