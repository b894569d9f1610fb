package org.spagateway.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's tables, created and migrated by the application itself: {@code ledger_schema_version} lists the
 * versions applied, and each newer version's statements run in order. Every statement is idempotent
 * ({@code CREATE TABLE IF NOT EXISTS}, {@code ADD COLUMN IF NOT EXISTS}, ...), because processes that start together
 * (the edge and two workers) may migrate at the same moment: a process that loses such a race fails once and finds
 * the work done on its next attempt. One SQL text for PostgreSQL and for H2 in PostgreSQL mode.
 *
 * <p>Keys are real columns (session id, round number, the decision that closes a session); the records themselves are
 * stored as JSON text, so a new record field needs no migration.
 */
final class LedgerSchema {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSchema.class);

    /** Version n is {@code MIGRATIONS.get(n - 1)}. Append, never edit a released version. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE IF NOT EXISTS ledger_session (
                session_id VARCHAR(128) NOT NULL PRIMARY KEY,
                task VARCHAR(200),
                opened_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                record TEXT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS ledger_round (
                session_id VARCHAR(128) NOT NULL,
                round_number INTEGER NOT NULL,
                recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                record TEXT NOT NULL,
                PRIMARY KEY (session_id, round_number))""",
            // The primary key is the exactly-once claim: at most one decision per session round.
            """
            CREATE TABLE IF NOT EXISTS ledger_choice (
                session_id VARCHAR(128) NOT NULL,
                round_number INTEGER NOT NULL,
                decision VARCHAR(32) NOT NULL,
                recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                record TEXT NOT NULL,
                PRIMARY KEY (session_id, round_number))""",
            // One row the readiness probe rewrites: a real committed write.
            """
            CREATE TABLE IF NOT EXISTS ledger_probe (
                probe_id INTEGER NOT NULL PRIMARY KEY,
                probed_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
            "INSERT INTO ledger_probe (probe_id, probed_at) VALUES (1, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING"),
            // Version 2: what rounds leave beside their records, so that services share no results folder
            // (SessionArtifacts). BYTEA is PostgreSQL's binary type and an alias of H2's BINARY VARYING.
            List.of(
            """
            CREATE TABLE IF NOT EXISTS ledger_round_state (
                session_id VARCHAR(128) NOT NULL,
                round_number INTEGER NOT NULL,
                recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                state TEXT NOT NULL,
                recommended_png BYTEA NOT NULL,
                PRIMARY KEY (session_id, round_number))""",
            """
            CREATE TABLE IF NOT EXISTS ledger_prior (
                session_id VARCHAR(128) NOT NULL PRIMARY KEY,
                recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                prior TEXT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS ledger_segmentation (
                sop_instance_uid VARCHAR(64) NOT NULL PRIMARY KEY,
                session_id VARCHAR(128) NOT NULL,
                round_number INTEGER NOT NULL,
                recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
                part10 BYTEA NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS ledger_segmentation_session ON ledger_segmentation (session_id, round_number)"));

    private LedgerSchema() {
    }

    /** The version this code writes and reads. */
    static int latest() {
        return MIGRATIONS.size();
    }

    /** Brings the database to {@link #latest()}; {@code connection} in auto-commit mode. */
    static void migrate(Connection connection, String location) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS ledger_schema_version (
                        version INTEGER NOT NULL PRIMARY KEY,
                        applied_at TIMESTAMP WITH TIME ZONE NOT NULL)""");
        }
        int current = current(connection);
        if (current > latest()) {
            LOG.warn("Session ledger {} is at schema version {}, newer than this code's {}: running on it (versions"
                    + " only add)", location, current, latest());
            return;
        }
        for (int version = current + 1; version <= latest(); version++) {
            try (Statement statement = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(version - 1)) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement applied = connection.prepareStatement(
                    "INSERT INTO ledger_schema_version (version, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                applied.setInt(1, version);
                applied.setTimestamp(2, Timestamp.from(Instant.now()));
                applied.executeUpdate();
            }
            LOG.info("Session ledger {}: schema version {} applied", location, version);
        }
    }

    private static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT MAX(version) FROM ledger_schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }
}
