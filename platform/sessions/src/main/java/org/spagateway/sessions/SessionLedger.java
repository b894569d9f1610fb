package org.spagateway.sessions;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.spagateway.events.ChoiceDecision;

/**
 * The sessions' ledger: what each session is about, its stored rounds and the one decision accepted per round, in a
 * transactional database that every inference worker and every choice ingress of a deployment connects to
 * (PostgreSQL in production, embedded H2 by default: {@link SessionLedgerConfig}). Records are written once and never
 * change: writing a session or round again is a no-op (a redelivered request), and of any number of choices racing
 * for one round, from threads or processes, exactly one is recorded ({@link #claim}): the primary key
 * {@code (session_id, round_number)} decides, inside the database, with {@code INSERT ... ON CONFLICT DO NOTHING}.
 * Every write is one auto-committed statement, durable once the call returns.
 *
 * <p>A database that cannot be reached or cannot complete a statement now throws {@link LedgerUnavailableException}
 * (an {@link IOException}: callers retry with back-off and never dead-letter); a statement the database refuses for
 * good ({@link LedgerFailurePolicy}) throws {@link IllegalStateException}. Thread-safe; close it at shutdown.
 */
public final class SessionLedger implements AutoCloseable {

    /** A claim that keeps meeting a conflicting claim that is then rolled back gives up after this many tries. */
    private static final int CLAIM_ATTEMPTS = 10;
    /** The readiness probe's statement timeout: a database that takes longer is not ready. */
    private static final int PROBE_TIMEOUT_SECONDS = 5;

    private final LedgerDatabase database;
    private final SessionArtifacts artifacts;

    SessionLedger(LedgerDatabase database) {
        this.database = database;
        this.artifacts = new SessionArtifacts(database);
    }

    /**
     * What a session's rounds leave beside their records (round states, priors, SEG objects), in the same database
     * and through the same connection pool: closing the ledger closes it too.
     */
    public SessionArtifacts artifacts() {
        return artifacts;
    }

    /** The database, without credentials: for logs and descriptions. */
    public String location() {
        return database.location();
    }

    /**
     * Commits a write to the database (the probe row) within a few seconds: whether a session, round or choice could
     * be recorded now. The readiness check.
     *
     * @throws IOException when the ledger's database cannot be written now (down, read-only, full, too slow)
     */
    public void probeWritable() throws IOException {
        execute("probe", connection -> {
            try (PreparedStatement probe = connection.prepareStatement(
                    "UPDATE ledger_probe SET probed_at = ? WHERE probe_id = 1")) {
                probe.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
                probe.setTimestamp(1, Timestamp.from(Instant.now()));
                if (probe.executeUpdate() != 1) {
                    throw new SQLException("the probe row is missing", "55000");
                }
            }
            database.sync(connection);
            return null;
        });
    }

    /** Records a new session; writing the same session again is a no-op (a redelivered first round). */
    public void open(SessionRecord session) throws IOException {
        requireSessionId(session.sessionId());
        String record = LedgerRecords.json(session);
        execute("open session", connection -> database.insertOnce(connection,
                "INSERT INTO ledger_session (session_id, task, record) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                session.sessionId(), session.task(), record));
    }

    /** Records a stored round; recording it again is a no-op. */
    public void addRound(String sessionId, RoundRecord round) throws IOException {
        requireSessionId(sessionId);
        String record = LedgerRecords.json(round);
        execute("add round", connection -> database.insertOnce(connection,
                "INSERT INTO ledger_round (session_id, round_number, record) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                sessionId, round.round(), record));
    }

    /**
     * Records the decision for a round unless one is recorded already: the first claim of a round wins, in this
     * process or any other connected to the same database.
     *
     * @return the decision now recorded for the round: {@code choice} itself when this call recorded it, otherwise
     *         the one recorded before (compare with {@link ChoiceRecord#sameDecisionAs})
     */
    public ChoiceRecord claim(String sessionId, ChoiceRecord choice) throws IOException {
        requireSessionId(sessionId);
        String record = LedgerRecords.json(choice);
        return execute("claim a round", connection -> {
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                if (database.insertOnce(connection, "INSERT INTO ledger_choice (session_id, round_number, decision,"
                        + " record) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", sessionId, choice.round(),
                        choice.decision().name(), record)) {
                    return choice;
                }
                Optional<ChoiceRecord> recorded = recordedChoice(connection, sessionId, choice.round());
                if (recorded.isPresent()) {
                    return recorded.get();
                }
                // The conflicting claim was rolled back after we saw it: ours may win now.
            }
            throw new SQLTransientException("the round's claim kept changing");
        });
    }

    /** The session as stored now (one consistent snapshot), or empty if there is no such session or id. */
    public Optional<SessionView> find(String sessionId) throws IOException {
        if (!SessionIds.isValid(sessionId)) {
            return Optional.empty();
        }
        return execute("find a session", connection -> snapshot(connection, () -> {
            Map<String, SessionRecord> sessions = LedgerRecords.sessions(connection,
                    "SELECT session_id, record FROM ledger_session WHERE session_id = ?", sessionId);
            if (sessions.isEmpty()) {
                return Optional.<SessionView>empty();
            }
            Map<String, List<RoundRecord>> rounds = LedgerRecords.rounds(connection,
                    "SELECT session_id, record FROM ledger_round WHERE session_id = ? ORDER BY round_number",
                    sessionId);
            Map<String, Map<Integer, ChoiceRecord>> choices = LedgerRecords.choices(connection,
                    "SELECT session_id, record FROM ledger_choice WHERE session_id = ?", sessionId);
            return Optional.of(view(sessions.get(sessionId), rounds, choices));
        }));
    }

    /**
     * The open sessions {@code include} accepts, most recently active first, at most {@code limit}, in one consistent
     * snapshot: a session is open when it has at least one stored round and no approved round; each comes with its
     * owner ({@link SessionView#owner()}), task and latest round. It is the worklist query of the candidate picker:
     * the visibility rule ({@code include}) belongs to the caller (the choice API's access policy) and is applied
     * before the limit. Activity is the latest of the session's opening, rounds and choices. The snapshot reads every
     * open session (sessions are closed by approval; abandoned ones stay open and listed until they are).
     *
     * @param limit at most this many, at least 1
     * @throws IOException when the database cannot be reached ({@link LedgerUnavailableException}: try again)
     */
    public List<SessionView> openSessions(Predicate<SessionView> include, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        String open = " NOT EXISTS (SELECT 1 FROM ledger_choice approved WHERE approved.session_id = %s.session_id"
                + " AND approved.decision = '" + ChoiceDecision.APPROVE.name() + "')";
        String activity = "GREATEST(s.opened_at,"
                + " COALESCE((SELECT MAX(r.recorded_at) FROM ledger_round r WHERE r.session_id = s.session_id),"
                + " s.opened_at),"
                + " COALESCE((SELECT MAX(c.recorded_at) FROM ledger_choice c WHERE c.session_id = s.session_id),"
                + " s.opened_at))";
        return execute("list open sessions", connection -> snapshot(connection, () -> {
            Map<String, SessionRecord> sessions = LedgerRecords.sessions(connection, "SELECT s.session_id, s.record"
                    + " FROM ledger_session s WHERE" + open.formatted("s")
                    + " AND EXISTS (SELECT 1 FROM ledger_round any_round WHERE any_round.session_id = s.session_id)"
                    + " ORDER BY " + activity + " DESC, s.session_id");
            Map<String, List<RoundRecord>> rounds = LedgerRecords.rounds(connection, "SELECT r.session_id, r.record"
                    + " FROM ledger_round r WHERE" + open.formatted("r") + " ORDER BY r.session_id, r.round_number");
            Map<String, Map<Integer, ChoiceRecord>> choices = LedgerRecords.choices(connection,
                    "SELECT c.session_id, c.record FROM ledger_choice c WHERE" + open.formatted("c"));
            List<SessionView> views = new ArrayList<>();
            for (SessionRecord session : sessions.values()) {
                SessionView view = view(session, rounds, choices);
                if (include.test(view)) {
                    views.add(view);
                    if (views.size() == limit) {
                        break;
                    }
                }
            }
            return List.copyOf(views);
        }));
    }

    @Override
    public void close() {
        database.close();
    }

    private static SessionView view(SessionRecord session, Map<String, List<RoundRecord>> rounds,
                                    Map<String, Map<Integer, ChoiceRecord>> choices) {
        return new SessionView(session, rounds.getOrDefault(session.sessionId(), List.of()),
                choices.getOrDefault(session.sessionId(), Map.of()));
    }

    private static Optional<ChoiceRecord> recordedChoice(Connection connection, String sessionId, int round)
            throws SQLException {
        return Optional.ofNullable(LedgerRecords.choices(connection, "SELECT session_id, record FROM ledger_choice"
                + " WHERE session_id = ? AND round_number = " + round, sessionId)
                .getOrDefault(sessionId, Map.of()).get(round));
    }

    /** Several reads as one snapshot: a round and its choice are never seen half. The pool resets the settings. */
    private static <T> T snapshot(Connection connection, Reads<T> reads) throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        try {
            T result = reads.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    private <T> T execute(String operation, LedgerDatabase.Statements<T> statements) throws IOException {
        return database.execute(operation, statements);
    }

    private static void requireSessionId(String sessionId) {
        if (!SessionIds.isValid(sessionId)) {
            throw new IllegalArgumentException("not a session id: " + sessionId);
        }
    }

    @FunctionalInterface
    private interface Reads<T> {
        T run() throws SQLException;
    }
}
