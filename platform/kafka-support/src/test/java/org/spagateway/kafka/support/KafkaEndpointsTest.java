package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEndpointsTest {

    private final KafkaEndpoints endpoints = new KafkaEndpoints(new KafkaConfig("kafka:9092", "spa-routes",
            "spa-routes", Duration.ofSeconds(45), Map.of("security.protocol", "SSL")));

    @Test
    void consumesInTheConfiguredGroupCommittingManuallyAndStoppingOnTheFirstError() {
        String uri = endpoints.consumer("spa.study.received", "router", 50);

        assertThat(uri).startsWith("kafka:spa.study.received?")
                .contains("clientId=spa-routes-router", "groupId=spa-routes", "pollTimeoutMs=500",
                        "autoOffsetReset=earliest", "autoCommitEnable=false", "allowManualCommit=true",
                        "breakOnFirstError=true", "maxPollRecords=50",
                        "valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .doesNotContain("maxPollIntervalMs");
    }

    @Test
    void consumesInItsOwnGroupWithTheGivenPollSizeAndInterval() {
        String uri = endpoints.consumer("spa.candidates.ready", "export", "spa-export", 1, Duration.ofMinutes(7));

        assertThat(uri).contains("clientId=spa-routes-export", "groupId=spa-export", "maxPollRecords=1",
                "maxPollIntervalMs=420000", "allowManualCommit=true");
    }

    @Test
    void producesSynchronouslyIdempotentlyWithAllAcksWithinTheSendTimeout() {
        String uri = endpoints.producer("spa.inference.requested", "router");

        assertThat(uri).startsWith("kafka:spa.inference.requested?")
                .contains("clientId=spa-routes-router", "requestRequiredAcks=all", "enableIdempotence=true",
                        "synchronous=true", "lingerMs=0", "maxBlockMs=45000", "deliveryTimeoutMs=45000",
                        "requestTimeoutMs=30000",
                        "valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }

    @Test
    void capsTheRequestTimeoutAtTheSendTimeout() {
        KafkaEndpoints quick = new KafkaEndpoints(new KafkaConfig("kafka:9092", "spa", "spa", Duration.ofSeconds(5),
                Map.of()));

        assertThat(quick.producer("t", "p")).contains("requestTimeoutMs=5000", "deliveryTimeoutMs=5000");
        assertThat(endpoints.producer("t", "p", Duration.ofSeconds(15))).contains("requestTimeoutMs=15000");
        assertThatThrownBy(() -> quick.producer("t", "p", Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passesTheClientPropertiesToTheComponent() {
        assertThat(endpoints.component().getConfiguration().getBrokers()).isEqualTo("kafka:9092");
        assertThat(endpoints.component().getConfiguration().getAdditionalProperties())
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void aRecordProducerSendsToTheTopicEachRecordNames() {
        String uri = endpoints.recordProducer("router");

        assertThat(uri).startsWith("kafka:" + OutboundRecordWriter.TOPIC_EXPRESSION + "?")
                .contains("clientId=spa-routes-router-" + OutboundRecordWriter.TOPIC_EXPRESSION,
                        "requestRequiredAcks=all", "enableIdempotence=true", "synchronous=true");
    }

    @Test
    void leavesTheClusterAndPassThroughPropertiesToTheComponent() {
        assertThat(endpoints.producer("t", "p")).doesNotContain("security", "bootstrap", "kafka:9092");
        assertThat(endpoints.consumer("t", "c", 1)).doesNotContain("security", "bootstrap", "kafka:9092");
    }
}
