package org.spagateway.fhir.embedded;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

/** The database behind the JPA server, told by its JDBC URL, with the Hibernate dialect HAPI FHIR ships for it. */
enum StorageDialect {

    H2("jdbc:h2:", HapiFhirH2Dialect.class.getName()),
    POSTGRESQL("jdbc:postgresql:", HapiFhirPostgresDialect.class.getName());

    private final String urlPrefix;
    private final String hibernateDialect;

    StorageDialect(String urlPrefix, String hibernateDialect) {
        this.urlPrefix = urlPrefix;
        this.hibernateDialect = hibernateDialect;
    }

    String hibernateDialect() {
        return hibernateDialect;
    }

    static StorageDialect forJdbcUrl(String jdbcUrl) {
        for (StorageDialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "': use jdbc:h2: or jdbc:postgresql:");
    }
}
