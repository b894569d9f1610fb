package org.spagateway.routes;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Camel Kafka endpoint URIs and the component, from {@link KafkaConfig}: the one place Kafka client settings live. */
final class KafkaEndpoints {

    /** Without a short poll timeout, stopping the consumer waits out a 5-10 s poll (DESIGN.md, Kafka pitfalls). */
    static final int POLL_TIMEOUT_MS = 500;

    private final KafkaConfig config;

    KafkaEndpoints(KafkaConfig config) {
        this.config = config;
    }

    KafkaComponent component() {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(config.bootstrapServers());
        Map<String, Object> passThrough = new HashMap<>(config.clientProperties());
        configuration.setAdditionalProperties(passThrough);
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(configuration);
        return component;
    }

    /**
     * A reliable producer: acknowledged by all in-sync replicas, idempotent (no duplicates from its own retries),
     * synchronous so a failure reaches the caller (and a consumer's offset is committed only after the send).
     */
    String producer(String topic, String role) {
        int sendTimeoutMs = (int) Math.min(Integer.MAX_VALUE, config.sendTimeout().toMillis());
        return "kafka:" + topic
                + "?clientId=" + config.clientId() + "-" + role
                + "&requestRequiredAcks=all"
                + "&enableIdempotence=true"
                + "&synchronous=true"
                + "&lingerMs=0"
                + "&maxBlockMs=" + sendTimeoutMs
                + "&deliveryTimeoutMs=" + sendTimeoutMs
                + "&requestTimeoutMs=" + Math.min(sendTimeoutMs, 30_000)
                + "&valueSerializer=" + ByteArraySerializer.class.getName();
    }

    /**
     * A consumer that commits each record's offset itself after the record's outputs are acknowledged, and on a
     * failure seeks back to the record and polls it again instead of skipping it.
     */
    String consumer(String topic, String role) {
        return consumer(topic, role, config.consumerGroup()) + "&maxPollRecords=50";
    }

    /**
     * The export route's consumer: its own group, one record per poll, and a poll interval long enough for the
     * worst case of one record (every C-STORE attempt to every destination timing out, plus the backoff waits), so a
     * struggling PACS never gets the consumer thrown out of its group mid-record.
     */
    String exportConsumer(String topic, ExportConfig export) {
        long maxPollIntervalMs = Math.max(300_000L, export.worstCaseRecordTime().toMillis() + 60_000L);
        return consumer(topic, "export", export.consumerGroup())
                + "&maxPollRecords=1"
                + "&maxPollIntervalMs=" + maxPollIntervalMs;
    }

    private String consumer(String topic, String role, String groupId) {
        return "kafka:" + topic
                + "?clientId=" + config.clientId() + "-" + role
                + "&groupId=" + groupId
                + "&pollTimeoutMs=" + POLL_TIMEOUT_MS
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                + "&breakOnFirstError=true"
                + "&valueDeserializer=" + ByteArrayDeserializer.class.getName();
    }
}
