package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spagateway.sessions.SessionFixtures.OKAFOR;
import static org.spagateway.sessions.SessionFixtures.RIVERA;
import static org.spagateway.sessions.SessionFixtures.SESSION;
import static org.spagateway.sessions.SessionFixtures.recorded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.ChoiceDecision;

class SessionLedgerTest {

    @TempDir
    Path root;

    @Test
    void readsBackTheSessionItsRoundsAndItsChoices() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
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
        SessionLedger ledger = new SessionLedger(root);
        assertThat(ledger.find("spa-unknown")).isEmpty();
        assertThat(ledger.find("../etc")).isEmpty();
        assertThat(ledger.find(null)).isEmpty();
    }

    @Test
    void keepsTheFirstRecordWhenASessionOrRoundIsWrittenAgain() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        ledger.open(SessionFixtures.session(null));
        ledger.open(SessionFixtures.session(RIVERA));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        ledger.addRound(SESSION, SessionFixtures.round(1));

        SessionView view = ledger.find(SESSION).orElseThrow();
        assertThat(view.session().clinician()).isNull();
        assertThat(view.rounds()).hasSize(1);
        try (var files = Files.list(root.resolve(SESSION))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("session.json",
                    "round-1.json");
        }
    }

    @Test
    void recordsExactlyOneOfManyChoicesRacingForTheSameRound() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        ledger.open(SessionFixtures.session(null));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChoiceRecord>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                ChoiceRecord choice = recorded(1, ChoiceDecision.CANDIDATE, 1 + i % 4, i % 2 == 0 ? RIVERA : OKAFOR);
                results.add(pool.submit(() -> ledger.claim(SESSION, choice)));
            }
            List<ChoiceRecord> returned = new ArrayList<>();
            for (Future<ChoiceRecord> result : results) {
                returned.add(result.get());
            }
            ChoiceRecord winner = ledger.find(SESSION).orElseThrow().choices().get(1);
            assertThat(returned).containsOnly(winner);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTornRoundOrChoiceIsSetAsideAndCountsAsAbsent() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        ledger.open(SessionFixtures.session(null));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        Files.write(root.resolve(SESSION).resolve("round-2.json"), new byte[0]);
        Files.writeString(root.resolve(SESSION).resolve("choice-1.json"), "{\"round\": 1, \"decis");

        SessionView view = ledger.find(SESSION).orElseThrow();

        assertThat(view.latestRound()).isEqualTo(1);
        assertThat(view.choices()).isEmpty();
        try (var files = Files.list(root.resolve(SESSION).resolve("quarantine"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("round-2.json."))
                    .anyMatch(name -> name.startsWith("choice-1.json."));
        }
    }

    @Test
    void aChoiceForARoundWhoseRecordedChoiceIsTornIsRecorded() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        ledger.open(SessionFixtures.session(null));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        Files.write(root.resolve(SESSION).resolve("choice-1.json"), new byte[0]);
        ChoiceRecord choice = recorded(1, ChoiceDecision.CANDIDATE, 3, RIVERA);

        ChoiceRecord claimed = ledger.claim(SESSION, choice);

        assertThat(claimed).isEqualTo(choice);
        assertThat(ledger.find(SESSION).orElseThrow().choices().get(1)).isEqualTo(choice);
    }

    @Test
    void aSessionWhoseSessionRecordIsTornIsNotFound() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        Files.createDirectories(root.resolve(SESSION));
        Files.writeString(root.resolve(SESSION).resolve("session.json"), "null");

        assertThat(ledger.find(SESSION)).isEmpty();
        assertThat(root.resolve(SESSION).resolve("session.json")).doesNotExist();
    }

    @Test
    void listsOpenSessionsWithARoundNewestFirstAndLeavesOutApprovedOnes() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        String approved = session(ledger, "req-approved", 1);
        ledger.claim(approved, new ChoiceRecord("choice-a", 1, ChoiceDecision.APPROVE, null, RIVERA,
                SessionFixtures.T0, "corr-a"));
        String older = session(ledger, "req-older", 1);
        String newer = session(ledger, "req-newer", 2);
        ledger.open(withId(SessionFixtures.session(null), SessionIds.sessionId("req-empty", "2.25.3")));
        Files.setLastModifiedTime(root.resolve(older), java.nio.file.attribute.FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(root.resolve(newer), java.nio.file.attribute.FileTime.fromMillis(2_000));

        List<SessionView> open = ledger.openSessions(view -> true, 10);

        assertThat(open).extracting(view -> view.session().sessionId()).containsExactly(newer, older);
    }

    @Test
    void theListingAppliesTheFilterBeforeTheLimit() throws Exception {
        SessionLedger ledger = new SessionLedger(root);
        String mine = session(ledger, "req-mine", 1);
        String other = session(ledger, "req-other", 1);
        Files.setLastModifiedTime(root.resolve(mine), java.nio.file.attribute.FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(root.resolve(other), java.nio.file.attribute.FileTime.fromMillis(2_000));

        List<SessionView> open = ledger.openSessions(view -> view.session().sessionId().equals(mine), 1);

        assertThat(open).extracting(view -> view.session().sessionId()).containsExactly(mine);
        assertThat(new SessionLedger(root.resolve("none")).openSessions(view -> true, 5)).isEmpty();
    }

    private static String session(SessionLedger ledger, String requestId, int rounds) throws Exception {
        String id = SessionIds.sessionId(requestId, "2.25.3");
        ledger.open(withId(SessionFixtures.session(null), id));
        for (int round = 1; round <= rounds; round++) {
            ledger.addRound(id, SessionFixtures.round(round));
        }
        return id;
    }

    private static SessionRecord withId(SessionRecord s, String id) {
        return new SessionRecord(id, s.requestId(), s.correlationId(), s.studyInstanceUid(), s.studyVersion(),
                s.task(), s.ruleName(), s.seriesInstanceUid(), s.modality(), s.instances(), s.source(), s.model(),
                s.clinician(), s.profileVersion(), s.segmentationDirectory(), s.patientPseudonym());
    }
}
