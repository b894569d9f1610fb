package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class KafkaConfigTest {

    @Test
    void requiresBootstrapServersNamingTheKey() {
        assertThatThrownBy(() -> KafkaConfig.from(ConfigSource.of(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.bootstrap-servers");
    }

    @Test
    void defaultsClientIdConsumerGroupAndSendTimeout() {
        KafkaConfig config = KafkaConfig.from(ConfigSource.of(Map.of("spa.kafka.bootstrap-servers", "kafka:9092")));

        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.clientId()).isEqualTo("spa-routes");
        assertThat(config.consumerGroup()).isEqualTo("spa-routes");
        assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.clientProperties()).isEmpty();
    }

    @Test
    void passesDottedKafkaClientPropertiesThrough() {
        KafkaConfig config = KafkaConfig.from(ConfigSource.of(Map.of(
                "spa.kafka.bootstrap-servers", "kafka:9093",
                "spa.kafka.properties.security.protocol", "SSL",
                "spa.kafka.properties.ssl.truststore.location", "/etc/spa/truststore.p12",
                "spa.kafka.properties.ssl.truststore.type", "PKCS12")));

        assertThat(config.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.location", "/etc/spa/truststore.p12",
                "ssl.truststore.type", "PKCS12"));
        assertThat(config.adminProperties()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void rejectsASendTimeoutUnderASecond() {
        assertThatThrownBy(() -> KafkaConfig.from(ConfigSource.of(Map.of(
                "spa.kafka.bootstrap-servers", "kafka:9092", "spa.kafka.send-timeout", "10ms"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.send-timeout");
    }

    @Test
    void statesTheConsumerEveryServiceUsesWithItsSecuritySettings() {
        KafkaConfig config = new KafkaConfig("kafka:9092", "spa", "spa-group", java.time.Duration.ofSeconds(30),
                Map.of("security.protocol", "SSL"));

        assertThat(config.consumerProperties("profiles")).containsOnly(
                Map.entry("bootstrap.servers", "kafka:9092"), Map.entry("client.id", "spa-profiles"),
                Map.entry("enable.auto.commit", "false"), Map.entry("auto.offset.reset", "earliest"),
                Map.entry("security.protocol", "SSL"));
        assertThat(config.consumerProperties("worker", "spa-worker", 4))
                .containsEntry("group.id", "spa-worker").containsEntry("max.poll.records", "4")
                .containsEntry("enable.auto.commit", "false").containsEntry("security.protocol", "SSL");
    }
}
