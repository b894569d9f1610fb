package org.spagateway.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class EmbeddedKafkaConfigTest {

    @Test
    void usesDocumentedDefaultsWhenNothingIsConfigured() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.dataDir()).isEqualTo(Path.of(EmbeddedKafkaConfig.DEFAULT_DATA_DIR));
        assertThat(config.port()).isEqualTo(EmbeddedKafkaConfig.DEFAULT_PORT);
        assertThat(EmbeddedKafkaConfig.OPTIONS).extracting(o -> o.key())
                .containsExactly(EmbeddedKafkaConfig.DATA_DIR, EmbeddedKafkaConfig.PORT);
    }

    @Test
    void readsDataDirAndPortZeroFromConfiguration() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.from(ConfigSource.of(Map.of(
                EmbeddedKafkaConfig.DATA_DIR, "/var/lib/spa/kafka", EmbeddedKafkaConfig.PORT, "0")));

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/spa/kafka"));
        assertThat(config.port()).isZero();
    }

    @Test
    void rejectsAPortOutsideTheTcpRangeNamingTheKey() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.from(ConfigSource.of(Map.of(EmbeddedKafkaConfig.PORT, "70000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(EmbeddedKafkaConfig.PORT);
    }
}
