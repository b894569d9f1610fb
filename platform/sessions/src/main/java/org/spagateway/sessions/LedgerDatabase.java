package org.spagateway.sessions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The ledger's connection pool (HikariCP) and the two things that differ between its databases, neither of them a
 * statement of the ledger: where it is (for logs, without credentials) and how a commit is made durable. PostgreSQL
 * flushes its write-ahead log on commit; embedded H2 writes committed data to its file without waiting for the disk,
 * so after each write on H2 a {@code CHECKPOINT SYNC} forces it to the device: an acknowledged claim survives a power
 * loss on the embedded default as it did when the ledger was synced files.
 *
 * <p>The pool starts without the database ({@code initializationFailTimeout = -1}): a service whose database is down
 * starts, reports not ready and retries, like any other dependency. The schema is migrated on the first connection
 * that succeeds.
 */
final class LedgerDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final String location;
    private final boolean embedded;
    private volatile boolean migrated;

    private LedgerDatabase(HikariDataSource pool, String location, boolean embedded) {
        this.pool = pool;
        this.location = location;
        this.embedded = embedded;
    }

    static LedgerDatabase open(SessionLedgerConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("session-ledger");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxConnections());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        // Below the connection timeout, as HikariCP requires.
        hikari.setValidationTimeout(Math.max(250, config.connectionTimeout().toMillis() / 2));
        hikari.setInitializationFailTimeout(-1);
        hikari.setAutoCommit(true);
        return new LedgerDatabase(new HikariDataSource(hikari), config.location(), config.embedded());
    }

    /** A pooled connection in auto-commit mode on a schema at the latest version; close it to return it. */
    Connection connection() throws SQLException {
        Connection connection = pool.getConnection();
        if (!migrated) {
            try {
                migrate(connection);
            } catch (SQLException e) {
                connection.close();
                // Whatever stopped the migration (a race with another process, a database not yet writable), the
                // next call tries again: the ledger is not ready until it succeeds.
                throw new SQLTransientException("schema migration: " + e.getMessage(), e.getSQLState(), e);
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private synchronized void migrate(Connection connection) throws SQLException {
        if (!migrated) {
            LedgerSchema.migrate(connection, location);
            migrated = true;
        }
    }

    /** After a committed write: makes it survive a power loss where the database does not on its own (H2). */
    void sync(Connection connection) throws SQLException {
        if (embedded) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    /**
     * Runs {@code statements} on a pooled connection and classifies what the database answered: a statement it will
     * refuse however often it is sent ({@link LedgerFailurePolicy#permanent}) throws {@link IllegalStateException};
     * anything else (down, unreachable, too slow) throws {@link LedgerUnavailableException}, to be retried.
     */
    <T> T execute(String operation, Statements<T> statements) throws IOException {
        try (Connection connection = connection()) {
            return statements.run(connection);
        } catch (SQLException e) {
            if (LedgerFailurePolicy.permanent(e)) {
                throw new IllegalStateException(LedgerFailurePolicy.describe(operation, e), e);
            }
            throw new LedgerUnavailableException(LedgerFailurePolicy.describe(operation, e), e);
        }
    }

    /** Inserts one row unless its key exists; true when this call inserted it (and it is durable). */
    boolean insertOnce(Connection connection, String sql, Object... parameters) throws SQLException {
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    insert.setNull(i + 1, Types.VARCHAR);
                } else if (parameters[i] instanceof byte[] bytes) {
                    insert.setBytes(i + 1, bytes);
                } else {
                    insert.setObject(i + 1, parameters[i]);
                }
            }
            inserted = insert.executeUpdate();
        } catch (SQLException e) {
            // H2 may report a key inserted concurrently as a duplicate instead of doing nothing.
            if (LedgerFailurePolicy.uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
        if (inserted == 1) {
            sync(connection);
        }
        return inserted == 1;
    }

    /** The database without credentials or options, e.g. {@code jdbc:postgresql://db:5432/spa}. */
    String location() {
        return location;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Statements run on one connection of the pool. */
    @FunctionalInterface
    interface Statements<T> {
        T run(Connection connection) throws SQLException;
    }
}
