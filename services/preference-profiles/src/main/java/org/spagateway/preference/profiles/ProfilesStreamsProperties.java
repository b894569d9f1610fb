package org.spagateway.preference.profiles;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.spagateway.kafka.support.KafkaConfig;

/** The Kafka Streams configuration of the profiles application, from its section and the shared Kafka settings. */
public final class ProfilesStreamsProperties {

    /** Appended to the configured client id prefix. */
    static final String CLIENT_ID_SUFFIX = "-profiles";

    private ProfilesStreamsProperties() {
    }

    public static Properties of(ProfilesConfig config, KafkaConfig kafka) {
        Properties properties = new Properties();
        // Security, TLS, SASL: every client of the application (consumer, producer, admin) gets them.
        properties.putAll(kafka.clientProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(StreamsConfig.CLIENT_ID_CONFIG, kafka.clientId() + CLIENT_ID_SUFFIX);
        // Store updates, ProfileUpdated records and the source offsets commit in one transaction (KIP-447).
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        // The classic group protocol, whose offsets ProfileRebuild deletes with Admin#deleteConsumerGroups.
        properties.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
        // No global stores here; set as Kafka Streams 5.0 will default it (and as its start-up warning asks).
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // A new application (or a rebuilt one) starts at the beginning of the choice log.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return properties;
    }
}
