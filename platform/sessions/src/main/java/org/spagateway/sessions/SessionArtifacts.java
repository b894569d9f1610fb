package org.spagateway.sessions;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a session's rounds leave beside the ledger's records, in the ledger's database so that inference workers, the
 * SEG export and the candidate picker share no folder: each round's state and recommended mask (what the worker that
 * serves the next round or the approval reads, on whichever host a rebalance put it), the prior round 1 started from,
 * and every SEG instance's Part 10 bytes by SOP Instance UID (what the export sends to PACS and the picker renders).
 *
 * <p>Everything is written once ({@code INSERT ... ON CONFLICT DO NOTHING}): a redelivered round rewrites nothing, and
 * the first of two racing writers holds. A write returns once committed (and, on embedded H2, synced: the ledger's
 * durability), so a worker stores a round's artifacts before the ledger records the round and before the event that
 * announces it is published. Failures follow the ledger's rules ({@link LedgerFailurePolicy}): an unreachable database
 * throws {@link LedgerUnavailableException} (retry, never dead-letter), a refused statement
 * {@link IllegalStateException}. Obtained from {@link SessionLedger#artifacts()}; thread-safe.
 */
public final class SessionArtifacts {

    private final LedgerDatabase database;

    SessionArtifacts(LedgerDatabase database) {
        this.database = database;
    }

    /**
     * Stores round {@code round}'s state and recommended mask unless the round's are stored already.
     *
     * @param stateJson      the model's session state after the round
     * @param recommendedPng the round's recommended mask on the source grid, a 1-bit PNG
     */
    public void saveRoundState(String sessionId, int round, String stateJson, byte[] recommendedPng)
            throws IOException {
        requireSessionId(sessionId);
        database.execute("save a round state", connection -> database.insertOnce(connection,
                "INSERT INTO ledger_round_state (session_id, round_number, state, recommended_png) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", sessionId, round, stateJson, recommendedPng));
    }

    /** Round {@code round}'s state as stored, or empty when it never was. */
    public Optional<String> roundState(String sessionId, int round) throws IOException {
        return readOne("read a round state", "SELECT state FROM ledger_round_state WHERE session_id = ?"
                + " AND round_number = ?", sessionId, round, result -> result.getString(1));
    }

    /** Round {@code round}'s recommended mask (PNG) as stored, or empty when it never was. */
    public Optional<byte[]> recommendedMask(String sessionId, int round) throws IOException {
        return readOne("read a recommended mask", "SELECT recommended_png FROM ledger_round_state"
                + " WHERE session_id = ? AND round_number = ?", sessionId, round, result -> result.getBytes(1));
    }

    /**
     * The prior round 1 of the session started from: {@code priorJson} when this call stored it, otherwise the one
     * stored first (a redelivered round 1, or a worker that lost the race).
     */
    public String claimPrior(String sessionId, String priorJson) throws IOException {
        requireSessionId(sessionId);
        return database.execute("claim a prior", connection -> {
            if (database.insertOnce(connection, "INSERT INTO ledger_prior (session_id, prior) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING", sessionId, priorJson)) {
                return priorJson;
            }
            return select(connection, "SELECT prior FROM ledger_prior WHERE session_id = ?", sessionId, null,
                    result -> result.getString(1))
                    .orElseThrow(() -> new SQLException("the session's prior conflicts but cannot be read", "55000"));
        });
    }

    /** Stores a SEG instance's Part 10 bytes under its SOP Instance UID unless they are stored already. */
    public void saveSegmentation(String sopInstanceUid, String sessionId, int round, byte[] part10)
            throws IOException {
        // The session is informative here (the key is the UID): any id the event carried, within the column.
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 128) {
            throw new IllegalArgumentException("a SEG needs its session's id (1 to 128 characters)");
        }
        if (sopInstanceUid == null || sopInstanceUid.isEmpty() || sopInstanceUid.length() > 64) {
            throw new IllegalArgumentException("not a SOP Instance UID");
        }
        database.execute("save a SEG", connection -> database.insertOnce(connection,
                "INSERT INTO ledger_segmentation (sop_instance_uid, session_id, round_number, part10)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", sopInstanceUid, sessionId, round, part10));
    }

    /** The Part 10 bytes of the SEG instance {@code sopInstanceUid}, or empty when no such SEG is stored. */
    public Optional<byte[]> segmentation(String sopInstanceUid) throws IOException {
        if (sopInstanceUid == null || sopInstanceUid.isEmpty() || sopInstanceUid.length() > 64) {
            return Optional.empty();
        }
        return database.execute("read a SEG", connection -> select(connection,
                "SELECT part10 FROM ledger_segmentation WHERE sop_instance_uid = ?", sopInstanceUid, null,
                result -> result.getBytes(1)));
    }

    private <T> Optional<T> readOne(String operation, String sql, String sessionId, int round, Column<T> column)
            throws IOException {
        if (!SessionIds.isValid(sessionId)) {
            return Optional.empty();
        }
        return database.execute(operation, connection -> select(connection, sql, sessionId, round, column));
    }

    private static <T> Optional<T> select(Connection connection, String sql, String key, Integer round,
                                          Column<T> column) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            if (round != null) {
                select.setInt(2, round);
            }
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(column.read(result)) : Optional.empty();
            }
        }
    }

    private static void requireSessionId(String sessionId) {
        if (!SessionIds.isValid(sessionId)) {
            throw new IllegalArgumentException("not a session id: " + sessionId);
        }
    }

    /** Reads the one selected column of the current row. */
    @FunctionalInterface
    private interface Column<T> {
        T read(ResultSet result) throws SQLException;
    }
}
