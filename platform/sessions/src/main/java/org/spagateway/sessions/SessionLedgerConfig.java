package org.spagateway.sessions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The {@code spa.sessions.*} section, read by the inference worker (which writes the ledger) and the choice ingress
 * (which reads it and records choices): both must name the same database. Production names a PostgreSQL database
 * ({@code spa.sessions.jdbc-url}); without one the ledger is an embedded H2 database in PostgreSQL mode under
 * {@code spa.sessions.root}, run by the same code and SQL, for one process (the all-in-one, tests).
 *
 * @param jdbcUrl           {@code jdbc:postgresql://...} or {@code jdbc:h2:...} (always in PostgreSQL mode)
 * @param username          database user
 * @param password          database password (never logged, never printed by {@link #toString()})
 * @param maxConnections    size of the connection pool
 * @param connectionTimeout how long a call waits for a connection before the database counts as unavailable
 */
public record SessionLedgerConfig(String jdbcUrl, String username, String password, int maxConnections,
                                  Duration connectionTimeout) {

    public static final String ROOT = "spa.sessions.root";
    public static final String JDBC_URL = "spa.sessions.jdbc-url";
    public static final String JDBC_USERNAME = "spa.sessions.jdbc-username";
    public static final String JDBC_PASSWORD = "spa.sessions.jdbc-password";
    public static final String MAX_CONNECTIONS = "spa.sessions.max-connections";
    public static final String CONNECTION_TIMEOUT = "spa.sessions.connection-timeout";

    public static final String DEFAULT_ROOT = "data/sessions";
    public static final String EMBEDDED_USERNAME = "sa";
    public static final int DEFAULT_MAX_CONNECTIONS = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What H2 needs to run the ledger's SQL as PostgreSQL does ({@code ON CONFLICT DO NOTHING}, lower-case names,
     * NULL ordering); closing the database left to the ledger rather than to H2's own shutdown hook (which would
     * close it under a worker still finishing a round); and no H2 trace file beside it, whose error entries would
     * hold statement parameters (records with study UIDs).
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
    private static final Pattern H2_MODE = Pattern.compile("(?i);MODE=([^;]*)");

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(JDBC_URL, "",
                    "JDBC URL of the session ledger's database (what a session is about, its rounds, the one"
                            + " accepted choice per round): jdbc:postgresql://host:5432/db in production, the same"
                            + " database for every inference worker and choice ingress. Empty = an embedded H2"
                            + " database under " + ROOT + " (one process; the same SQL in PostgreSQL mode)."),
            new ConfigOption(JDBC_USERNAME, "",
                    "Database user of the session ledger; empty = '" + EMBEDDED_USERNAME + "' for H2."),
            new ConfigOption(JDBC_PASSWORD, "", "Database password of the session ledger (never logged)."),
            new ConfigOption(MAX_CONNECTIONS, Integer.toString(DEFAULT_MAX_CONNECTIONS),
                    "Size of the session ledger's connection pool in each process."),
            new ConfigOption(CONNECTION_TIMEOUT, "5s",
                    "How long a call waits for a connection to the session ledger's database before the database"
                            + " counts as unavailable (the call is retried later; readiness reports DOWN)."),
            new ConfigOption(ROOT, DEFAULT_ROOT,
                    "Folder of the embedded session ledger database (H2) when " + JDBC_URL + " is empty;"
                            + " unused otherwise."));

    public SessionLedgerConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (maxConnections < 2) {
            throw new IllegalArgumentException("maxConnections must be at least 2: " + maxConnections);
        }
        // HikariCP's floor.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250ms: " + connectionTimeout);
        }
        jdbcUrl = normalised(jdbcUrl);
    }

    /** The embedded H2 database under {@code root} ({@code <root>/ledger.mv.db}): the default, and for tests. */
    public static SessionLedgerConfig embedded(Path root) {
        return new SessionLedgerConfig("jdbc:h2:file:" + root.toAbsolutePath().resolve("ledger"), EMBEDDED_USERNAME,
                "", DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** The same database with another connection timeout. */
    public SessionLedgerConfig withConnectionTimeout(Duration timeout) {
        return new SessionLedgerConfig(jdbcUrl, username, password, maxConnections, timeout);
    }

    public static SessionLedgerConfig from(ConfigSource config) {
        String url = config.string(JDBC_URL, "");
        int maxConnections = config.integer(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, 2, 200);
        Duration timeout = config.duration(CONNECTION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
        if (timeout.toMillis() < 250) {
            throw new ConfigException(CONNECTION_TIMEOUT, "'" + timeout + "' is shorter than 250ms");
        }
        if (url.isEmpty()) {
            SessionLedgerConfig embedded = embedded(config.path(ROOT, DEFAULT_ROOT));
            return new SessionLedgerConfig(embedded.jdbcUrl(), config.string(JDBC_USERNAME, EMBEDDED_USERNAME)
                    .transform(user -> user.isEmpty() ? EMBEDDED_USERNAME : user),
                    config.string(JDBC_PASSWORD, ""), maxConnections, timeout);
        }
        try {
            String username = config.string(JDBC_USERNAME, "");
            return new SessionLedgerConfig(url, username.isEmpty() && isH2(url) ? EMBEDDED_USERNAME : username,
                    config.string(JDBC_PASSWORD, ""), maxConnections, timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(JDBC_URL, e.getMessage());
        }
    }

    /** Opens the ledger: a connection pool of this process. Open one per process and close it at shutdown. */
    public SessionLedger ledger() {
        return new SessionLedger(LedgerDatabase.open(this));
    }

    /** Whether this is the embedded H2 database. */
    public boolean embedded() {
        return isH2(jdbcUrl);
    }

    /** The database for logs: the URL without its options and parameters, where credentials could be. */
    public String location() {
        return location(jdbcUrl);
    }

    private static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    /** PostgreSQL as given; H2 with the settings the ledger's SQL needs, refused in any other mode. */
    private static String normalised(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!isH2(url)) {
            throw new IllegalArgumentException("unsupported JDBC URL '" + location(url)
                    + "': use jdbc:postgresql://host:port/database (or jdbc:h2:... for an embedded database)");
        }
        Matcher mode = H2_MODE.matcher(url);
        if (mode.find() && !mode.group(1).toLowerCase(Locale.ROOT).equals("postgresql")) {
            throw new IllegalArgumentException("the session ledger runs H2 only in PostgreSQL mode, not MODE="
                    + mode.group(1));
        }
        // Every setting the URL lacks is added (the trace file would hold statement parameters, e.g. study UIDs).
        StringBuilder normalised = new StringBuilder(url);
        String given = url.toUpperCase(Locale.ROOT);
        for (String setting : H2_SETTINGS.substring(1).split(";")) {
            String name = setting.substring(0, setting.indexOf('=') + 1).toUpperCase(Locale.ROOT);
            if (!given.contains(";" + name)) {
                normalised.append(';').append(setting);
            }
        }
        return normalised.toString();
    }

    private static String location(String url) {
        int options = url.indexOf(isH2(url) ? ';' : '?');
        return options < 0 ? url : url.substring(0, options);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SessionLedgerConfig[" + location() + ", username=" + username + ", maxConnections=" + maxConnections
                + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
