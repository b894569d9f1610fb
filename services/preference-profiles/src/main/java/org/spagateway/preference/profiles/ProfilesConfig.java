package org.spagateway.preference.profiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The preference-profiles service's {@code spa.profiles.*} section: the Kafka Streams application that folds the
 * choice log into per-clinician profiles.
 *
 * @param enabled           whether the all-in-one launcher starts the service
 * @param applicationId     the Kafka Streams {@code application.id}: consumer group, prefix of the internal changelog
 *                          topics, name of the state folder; changing it starts over from the choice log
 * @param stateDir          where the persistent stores (RocksDB) live, one folder per application id
 * @param threads           stream threads; each takes some of the partitions of {@code spa.choice.applied}
 * @param commitInterval    how often a transaction (outputs, store changelogs and offsets together) commits; the
 *                          latency of a ProfileUpdated
 * @param replicationFactor replication factor of the changelog topics; -1 = the broker's default
 * @param startTimeout      longest wait at start-up for the application to be RUNNING (stores restored)
 */
public record ProfilesConfig(boolean enabled, String applicationId, Path stateDir, int threads,
                             Duration commitInterval, int replicationFactor, Duration startTimeout) {

    public static final String PREFIX = "spa.profiles.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String APPLICATION_ID = PREFIX + "application-id";
    public static final String STATE_DIR = PREFIX + "state-dir";
    public static final String THREADS = PREFIX + "threads";
    public static final String COMMIT_INTERVAL = PREFIX + "commit-interval";
    public static final String REPLICATION_FACTOR = PREFIX + "replication-factor";
    public static final String START_TIMEOUT = PREFIX + "start-timeout";

    public static final String DEFAULT_APPLICATION_ID = "spa-preference-profiles";
    public static final String DEFAULT_STATE_DIR = "data/profiles";
    /** Kafka Streams' own default under exactly-once. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** The characters Kafka accepts in a group id that also names topics ({@code application.id}). */
    private static final Pattern APPLICATION_ID_PATTERN = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(ENABLED, "true", "Whether the all-in-one launcher starts the preference-profiles service."),
            new ConfigOption(APPLICATION_ID, DEFAULT_APPLICATION_ID,
                    "Kafka Streams application id of the profiles service: its consumer group and the prefix of its"
                            + " changelog topics; a new id rebuilds every profile from spa.choice.applied."),
            new ConfigOption(STATE_DIR, DEFAULT_STATE_DIR,
                    "Folder of the profiles' persistent stores (RocksDB); lost or wiped, they are restored from"
                            + " their changelog topics."),
            new ConfigOption(THREADS, "1",
                    "Kafka Streams threads of the profiles service (at most the partitions of spa.choice.applied are"
                            + " busy)."),
            new ConfigOption(COMMIT_INTERVAL, "100ms",
                    "How often the profiles service commits its exactly-once transaction; a ProfileUpdated becomes"
                            + " visible to read-committed consumers within about this time."),
            new ConfigOption(REPLICATION_FACTOR, "-1",
                    "Replication factor of the profiles' changelog topics; -1 takes the broker's default."),
            new ConfigOption(START_TIMEOUT, "60s",
                    "Longest wait at start-up for the profiles service to restore its stores and run."));

    public ProfilesConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (!APPLICATION_ID_PATTERN.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("application id '" + applicationId + "' is not [a-zA-Z0-9._-]+");
        }
    }

    /** The defaults with {@code applicationId} and {@code stateDir}: what tests and benchmarks need. */
    public static ProfilesConfig of(String applicationId, Path stateDir) {
        return new ProfilesConfig(true, applicationId, stateDir, 1, DEFAULT_COMMIT_INTERVAL, -1,
                DEFAULT_START_TIMEOUT);
    }

    public ProfilesConfig withThreads(int streamThreads) {
        return new ProfilesConfig(enabled, applicationId, stateDir, streamThreads, commitInterval, replicationFactor,
                startTimeout);
    }

    public static ProfilesConfig from(ConfigSource config) {
        String applicationId = config.string(APPLICATION_ID, DEFAULT_APPLICATION_ID);
        if (!APPLICATION_ID_PATTERN.matcher(applicationId).matches()) {
            throw new ConfigException(APPLICATION_ID, "'" + applicationId
                    + "' must be 1-200 characters of letters, digits, '.', '_' and '-'");
        }
        Duration commitInterval = config.duration(COMMIT_INTERVAL, DEFAULT_COMMIT_INTERVAL);
        if (commitInterval.toMillis() < 10 || commitInterval.toMinutes() > 10) {
            throw new ConfigException(COMMIT_INTERVAL, "must be between 10ms and 10m");
        }
        int replicationFactor = config.integer(REPLICATION_FACTOR, -1, -1, 32);
        if (replicationFactor == 0) {
            throw new ConfigException(REPLICATION_FACTOR, "must be -1 (the broker's default) or at least 1");
        }
        Duration startTimeout = config.duration(START_TIMEOUT, DEFAULT_START_TIMEOUT);
        if (startTimeout.toSeconds() < 1) {
            throw new ConfigException(START_TIMEOUT, "must be at least 1s");
        }
        return new ProfilesConfig(config.bool(ENABLED, true), applicationId,
                config.path(STATE_DIR, DEFAULT_STATE_DIR), config.integer(THREADS, 1, 1, 32), commitInterval,
                replicationFactor, startTimeout);
    }
}
