package org.spagateway.kafka.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * How a service reaches Kafka: the shared {@code spa.kafka.*} keys, and the one place that states the producer and
 * consumer properties every service uses ({@link #producerProperties}, {@link #consumerProperties}; Camel routes get
 * them through {@link KafkaEndpoints}). Study routing reads all the keys; another service builds one with its own
 * client id prefix and consumer group ({@link #withClient}).
 *
 * @param bootstrapServers   {@code host:port} list of the cluster
 * @param clientId           prefix of the Kafka client ids (one suffix per producer and consumer)
 * @param consumerGroup      default consumer group of the service's consumers
 * @param sendTimeout        how long a publish may take, metadata wait included, before the caller gets an error
 * @param clientProperties   Kafka client properties every client gets: the security settings
 *                           ({@link KafkaClientSecurity#properties()}) and any pass-through ones
 */
public record KafkaConfig(String bootstrapServers, String clientId, String consumerGroup, Duration sendTimeout,
                          Map<String, String> clientProperties) {

    public static final String BOOTSTRAP_SERVERS = "spa.kafka.bootstrap-servers";
    public static final String CLIENT_ID = "spa.kafka.client-id";
    public static final String CONSUMER_GROUP = "spa.kafka.consumer-group";
    public static final String SEND_TIMEOUT = "spa.kafka.send-timeout";
    /** Prefix of pass-through client properties: {@code spa.kafka.properties.security.protocol=SSL}. */
    public static final String PROPERTIES_PREFIX = "spa.kafka.properties.";

    public static final String DEFAULT_CLIENT_ID = "spa-routes";
    public static final String DEFAULT_CONSUMER_GROUP = "spa-routes";
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);

    private static final List<ConfigOption> CLIENT_OPTIONS = List.of(
            new ConfigOption(BOOTSTRAP_SERVERS, "",
                    "Kafka bootstrap servers (host:port, comma-separated); required unless the embedded broker runs."),
            new ConfigOption(CLIENT_ID, DEFAULT_CLIENT_ID,
                    "Prefix of the services' Kafka client ids, as seen in broker logs and quotas."),
            new ConfigOption(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP,
                    "Consumer group of the inference router on spa.study.received."),
            new ConfigOption(SEND_TIMEOUT, "30s",
                    "Longest wait for Kafka to acknowledge a published event before the publisher reports failure."),
            new ConfigOption(PROPERTIES_PREFIX + "<property>", "",
                    "Any other Kafka client property passed through unchanged, e.g. spa.kafka.properties.metadata.max"
                            + ".age.ms; security properties are set by the spa.kafka.security-protocol and ssl/sasl"
                            + " options, not here."));

    /** Every {@code spa.kafka.*} client option: the cluster, the client ids and the security settings. */
    public static final List<ConfigOption> OPTIONS = Stream.concat(CLIENT_OPTIONS.stream(),
            KafkaClientSecurity.OPTIONS.stream()).toList();

    public KafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The same cluster and client properties with another client id prefix and consumer group (another service). */
    public KafkaConfig withClient(String clientIdPrefix, String group) {
        return new KafkaConfig(bootstrapServers, clientIdPrefix, group, sendTimeout, clientProperties);
    }

    /**
     * The reliable producer every service uses, as Kafka client properties: acknowledged by all in-sync replicas,
     * idempotent (no duplicates from its own retries), no batching delay, and every send (metadata wait included)
     * bounded by the send timeout; requests each wait at most {@code requestTimeout}. Security and other pass-through
     * properties are included. {@link KafkaEndpoints} turns these into Camel endpoint options: this is the one place
     * they are stated.
     */
    public Map<String, Object> producerProperties(String clientIdSuffix, Duration requestTimeout) {
        long sendTimeoutMs = sendTimeout.toMillis();
        if (requestTimeout.toMillis() < 1 || requestTimeout.toMillis() > sendTimeoutMs) {
            // Kafka refuses a delivery timeout shorter than the request timeout (plus linger).
            throw new IllegalArgumentException("requestTimeout must be positive and at most the send timeout "
                    + sendTimeout + ": " + requestTimeout);
        }
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", clientId + "-" + clientIdSuffix);
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        properties.put("linger.ms", "0");
        properties.put("max.block.ms", Long.toString(sendTimeoutMs));
        properties.put("delivery.timeout.ms", Long.toString(sendTimeoutMs));
        properties.put("request.timeout.ms", Long.toString(requestTimeout.toMillis()));
        return Map.copyOf(properties);
    }

    /**
     * The consumer every service uses, as Kafka client properties: outside any group ({@code assign}, e.g. a view
     * read from the start), never committing by itself, starting at the earliest record where it has no offset.
     * Security and other pass-through properties are included.
     */
    public Map<String, Object> consumerProperties(String clientIdSuffix) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", clientId + "-" + clientIdSuffix);
        properties.put("enable.auto.commit", "false");
        properties.put("auto.offset.reset", "earliest");
        return Map.copyOf(properties);
    }

    /**
     * {@link #consumerProperties(String)} in consumer group {@code groupId}, at most {@code maxPollRecords} records
     * per poll: the service commits each record's offset itself, after the record's outputs are acknowledged.
     */
    public Map<String, Object> consumerProperties(String clientIdSuffix, String groupId, int maxPollRecords) {
        Map<String, Object> properties = new HashMap<>(consumerProperties(clientIdSuffix));
        properties.put("group.id", groupId);
        properties.put("max.poll.records", Integer.toString(maxPollRecords));
        return Map.copyOf(properties);
    }

    /** Properties for a Kafka admin client on the same cluster (e.g. the topic initializer), security included. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", clientId + "-admin");
        return Map.copyOf(properties);
    }

    /** Pass-through properties by name only: their values may hold credentials (e.g. sasl.jaas.config). */
    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", clientId=" + clientId + ", consumerGroup="
                + consumerGroup + ", sendTimeout=" + sendTimeout + ", clientProperties="
                + new TreeMap<>(clientProperties).keySet() + "]";
    }

    /** The same cluster and client ids, its clients secured by {@code security} instead of the current settings. */
    public KafkaConfig withSecurity(KafkaClientSecurity security) {
        Map<String, String> properties = new HashMap<>(clientProperties);
        properties.keySet().removeAll(KafkaClientSecurity.propertyNames());
        properties.putAll(security.properties());
        return new KafkaConfig(bootstrapServers, clientId, consumerGroup, sendTimeout, properties);
    }

    /** A PLAINTEXT cluster (the embedded broker, tests) with the default client id and consumer group. */
    public static KafkaConfig forBootstrapServers(String bootstrapServers) {
        return new KafkaConfig(bootstrapServers, DEFAULT_CLIENT_ID, DEFAULT_CONSUMER_GROUP, DEFAULT_SEND_TIMEOUT,
                KafkaClientSecurity.PLAINTEXT.properties());
    }

    public static KafkaConfig from(ConfigSource config) {
        Duration sendTimeout = config.duration(SEND_TIMEOUT, DEFAULT_SEND_TIMEOUT);
        if (sendTimeout.toMillis() < 1_000) {
            throw new ConfigException(SEND_TIMEOUT, "must be at least 1s");
        }
        String bootstrapServers = config.requiredString(BOOTSTRAP_SERVERS);
        Map<String, String> properties = passThrough(config);
        for (String property : KafkaClientSecurity.propertyNames()) {
            if (properties.containsKey(property)) {
                throw new ConfigException(PROPERTIES_PREFIX + property, "security properties are set by "
                        + KafkaClientSecurity.SECURITY_PROTOCOL + " and the spa.kafka.ssl-*/sasl-* options");
            }
        }
        properties.putAll(KafkaClientSecurity.from(config, bootstrapServers).properties());
        return new KafkaConfig(bootstrapServers,
                config.string(CLIENT_ID, DEFAULT_CLIENT_ID),
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP),
                sendTimeout,
                properties);
    }

    /** Every {@code spa.kafka.properties.*} key, however many dots the Kafka property name has. */
    private static Map<String, String> passThrough(ConfigSource config) {
        Map<String, String> properties = new TreeMap<>();
        List<String> pending = new ArrayList<>(List.of(PROPERTIES_PREFIX));
        while (!pending.isEmpty()) {
            String prefix = pending.remove(pending.size() - 1);
            for (String name : config.namesUnder(prefix)) {
                String key = prefix + name;
                config.raw(key).ifPresent(value -> properties.put(key.substring(PROPERTIES_PREFIX.length()), value));
                pending.add(key + ".");
            }
        }
        return properties;
    }
}
