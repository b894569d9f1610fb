package org.spagateway.preference.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.kafka.support.KafkaConfig;

class ProfilesConfigTest {

    @Test
    void readsSafeDefaults() {
        ProfilesConfig config = ProfilesConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.enabled()).isTrue();
        assertThat(config.applicationId()).isEqualTo("spa-preference-profiles");
        assertThat(config.stateDir()).isEqualTo(Path.of("data/profiles"));
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.replicationFactor()).isEqualTo(-1);
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyOptionIsReadFromItsKeyAndTheEnvironmentWins() {
        ConfigSource source = new ConfigSource(Map.of(
                ProfilesConfig.ENABLED, "false",
                ProfilesConfig.APPLICATION_ID, "profiles-a",
                ProfilesConfig.STATE_DIR, "/var/lib/spa/profiles",
                ProfilesConfig.THREADS, "3",
                ProfilesConfig.COMMIT_INTERVAL, "250ms",
                ProfilesConfig.REPLICATION_FACTOR, "3"),
                Map.of("SPA_PROFILES_START_TIMEOUT", "2m"));

        ProfilesConfig config = ProfilesConfig.from(source);

        assertThat(config).isEqualTo(new ProfilesConfig(false, "profiles-a", Path.of("/var/lib/spa/profiles"), 3,
                Duration.ofMillis(250), 3, Duration.ofMinutes(2)));
        assertThat(ProfilesConfig.OPTIONS).extracting(o -> o.key()).containsExactly(ProfilesConfig.ENABLED,
                ProfilesConfig.APPLICATION_ID, ProfilesConfig.STATE_DIR, ProfilesConfig.THREADS,
                ProfilesConfig.COMMIT_INTERVAL, ProfilesConfig.REPLICATION_FACTOR, ProfilesConfig.START_TIMEOUT);
    }

    @Test
    void anApplicationIdThatCannotNameATopicIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ProfilesConfig.from(ConfigSource.of(Map.of(ProfilesConfig.APPLICATION_ID,
                "profiles/a"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ProfilesConfig.APPLICATION_ID);
    }

    @Test
    void aZeroReplicationFactorOrATinyCommitIntervalIsRefused() {
        assertThatThrownBy(() -> ProfilesConfig.from(ConfigSource.of(Map.of(ProfilesConfig.REPLICATION_FACTOR, "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ProfilesConfig.REPLICATION_FACTOR);
        assertThatThrownBy(() -> ProfilesConfig.from(ConfigSource.of(Map.of(ProfilesConfig.COMMIT_INTERVAL, "1ms"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ProfilesConfig.COMMIT_INTERVAL);
    }

    @Test
    void theStreamsApplicationIsExactlyOnceWithTheConfiguredStateAndTheSharedClientSettings() {
        KafkaConfig kafka = new KafkaConfig("broker:9093", "spa-test", "unused", Duration.ofSeconds(30),
                Map.of("security.protocol", "SSL"));
        ProfilesConfig config = ProfilesConfig.of("profiles-b", Path.of("state")).withThreads(2);

        Properties properties = ProfilesStreamsProperties.of(config, kafka);

        assertThat(properties)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "profiles-b")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry(StreamsConfig.CLIENT_ID_CONFIG, "spa-test-profiles")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, Path.of("state").toAbsolutePath().toString())
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry("security.protocol", "SSL");
        assertThat(new StreamsConfig(properties).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }
}
