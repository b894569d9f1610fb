package org.spagateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.kafkasupport.KafkaConfig;

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
        KafkaConfig kafka = FhirAdapterConfig.from(ConfigSource.of(Map.of(
                KafkaConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                FhirAdapterConfig.CONSUMER_GROUP, "fhir-group"))).kafka();

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(kafka.clientId()).isEqualTo(FhirAdapterConfig.DEFAULT_CLIENT_ID);
        assertThat(kafka.consumerGroup()).isEqualTo("fhir-group");
        assertThat(kafka.sendTimeout()).isEqualTo(Duration.ofSeconds(30));
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
