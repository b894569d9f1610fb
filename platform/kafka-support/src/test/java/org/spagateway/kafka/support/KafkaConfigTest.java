package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

class KafkaConfigTest {

    @TempDir
    Path dir;

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
        assertThat(config.clientProperties()).containsOnly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void passesDottedKafkaClientPropertiesThrough() {
        KafkaConfig config = KafkaConfig.from(ConfigSource.of(Map.of(
                "spa.kafka.bootstrap-servers", "kafka:9093",
                "spa.kafka.properties.metadata.max.age.ms", "60000",
                "spa.kafka.properties.ssl.cipher.suites", "TLS_AES_256_GCM_SHA384")));

        assertThat(config.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "PLAINTEXT",
                "metadata.max.age.ms", "60000",
                "ssl.cipher.suites", "TLS_AES_256_GCM_SHA384"));
        assertThat(config.adminProperties()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("metadata.max.age.ms", "60000");
    }

    @Test
    void refusesASecurityPropertyPassedThroughInsteadOfSetByItsOption() {
        assertThatThrownBy(() -> KafkaConfig.from(ConfigSource.of(Map.of(
                "spa.kafka.bootstrap-servers", "kafka:9093",
                "spa.kafka.properties.sasl.jaas.config", "x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.kafka.properties.sasl.jaas.config")
                .hasMessageContaining("spa.kafka.security-protocol");
    }

    @Test
    void givesEveryClientItBuildsTheSecuritySettings() throws IOException {
        Path trustStore = Files.createFile(dir.resolve("ca.p12"));
        KafkaConfig config = KafkaConfig.from(ConfigSource.of(Map.of(
                "spa.kafka.bootstrap-servers", "kafka:9093",
                "spa.kafka.security-protocol", "SASL_SSL",
                "spa.kafka.sasl-username", "spa-edge",
                "spa.kafka.sasl-password", "sasl-secret",
                "spa.kafka.ssl-trust-store", trustStore.toString(),
                "spa.kafka.ssl-trust-store-password", "store-secret")));
        Map<String, String> security = config.clientProperties();
        assertThat(security).containsEntry("security.protocol", "SASL_SSL").containsKeys("sasl.jaas.config",
                "ssl.truststore.location", "ssl.endpoint.identification.algorithm");

        List<Map<String, Object>> clients = List.of(
                config.producerProperties("p", Duration.ofSeconds(5)),
                config.consumerProperties("c"),
                config.consumerProperties("g", "group", 1),
                config.adminProperties(),
                config.withClient("other", "other").producerProperties("p", Duration.ofSeconds(5)),
                new KafkaEndpoints(config).component().getConfiguration().getAdditionalProperties());
        assertThat(clients).allSatisfy(client -> assertThat(client).containsAllEntriesOf(security));
        assertThat(config.toString()).contains("sasl.jaas.config").doesNotContain("sasl-secret", "store-secret");
    }

    @Test
    void replacesTheSecuritySettingsOfACopy() {
        KafkaConfig secured = KafkaConfig.forBootstrapServers("127.0.0.1:9093").withSecurity(
                KafkaClientSecurity.saslSsl("spa-worker", "secret", Path.of("ca.p12"), "store"));

        assertThat(secured.consumerProperties("c")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(secured.withSecurity(KafkaClientSecurity.PLAINTEXT).clientProperties())
                .containsOnly(Map.entry("security.protocol", "PLAINTEXT"));
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
