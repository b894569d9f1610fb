package org.spagateway.kafka.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Camel Kafka endpoint URIs and the component, from {@link KafkaConfig}: the one place the services' Kafka client
 * settings live. Consumers commit each record's offset themselves ({@link ManualOffsetCommit}, after the record's
 * side effects) and on a failure seek back to the record and poll it again instead of skipping it; producers are
 * acknowledged by all in-sync replicas, idempotent and synchronous. Values are bytes on both sides.
 */
public final class KafkaEndpoints {

    /** Without a short poll timeout, stopping the consumer waits out a 5-10 s poll (DESIGN.md, Kafka pitfalls). */
    public static final int POLL_TIMEOUT_MS = 500;
    private static final int MAX_REQUEST_TIMEOUT_MS = 30_000;

    private final KafkaConfig config;

    public KafkaEndpoints(KafkaConfig config) {
        this.config = config;
    }

    /** The {@code kafka} component: the cluster and the pass-through client properties (security, TLS, SASL). */
    public KafkaComponent component() {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(config.bootstrapServers());
        Map<String, Object> passThrough = new HashMap<>(config.clientProperties());
        configuration.setAdditionalProperties(passThrough);
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(configuration);
        return component;
    }

    /** A reliable producer whose requests each wait at most the send timeout, capped at 30 s. */
    public String producer(String topic, String clientIdSuffix) {
        return producer(topic, clientIdSuffix, Duration.ofMillis(Math.min(sendTimeoutMs(), MAX_REQUEST_TIMEOUT_MS)));
    }

    /**
     * A reliable producer: acknowledged by all in-sync replicas, idempotent (no duplicates from its own retries),
     * synchronous so a failure reaches the caller (and a consumer's offset is committed only after the send). The
     * whole send, metadata wait included, is bounded by the configured send timeout.
     *
     * @param clientIdSuffix appended to the configured client id prefix
     * @param requestTimeout the longest wait for one produce request, at most the send timeout
     */
    public String producer(String topic, String clientIdSuffix, Duration requestTimeout) {
        int sendTimeoutMs = sendTimeoutMs();
        if (requestTimeout.toMillis() < 1 || requestTimeout.toMillis() > sendTimeoutMs) {
            // Kafka refuses a delivery timeout shorter than the request timeout (plus linger).
            throw new IllegalArgumentException("requestTimeout must be positive and at most the send timeout "
                    + config.sendTimeout() + ": " + requestTimeout);
        }
        return "kafka:" + topic
                + "?clientId=" + config.clientId() + "-" + clientIdSuffix
                + "&requestRequiredAcks=all"
                + "&enableIdempotence=true"
                + "&synchronous=true"
                + "&lingerMs=0"
                + "&maxBlockMs=" + sendTimeoutMs
                + "&deliveryTimeoutMs=" + sendTimeoutMs
                + "&requestTimeoutMs=" + requestTimeout.toMillis()
                + "&valueSerializer=" + ByteArraySerializer.class.getName();
    }

    /** A consumer in the configured consumer group (see {@link #consumer(String, String, String, int, Duration)}). */
    public String consumer(String topic, String clientIdSuffix, int maxPollRecords) {
        return consumer(topic, clientIdSuffix, config.consumerGroup()) + "&maxPollRecords=" + maxPollRecords;
    }

    /**
     * A consumer that commits each record's offset itself after the record's outputs are acknowledged, and on a
     * failure seeks back to the record and polls it again instead of skipping it.
     *
     * @param groupId         its consumer group
     * @param maxPollRecords  records per poll
     * @param maxPollInterval the longest time between polls before the group evicts the consumer: longer than the
     *                        worst case of {@code maxPollRecords} records
     */
    public String consumer(String topic, String clientIdSuffix, String groupId, int maxPollRecords,
                           Duration maxPollInterval) {
        return consumer(topic, clientIdSuffix, groupId)
                + "&maxPollRecords=" + maxPollRecords
                + "&maxPollIntervalMs=" + maxPollInterval.toMillis();
    }

    private String consumer(String topic, String clientIdSuffix, String groupId) {
        return "kafka:" + topic
                + "?clientId=" + config.clientId() + "-" + clientIdSuffix
                + "&groupId=" + groupId
                + "&pollTimeoutMs=" + POLL_TIMEOUT_MS
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                + "&breakOnFirstError=true"
                + "&valueDeserializer=" + ByteArrayDeserializer.class.getName();
    }

    private int sendTimeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, config.sendTimeout().toMillis());
    }
}
