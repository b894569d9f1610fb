package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spagateway.sessions.SessionFixtures.SESSION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on its embedded default: H2 in PostgreSQL mode in a file under the storage root. */
class SessionLedgerTest extends SessionLedgerContract {

    @TempDir
    Path root;

    @Override
    SessionLedgerConfig database() {
        return SessionLedgerConfig.embedded(root);
    }

    @Test
    void keepsTheEmbeddedDatabaseInOneFileUnderTheRoot() throws Exception {
        ledger.open(SessionFixtures.session(null));

        assertThat(root.resolve("ledger.mv.db")).isRegularFile();
        assertThat(ledger.location()).isEqualTo("jdbc:h2:file:" + root.toAbsolutePath().resolve("ledger"));
    }

    @Test
    void createsItsTablesOnceAndRecordsTheSchemaVersion() throws Exception {
        ledger.probeWritable();
        connect().probeWritable();
        ledger.close();

        SessionLedgerConfig config = database();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.username(), "");
             Statement statement = connection.createStatement();
             ResultSet versions = statement.executeQuery(
                     "SELECT version FROM ledger_schema_version ORDER BY version")) {
            for (int version = 1; version <= LedgerSchema.latest(); version++) {
                assertThat(versions.next()).isTrue();
                assertThat(versions.getInt(1)).isEqualTo(version);
            }
            assertThat(versions.next()).isFalse();
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsUnavailableSoCallersRetry() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("not-a-folder"), "x");
        try (SessionLedger unreachable = SessionLedgerConfig.embedded(notAFolder)
                .withConnectionTimeout(Duration.ofMillis(250)).ledger()) {
            assertThatThrownBy(unreachable::probeWritable).isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("probe");
            assertThatThrownBy(() -> unreachable.find(SESSION)).isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> unreachable.open(SessionFixtures.session(null)))
                    .isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> unreachable.artifacts().segmentation("2.25.1"))
                    .isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> unreachable.artifacts().roundState(SESSION, 1))
                    .isInstanceOf(LedgerUnavailableException.class);
        }
    }

    @Test
    void aRecordDamagedInTheDatabaseIsAPermanentFailureNotAnOutage() throws Exception {
        ledger.open(SessionFixtures.session(null));
        ledger.close();
        SessionLedgerConfig config = database();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.username(), "");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE ledger_session SET record = '{\"sessionId\": 12, \"sour'");
        }

        assertThatThrownBy(() -> connect().find(SESSION)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SessionRecord of session " + SESSION);
    }
}
