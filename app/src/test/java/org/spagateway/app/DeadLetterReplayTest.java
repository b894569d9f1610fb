package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.kafka.support.KafkaConfig;

class DeadLetterReplayTest {

    @Test
    void takesKafkaSecurityFromTheEnvironmentAndTheClusterFromTheCommandLine() {
        KafkaConfig kafka = DeadLetterReplay.kafkaConfig("kafka:9093", Map.of(
                "SPA_KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092",
                "SPA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SPA_KAFKA_SASL_USERNAME", "admin",
                "SPA_KAFKA_SASL_PASSWORD", "replay-secret"));

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka:9093");
        assertThat(kafka.consumerProperties("consumer")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void answersAnIncompleteSecuritySettingAsAUsageErrorNamingTheVariable() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = DeadLetterReplay.run(new String[] {"--bootstrap-servers", "kafka:9093"},
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                Map.of("SPA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));

        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("SPA_KAFKA_SASL_USERNAME")
                .doesNotContain("replay-secret");
    }
}
