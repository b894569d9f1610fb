package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.kafka.support.KafkaClientSecurity;
import org.spagateway.kafka.support.KafkaConfig;

class FhirAdapterConfigTest {

    @Test
    void defaultsToTheEmbeddedServerOnLoopback() {
        FhirAdapterConfig config = FhirAdapterConfig.from(ConfigSource.of(Map.of(
                KafkaConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092")));

        assertThat(config.baseUrl()).hasToString(FhirAdapterConfig.DEFAULT_BASE_URL);
        assertThat(config.retryDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void reachesTheSharedClusterWithItsOwnClientIdAndConsumerGroup() {
        ConfigSource source = ConfigSource.of(Map.of(
                KafkaConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                FhirAdapterConfig.CONSUMER_GROUP, "fhir-group"));
        KafkaConfig kafka = FhirAdapterConfig.from(source).kafka(KafkaConfig.from(source));

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(kafka.clientId()).isEqualTo(FhirAdapterConfig.DEFAULT_CLIENT_ID);
        assertThat(kafka.consumerGroup()).isEqualTo("fhir-group");
        assertThat(kafka.sendTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void passesTheSharedKafkaSecurityPropertiesToItsClientsAndKeepsTheirValuesOutOfItsDescription() {
        ConfigSource source = ConfigSource.of(Map.of(
                KafkaConfig.BOOTSTRAP_SERVERS, "kafka:9093",
                KafkaClientSecurity.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaClientSecurity.SASL_USERNAME, "spa-fhir-adapter",
                KafkaClientSecurity.SASL_PASSWORD, "secret-password"));
        FhirAdapterConfig config = FhirAdapterConfig.from(source);

        KafkaConfig kafka = config.withBaseUrl(URI.create("http://127.0.0.1:1/fhir")).kafka(KafkaConfig.from(source));
        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .hasEntrySatisfying("sasl.jaas.config", jaas -> assertThat(jaas).contains("spa-fhir-adapter"));
        assertThat(kafka.toString()).contains("sasl.jaas.config").doesNotContain("secret-password");
    }

    @Test
    void rejectsABaseUrlThatIsNotHttpNamingTheKey() {
        assertThatThrownBy(() -> FhirAdapterConfig.from(ConfigSource.of(Map.of(
                KafkaConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092",
                FhirAdapterConfig.BASE_URL, "ftp://fhir.example/r4"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(FhirAdapterConfig.BASE_URL);
    }

    @Test
    void documentsEveryKeyUnderTheFhirPrefix() {
        assertThat(FhirAdapterConfig.OPTIONS).allSatisfy(option -> assertThat(option.key()).startsWith("spa.fhir."));
    }
}
