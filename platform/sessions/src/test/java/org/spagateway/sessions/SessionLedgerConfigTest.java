package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class SessionLedgerConfigTest {

    @Test
    void defaultsToAnEmbeddedH2DatabaseInPostgresqlModeUnderTheRoot() {
        SessionLedgerConfig config = SessionLedgerConfig.from(ConfigSource.of(Map.of(
                SessionLedgerConfig.ROOT, "var/sessions")));

        assertThat(config.embedded()).isTrue();
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:" + Path.of("var/sessions").toAbsolutePath()
                .resolve("ledger")).contains(";MODE=PostgreSQL");
        assertThat(config.username()).isEqualTo(SessionLedgerConfig.EMBEDDED_USERNAME);
        assertThat(config.maxConnections()).isEqualTo(SessionLedgerConfig.DEFAULT_MAX_CONNECTIONS);
    }

    @Test
    void takesPostgresqlUrlUserAndPasswordFromTheEnvironment() {
        SessionLedgerConfig config = SessionLedgerConfig.from(new ConfigSource(Map.of(), Map.of(
                "SPA_SESSIONS_JDBC_URL", "jdbc:postgresql://sessions-db:5432/sessions?sslmode=require",
                "SPA_SESSIONS_JDBC_USERNAME", "spa", "SPA_SESSIONS_JDBC_PASSWORD", "s3cret-pw",
                "SPA_SESSIONS_MAX_CONNECTIONS", "4", "SPA_SESSIONS_CONNECTION_TIMEOUT", "2s")));

        assertThat(config.embedded()).isFalse();
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://sessions-db:5432/sessions?sslmode=require");
        assertThat(config.username()).isEqualTo("spa");
        assertThat(config.password()).isEqualTo("s3cret-pw");
        assertThat(config.maxConnections()).isEqualTo(4);
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.location()).isEqualTo("jdbc:postgresql://sessions-db:5432/sessions");
    }

    @Test
    void neverPrintsThePasswordOrUrlParameters() {
        SessionLedgerConfig config = new SessionLedgerConfig(
                "jdbc:postgresql://db/spa?password=in-url-pw", "spa", "s3cret-pw", 10, Duration.ofSeconds(5));

        assertThat(config.toString()).doesNotContain("s3cret-pw", "in-url-pw");
    }

    @Test
    void putsAnH2UrlWithoutAModeIntoPostgresqlModeAndRefusesAnyOtherMode() {
        SessionLedgerConfig bare = SessionLedgerConfig.from(ConfigSource.of(Map.of(
                SessionLedgerConfig.JDBC_URL, "jdbc:h2:mem:ledger;DB_CLOSE_DELAY=-1")));
        assertThat(bare.jdbcUrl()).contains(";MODE=PostgreSQL");
        assertThat(bare.username()).isEqualTo(SessionLedgerConfig.EMBEDDED_USERNAME);

        assertThatThrownBy(() -> SessionLedgerConfig.from(ConfigSource.of(Map.of(
                SessionLedgerConfig.JDBC_URL, "jdbc:h2:mem:ledger;MODE=MySQL"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SessionLedgerConfig.JDBC_URL)
                .hasMessageContaining("PostgreSQL mode");
    }

    @Test
    void anH2UrlInPostgresqlModeStillGetsTheSettingsItLacksAndKeepsThoseItHas() {
        SessionLedgerConfig given = SessionLedgerConfig.from(ConfigSource.of(Map.of(
                SessionLedgerConfig.JDBC_URL, "jdbc:h2:mem:ledger;MODE=PostgreSQL;TRACE_LEVEL_FILE=1")));

        assertThat(given.jdbcUrl()).startsWith("jdbc:h2:mem:ledger;MODE=PostgreSQL;TRACE_LEVEL_FILE=1")
                .contains(";DATABASE_TO_LOWER=TRUE", ";DEFAULT_NULL_ORDERING=HIGH", ";DB_CLOSE_ON_EXIT=FALSE")
                .doesNotContain("TRACE_LEVEL_FILE=0");
    }

    @Test
    void refusesADatabaseItIsNotWrittenForNamingTheKey() {
        assertThatThrownBy(() -> SessionLedgerConfig.from(ConfigSource.of(Map.of(
                SessionLedgerConfig.JDBC_URL, "jdbc:mysql://db/spa?password=in-url-pw"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SessionLedgerConfig.JDBC_URL)
                .hasMessageNotContaining("in-url-pw");
        assertThatThrownBy(() -> SessionLedgerConfig.from(ConfigSource.of(Map.of(
                SessionLedgerConfig.MAX_CONNECTIONS, "1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SessionLedgerConfig.MAX_CONNECTIONS);
    }
}
