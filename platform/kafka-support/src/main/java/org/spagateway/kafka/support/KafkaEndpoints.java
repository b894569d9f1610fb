package org.spagateway.kafka.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Camel Kafka endpoint URIs and the component, from the client properties {@link KafkaConfig} states for every
 * producer and consumer (the plain Kafka clients of the worker use the same maps). Consumers commit each record's
 * offset themselves ({@link ManualOffsetCommit}, after the record's side effects) and on a failure seek back to the
 * record and poll it again instead of skipping it; producers are acknowledged by all in-sync replicas, idempotent and
 * synchronous. Values are bytes on both sides.
 */
public final class KafkaEndpoints {

    /** Without a short poll timeout, stopping the consumer waits out a 5-10 s poll (DESIGN.md, Kafka pitfalls). */
    public static final int POLL_TIMEOUT_MS = 500;
    private static final int MAX_REQUEST_TIMEOUT_MS = 30_000;

    /** Kafka client property -> the Camel Kafka endpoint option that sets it. */
    private static final Map<String, String> CAMEL_OPTIONS = Map.ofEntries(
            Map.entry("client.id", "clientId"),
            Map.entry("acks", "requestRequiredAcks"),
            Map.entry("enable.idempotence", "enableIdempotence"),
            Map.entry("linger.ms", "lingerMs"),
            Map.entry("max.block.ms", "maxBlockMs"),
            Map.entry("delivery.timeout.ms", "deliveryTimeoutMs"),
            Map.entry("request.timeout.ms", "requestTimeoutMs"),
            Map.entry("group.id", "groupId"),
            Map.entry("enable.auto.commit", "autoCommitEnable"),
            Map.entry("auto.offset.reset", "autoOffsetReset"),
            Map.entry("max.poll.records", "maxPollRecords"));

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
        return producer(topic, clientIdSuffix, defaultRequestTimeout());
    }

    /**
     * A reliable producer ({@link KafkaConfig#producerProperties}), synchronous so a failure reaches the caller (and a
     * consumer's offset is committed only after the send).
     *
     * @param clientIdSuffix appended to the configured client id prefix
     * @param requestTimeout the longest wait for one produce request, at most the send timeout
     */
    public String producer(String topic, String clientIdSuffix, Duration requestTimeout) {
        return "kafka:" + topic + "?" + options(config.producerProperties(clientIdSuffix, requestTimeout))
                + "&synchronous=true"
                + "&valueSerializer=" + ByteArraySerializer.class.getName();
    }

    /**
     * A producer for routes whose records name their own topics ({@link OutboundRecordWriter}), for {@code toD}: the
     * endpoint is the record's topic, one producer per topic, so no endpoint names a topic it does not write.
     */
    public String recordProducer(String clientIdSuffix) {
        return producer(OutboundRecordWriter.TOPIC_EXPRESSION,
                clientIdSuffix + "-" + OutboundRecordWriter.TOPIC_EXPRESSION);
    }

    /** A consumer in the configured consumer group (see {@link #consumer(String, String, String, int, Duration)}). */
    public String consumer(String topic, String clientIdSuffix, int maxPollRecords) {
        return consumer(topic, clientIdSuffix, config.consumerGroup(), maxPollRecords);
    }

    /**
     * A consumer ({@link KafkaConfig#consumerProperties(String, String, int)}) that commits each record's offset
     * itself after the record's outputs are acknowledged, and on a failure seeks back to the record and polls it again
     * instead of skipping it. Routes add {@link RecordFaults} so that only a dependency that is down makes a record
     * come again; a failure of the record itself ends in the dead-letter topic.
     *
     * @param groupId         its consumer group
     * @param maxPollRecords  records per poll
     * @param maxPollInterval the longest time between polls before the group evicts the consumer: longer than the
     *                        worst case of {@code maxPollRecords} records
     */
    public String consumer(String topic, String clientIdSuffix, String groupId, int maxPollRecords,
                           Duration maxPollInterval) {
        return consumer(topic, clientIdSuffix, groupId, maxPollRecords)
                + "&maxPollIntervalMs=" + maxPollInterval.toMillis();
    }

    private String consumer(String topic, String clientIdSuffix, String groupId, int maxPollRecords) {
        return "kafka:" + topic + "?" + options(config.consumerProperties(clientIdSuffix, groupId, maxPollRecords))
                + "&pollTimeoutMs=" + POLL_TIMEOUT_MS
                + "&allowManualCommit=true"
                + "&breakOnFirstError=true"
                + "&valueDeserializer=" + ByteArrayDeserializer.class.getName();
    }

    /**
     * Kafka client properties as the Camel endpoint options that set them, in a stable order. The cluster and the
     * pass-through properties are the component's ({@link #component()}); any other property without a Camel option
     * here is a programming error, found by the first test that builds an endpoint.
     */
    private String options(Map<String, Object> properties) {
        StringJoiner options = new StringJoiner("&");
        new TreeMap<>(properties).forEach((property, value) -> {
            String option = CAMEL_OPTIONS.get(property);
            if (option != null) {
                options.add(option + "=" + value);
            } else if (!property.equals("bootstrap.servers") && !config.clientProperties().containsKey(property)) {
                throw new IllegalStateException("no Camel Kafka endpoint option for client property " + property);
            }
        });
        return options.toString();
    }

    private Duration defaultRequestTimeout() {
        return Duration.ofMillis(Math.min(config.sendTimeout().toMillis(), MAX_REQUEST_TIMEOUT_MS));
    }
}
