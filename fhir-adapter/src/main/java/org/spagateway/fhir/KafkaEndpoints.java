package org.spagateway.fhir;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Camel Kafka endpoint URIs of the adapter: the same reliability settings as the routes service (manual commit after
 * the side effect, re-poll on failure, acks=all idempotent producer); services do not depend on each other, so the
 * few lines are repeated here.
 */
final class KafkaEndpoints {

    /** Without a short poll timeout, stopping the consumer waits out a long poll (DESIGN.md, Kafka pitfalls). */
    static final int POLL_TIMEOUT_MS = 500;
    private static final int SEND_TIMEOUT_MS = 30_000;

    private final FhirAdapterConfig config;

    KafkaEndpoints(FhirAdapterConfig config) {
        this.config = config;
    }

    KafkaComponent component() {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(config.bootstrapServers());
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(configuration);
        return component;
    }

    String consumer(String topic) {
        return "kafka:" + topic
                + "?clientId=" + config.clientId() + "-" + topic
                + "&groupId=" + config.consumerGroup()
                + "&pollTimeoutMs=" + POLL_TIMEOUT_MS
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                + "&breakOnFirstError=true"
                + "&maxPollRecords=20"
                + "&valueDeserializer=" + ByteArrayDeserializer.class.getName();
    }

    String producer(String topic) {
        return "kafka:" + topic
                + "?clientId=" + config.clientId() + "-" + topic + "-producer"
                + "&requestRequiredAcks=all"
                + "&enableIdempotence=true"
                + "&synchronous=true"
                + "&lingerMs=0"
                + "&maxBlockMs=" + SEND_TIMEOUT_MS
                + "&requestTimeoutMs=" + SEND_TIMEOUT_MS / 2
                + "&deliveryTimeoutMs=" + SEND_TIMEOUT_MS
                + "&valueSerializer=" + ByteArraySerializer.class.getName();
    }
}
