package org.spagateway.fhir.adapter;

import java.nio.file.Path;
import org.spagateway.fhir.embedded.FhirServerConfig;

/** The audit queries on HAPI FHIR JPA over H2 (the all-in-one's storage). */
class AuditQueriesIT extends AuditQueriesContract {

    @Override
    FhirServerConfig storage(Path dir) {
        return FhirServerConfig.h2("jdbc:h2:file:" + dir.resolve("fhir/h2"));
    }

    @Override
    void stopStorage() {
    }

    @Override
    String storageName() {
        return "h2";
    }
}
