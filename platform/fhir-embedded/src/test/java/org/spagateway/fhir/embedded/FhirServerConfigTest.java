package org.spagateway.fhir.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class FhirServerConfigTest {

    @Test
    void defaultsToAnH2FileStoreOnPort8080() {
        FhirServerConfig config = FhirServerConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.jdbcUrl()).isEqualTo(FhirServerConfig.DEFAULT_JDBC_URL);
    }

    @Test
    void picksTheHibernateDialectFromTheJdbcUrl() {
        assertThat(StorageDialect.forJdbcUrl("jdbc:postgresql://127.0.0.1:5432/fhir"))
                .isEqualTo(StorageDialect.POSTGRESQL);
        assertThat(StorageDialect.forJdbcUrl("jdbc:h2:mem:fhir")).isEqualTo(StorageDialect.H2);
    }

    @Test
    void rejectsAnUnsupportedDatabaseNamingTheKey() {
        assertThatThrownBy(() -> FhirServerConfig.from(ConfigSource.of(Map.of(
                FhirServerConfig.JDBC_URL, "jdbc:mysql://db/fhir"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(FhirServerConfig.JDBC_URL);
    }

    @Test
    void neverShowsThePasswordInItsDescription() {
        FhirServerConfig config = new FhirServerConfig(0, "jdbc:h2:mem:x", "sa", "secret", 4);

        assertThat(config.toString()).doesNotContain("secret");
    }
}
