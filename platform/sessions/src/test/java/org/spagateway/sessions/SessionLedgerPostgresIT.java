package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.spagateway.sessions.SessionFixtures.OKAFOR;
import static org.spagateway.sessions.SessionFixtures.RIVERA;
import static org.spagateway.sessions.SessionFixtures.SESSION;
import static org.spagateway.sessions.SessionFixtures.recorded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.test.harness.PostgresProcess;

/**
 * The ledger on production's database: a real PostgreSQL server started as a plain process on a loopback port, a new
 * database per test. Besides the contract: claims of the same rounds from many connection pools (as many processes
 * would hold) and threads at once, processes migrating a new database at the same moment, and a server that stops and
 * comes back (calls fail as "unavailable" meanwhile, nothing recorded is lost, the same pool recovers).
 */
class SessionLedgerPostgresIT extends SessionLedgerContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresProcess postgres;

    private String database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresProcess.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    SessionLedgerConfig database() throws SQLException {
        if (database == null) {
            database = "ledger_" + DATABASES.incrementAndGet();
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
        String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
        return new SessionLedgerConfig(url, PostgresProcess.USER, "", 4, Duration.ofSeconds(2));
    }

    @Test
    void manyProcessesClaimingTheSameRoundsAtOnceRecordExactlyOneDecisionPerRound() throws Exception {
        int rounds = 4;
        ledger.open(SessionFixtures.session(null));
        for (int round = 1; round <= rounds; round++) {
            ledger.addRound(SESSION, SessionFixtures.round(round));
        }
        List<SessionLedger> processes = new ArrayList<>(List.of(ledger));
        for (int i = 1; i < 6; i++) {
            processes.add(connect());
        }
        ExecutorService threads = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, List<Future<ChoiceRecord>>> results = new HashMap<>();
        try {
            for (int i = 0; i < 96; i++) {
                int round = 1 + i % rounds;
                ChoiceRecord choice = new ChoiceRecord("choice-" + i, round, ChoiceDecision.CANDIDATE, 1 + i % 4,
                        i % 3 == 0 ? RIVERA : OKAFOR, SessionFixtures.T0, "corr-" + i);
                SessionLedger process = processes.get(i % processes.size());
                Callable<ChoiceRecord> claim = () -> {
                    start.await();
                    return process.claim(SESSION, choice);
                };
                results.computeIfAbsent(round, r -> new ArrayList<>()).add(threads.submit(claim));
            }
            start.countDown();
            Map<Integer, ChoiceRecord> recorded = ledger.find(SESSION).orElseThrow().choices();
            for (Map.Entry<Integer, List<Future<ChoiceRecord>>> round : results.entrySet()) {
                for (Future<ChoiceRecord> result : round.getValue()) {
                    assertThat(result.get()).as("round %s", round.getKey())
                            .isEqualTo(ledger.find(SESSION).orElseThrow().choices().get(round.getKey()));
                }
            }
            assertThat(ledger.find(SESSION).orElseThrow().choices()).hasSize(rounds).containsAllEntriesOf(recorded);
            assertThat(count("SELECT COUNT(*) FROM ledger_choice")).isEqualTo(rounds);
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void processesStartingTogetherOnANewDatabaseMigrateItOnce() throws Exception {
        List<SessionLedger> processes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            processes.add(i == 0 ? ledger : connect());
        }
        ExecutorService threads = Executors.newFixedThreadPool(processes.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> ready = new ArrayList<>();
            for (SessionLedger process : processes) {
                ready.add(threads.submit(() -> {
                    start.await();
                    // A process that loses the race to create a table is told "unavailable" and tries again.
                    await().atMost(Duration.ofSeconds(30)).ignoreException(LedgerUnavailableException.class)
                            .until(() -> {
                                process.probeWritable();
                                return true;
                            });
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> result : ready) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(count("SELECT COUNT(*) FROM ledger_schema_version")).isEqualTo(LedgerSchema.latest());
    }

    @Test
    void aServerThatStopsIsUnavailableUntilItIsBackAndNothingRecordedIsLost() throws Exception {
        ledger.open(SessionFixtures.session(RIVERA));
        ledger.addRound(SESSION, SessionFixtures.round(1));
        ChoiceRecord first = recorded(1, ChoiceDecision.CANDIDATE, 2, RIVERA);
        ledger.claim(SESSION, first);

        postgres.stop();
        try {
            assertThatThrownBy(ledger::probeWritable).isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> ledger.find(SESSION)).isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> ledger.addRound(SESSION, SessionFixtures.round(2)))
                    .isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> ledger.artifacts().segmentation("2.25.1"))
                    .isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> ledger.artifacts().saveRoundState(SESSION, 2, "{}", new byte[] {1}))
                    .isInstanceOf(LedgerUnavailableException.class);
        } finally {
            postgres.restart();
        }

        await().atMost(Duration.ofSeconds(30)).ignoreException(LedgerUnavailableException.class).until(() -> {
            ledger.probeWritable();
            return true;
        });
        SessionView view = ledger.find(SESSION).orElseThrow();
        assertThat(view.session()).isEqualTo(SessionFixtures.session(RIVERA));
        assertThat(view.choices()).containsEntry(1, first);
        assertThat(ledger.claim(SESSION, recorded(1, ChoiceDecision.APPROVE, null, RIVERA))).isEqualTo(first);
        ledger.addRound(SESSION, SessionFixtures.round(2));
        assertThat(connect().find(SESSION).orElseThrow().latestRound()).isEqualTo(2);
    }

    private long count(String sql) throws SQLException {
        SessionLedgerConfig config = database();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.username(), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresProcess.USER, "");
    }
}
