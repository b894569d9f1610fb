package org.spagateway.fhir.embedded;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.ServerKeyStore;

/**
 * Settings of the in-process HAPI FHIR JPA server.
 *
 * @param port           HTTP port on 127.0.0.1; 0 picks a free one
 * @param jdbcUrl        storage: {@code jdbc:h2:file:...} or {@code jdbc:h2:mem:...} for the all-in-one,
 *                       {@code jdbc:postgresql://...} for a production-like store
 * @param jdbcUsername   database user
 * @param jdbcPassword   database password (never logged)
 * @param maxConnections size of the connection pool
 * @param access         who may read and write ({@link FhirServerAccess})
 * @param tls            the key store of HTTPS; empty: plain HTTP (on 127.0.0.1, as always)
 */
public record FhirServerConfig(int port, String jdbcUrl, String jdbcUsername, String jdbcPassword,
                               int maxConnections, FhirServerAccess access, Optional<ServerKeyStore> tls) {

    public static final String PORT = "spa.fhir.server.port";
    public static final String JDBC_URL = "spa.fhir.server.jdbc-url";
    public static final String JDBC_USERNAME = "spa.fhir.server.jdbc-username";
    public static final String JDBC_PASSWORD = "spa.fhir.server.jdbc-password";
    public static final String MAX_CONNECTIONS = "spa.fhir.server.max-connections";
    public static final String WRITER_TOKEN = "spa.fhir.server.writer-token";
    public static final String AUDITOR_TOKEN = "spa.fhir.server.auditor-token";
    public static final String TLS_KEY_STORE = "spa.fhir.server.tls.key-store";
    public static final String TLS_KEY_STORE_PASSWORD = "spa.fhir.server.tls.key-store-password";

    /** The REST base path under which the server answers, e.g. {@code http://127.0.0.1:8080/fhir/Patient}. */
    public static final String BASE_PATH = "/fhir";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/fhir/h2";
    public static final String DEFAULT_JDBC_USERNAME = "sa";
    public static final int DEFAULT_MAX_CONNECTIONS = 10;

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(PORT, Integer.toString(DEFAULT_PORT),
                    "HTTP port of the embedded HAPI FHIR JPA server on 127.0.0.1; 0 picks a free port."),
            new ConfigOption(JDBC_URL, DEFAULT_JDBC_URL,
                    "JDBC URL of the embedded FHIR server's database: jdbc:h2:file:..., jdbc:h2:mem:... or jdbc:postgresql://..."),
            new ConfigOption(JDBC_USERNAME, DEFAULT_JDBC_USERNAME, "Database user of the embedded FHIR server."),
            new ConfigOption(JDBC_PASSWORD, "", "Database password of the embedded FHIR server (never logged)."),
            new ConfigOption(MAX_CONNECTIONS, Integer.toString(DEFAULT_MAX_CONNECTIONS),
                    "Size of the embedded FHIR server's database connection pool."),
            new ConfigOption(WRITER_TOKEN, "",
                    "Bearer token (at least " + FhirServerAccess.MIN_TOKEN_LENGTH + " characters) that may read and"
                            + " write (give it to the FHIR adapter as spa.fhir.bearer-token). Empty: every local"
                            + " caller may read and write. Either way nothing may be deleted and AuditEvent and"
                            + " Provenance are append-only."),
            new ConfigOption(AUDITOR_TOKEN, "",
                    "Bearer token that may only read (auditors' queries); needs " + WRITER_TOKEN + "."),
            new ConfigOption(TLS_KEY_STORE, "",
                    "PKCS#12 key store (key and certificate chain) of the embedded FHIR server: when set it speaks"
                            + " HTTPS only (TLS 1.3/1.2); empty = plain HTTP on 127.0.0.1."),
            new ConfigOption(TLS_KEY_STORE_PASSWORD, "", "Password of " + TLS_KEY_STORE + " and of its key."));

    public FhirServerConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcUsername, "jdbcUsername");
        Objects.requireNonNull(jdbcPassword, "jdbcPassword");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port outside [0, 65535]: " + port);
        }
        if (maxConnections < 2) {
            throw new IllegalArgumentException("maxConnections must be at least 2: " + maxConnections);
        }
        StorageDialect.forJdbcUrl(jdbcUrl);
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(tls, "tls");
    }

    /** Open to every local caller ({@link FhirServerAccess#OPEN}). */
    public FhirServerConfig(int port, String jdbcUrl, String jdbcUsername, String jdbcPassword, int maxConnections) {
        this(port, jdbcUrl, jdbcUsername, jdbcPassword, maxConnections, FhirServerAccess.OPEN, Optional.empty());
    }

    /** The same server speaking HTTPS with {@code keyStore}. */
    public FhirServerConfig withTls(ServerKeyStore keyStore) {
        return new FhirServerConfig(port, jdbcUrl, jdbcUsername, jdbcPassword, maxConnections, access,
                Optional.of(keyStore));
    }

    /** An H2 database in {@code jdbcUrl}'s form on a free port: for tests and the demo. */
    public static FhirServerConfig h2(String jdbcUrl) {
        return new FhirServerConfig(0, jdbcUrl, DEFAULT_JDBC_USERNAME, "", DEFAULT_MAX_CONNECTIONS);
    }

    public static FhirServerConfig from(ConfigSource config) {
        String jdbcUrl = config.string(JDBC_URL, DEFAULT_JDBC_URL);
        try {
            StorageDialect.forJdbcUrl(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(JDBC_URL, e.getMessage());
        }
        return new FhirServerConfig(config.integer(PORT, DEFAULT_PORT, 0, 65_535), jdbcUrl,
                config.string(JDBC_USERNAME, DEFAULT_JDBC_USERNAME), config.string(JDBC_PASSWORD, ""),
                config.integer(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, 2, 200), access(config),
                ServerKeyStore.from(config, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD));
    }

    private static FhirServerAccess access(ConfigSource config) {
        Optional<String> writer = config.raw(WRITER_TOKEN).filter(token -> !token.isEmpty());
        Optional<String> auditor = config.raw(AUDITOR_TOKEN).filter(token -> !token.isEmpty());
        try {
            return new FhirServerAccess(writer, auditor);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(writer.isPresent() && writer.get().length() < FhirServerAccess.MIN_TOKEN_LENGTH
                    ? WRITER_TOKEN : AUDITOR_TOKEN, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "FhirServerConfig[port=" + port + ", jdbcUrl=" + jdbcUrl + ", jdbcUsername=" + jdbcUsername
                + ", maxConnections=" + maxConnections + ", access=" + access + ", tls="
                + tls.map(ServerKeyStore::toString).orElse("none") + "]";
    }
}
