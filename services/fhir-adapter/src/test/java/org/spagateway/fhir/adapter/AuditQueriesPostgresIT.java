package org.spagateway.fhir.adapter;

import java.nio.file.Path;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.test.harness.PostgresProcess;

/**
 * The audit queries on HAPI FHIR JPA over a real PostgreSQL server (production-like storage), started by the test as
 * a plain process ({@link PostgresProcess}).
 */
class AuditQueriesPostgresIT extends AuditQueriesContract {

    private PostgresProcess postgres;

    @Override
    FhirServerConfig storage(Path dir) throws Exception {
        postgres = PostgresProcess.start();
        return new FhirServerConfig(0, postgres.jdbcUrl(), PostgresProcess.USER, "",
                FhirServerConfig.DEFAULT_MAX_CONNECTIONS);
    }

    @Override
    void stopStorage() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String storageName() {
        return "postgresql";
    }
}
